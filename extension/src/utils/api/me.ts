import { z } from 'zod';

/** What `GET /v1/me` tells a token about itself; unknown extra fields are ignored. */
export const Me = z.object({ role: z.string().min(1), name: z.string().nullish() });
export type Me = z.infer<typeof Me>;
