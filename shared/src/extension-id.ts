/**
 * The extension's fixed identity. Chromium derives an extension's id from the `key` in its
 * manifest (the first 32 hex digits of SHA-256 of the key's DER bytes, written with the letters
 * a-p); without a key, an unpacked extension's id is derived from its folder's path and differs
 * on every machine. The built extension carries this key (`extension/wxt.config.ts`), so its id
 * is {@link EXTENSION_ID} wherever it is loaded, and the API admits that id by CORS by default.
 *
 * Only the public key is here: it fixes the id and signs nothing. An extension published in the
 * Chrome Web Store gets the store's id instead; add it to COUNTERWEIGHT_EXTENSION_IDS then.
 */
export const EXTENSION_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmhCDw7ts4iG8S/31iWRMYzBqje3a4C72nrs1Y2hMu0Huu69ibj5ypUCjG1nitXE9/x5xMGjbeGqo3wiUiyfJ8B9UoBda2eIoPaJI5KKGJFp8Y+Q6LcCyY9r20NPk9as5BZsELIQ7o9IsY78H4VnRqarLqaBqO/mSiViINHcbpZG97pznvSsjly10AmP+2XqL+GrzOc6bGIgMWLGyhB3VjFpib5M5jbwWj0xAW9xI06nCKpvJGA7oXBJF2ePsXH+WAyyMe6unxyznzSvFFCXDFzbZbijopgMlNLcGGVXmxZJ0crG1nnQpG5AqjzifB6a4mv/ht6PuM3NB3zuVFi4spwIDAQAB';

/** The Chromium extension id that {@link EXTENSION_MANIFEST_KEY} gives (checked by a test). */
export const EXTENSION_ID = 'knakeeaobbhllbaopchanlpnfccgnifn';

/** A Chromium extension id: 32 letters a-p. */
export const CHROMIUM_EXTENSION_ID = /^[a-p]{32}$/;
