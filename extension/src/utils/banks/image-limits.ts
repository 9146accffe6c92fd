/** Images a content script asks the background to hash and match per message. */
export const MAX_IMAGES_PER_MATCH = 20;
/** Images smaller than this on either side (icons, avatars, spacers) are not hashed. */
export const MIN_IMAGE_SIDE = 64;
