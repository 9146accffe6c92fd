import { z } from 'zod';
import { ApiError } from '../errors';

/** Position on the board, which is ordered by capture time then id, newest first. */
export interface BoardPosition {
  capturedAt: string;
  id: string;
}

const Position = z.strictObject({ c: z.iso.datetime(), i: z.uuid() });

/** Opaque cursor for the position after which the next page starts. */
export function encodeCursor(position: BoardPosition): string {
  return Buffer.from(JSON.stringify({ c: position.capturedAt, i: position.id })).toString(
    'base64url',
  );
}

/** Reads a cursor from {@link encodeCursor}; a 400 naming `cursor` when it is not one. */
export function decodeCursor(cursor: string): BoardPosition {
  try {
    const parsed = Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { capturedAt: parsed.c, id: parsed.i };
  } catch {
    throw new ApiError(
      'validation_failed',
      'invalid cursor: pass nextCursor from the previous page',
      [{ path: 'cursor', message: 'not a cursor returned by this endpoint' }],
    );
  }
}
