import pino, { type Logger } from 'pino';

/** The process logger (JSON lines on stdout); `level` from `LOG_LEVEL`. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'counterweight-api' } });
}
