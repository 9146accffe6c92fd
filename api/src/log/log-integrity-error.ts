/** The log no longer matches what it published: the server must not serve it. */
export class LogIntegrityError extends Error {
  override readonly name = 'LogIntegrityError';
}
