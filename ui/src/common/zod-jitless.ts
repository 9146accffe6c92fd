/**
 * Imported first by each page's script: the pages' CSP allows no eval, so zod must not try to
 * compile its object parsers with `new Function`. zod decides when a schema is built, which the
 * shared modules do as they load, so this must run before any of them.
 */
import { config } from 'zod';

config({ jitless: true });
