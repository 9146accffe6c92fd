import { TARGETED_GROUP_IDS, TARGETED_GROUP_NAMES } from '@counterweight/shared/target';

/** The targeted groups (CONAN's list) as id and name, the shape of the other taxonomy lists. */
export const TARGETED_GROUPS = TARGETED_GROUP_IDS.map((id) => ({
  id,
  name: TARGETED_GROUP_NAMES[id],
}));
