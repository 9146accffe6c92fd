import type { ExtensionMessage } from '@webext-core/messaging';
import { z } from 'zod';
import { wire } from './wire';

/** Message type → [data schema, answer schema]. */
export type Protocol = Record<string, readonly [z.ZodType, z.ZodType]>;

/** A message that failed its schema where it arrived; names the message and the fields. */
export class MessageRejected extends Error {
  constructor(type: string, side: 'data' | 'answer', error: z.ZodError) {
    super(`${type} ${side} rejected: ${z.prettifyError(error)}`);
    this.name = 'MessageRejected';
  }
}

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  type: string,
  side: 'data' | 'answer',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MessageRejected(type, side, parsed.error);
  return parsed.data;
}

/**
 * Typed `sendMessage` / `onMessage` for a protocol. Every part of the extension speaks the same
 * wire format; each context binds only the messages it uses, so it builds only their schemas.
 */
export function createMessenger<P extends Protocol>(protocol: P) {
  return {
    /**
     * Sends a message to the background (no `tabId`) or to a tab's content script and parses
     * the answer with the protocol's schema. Throws when nobody answers.
     */
    async sendMessage<T extends keyof P & string>(
      type: T,
      data: z.input<P[T][0]>,
      tabId?: number,
    ): Promise<z.output<P[T][1]>> {
      const [dataSchema, answerSchema] = protocol[type]!;
      const outgoing = parse(dataSchema, data, type, 'data');
      const answer = await wire.sendMessage(type, outgoing, tabId);
      return parse(answerSchema, answer, type, 'answer') as z.output<P[T][1]>;
    },

    /**
     * Handles one message type in this context. The data is parsed before the handler sees it;
     * the answer is parsed once, where it arrives ({@link sendMessage}), not also before it
     * leaves: a side panel asking for a page's 1,000 flags paid for two parses of each.
     * A failure reaches the sender as a thrown error.
     */
    onMessage<T extends keyof P & string>(
      type: T,
      handler: (
        data: z.output<P[T][0]>,
        sender: ExtensionMessage['sender'],
      ) => Promise<z.output<P[T][1]>> | z.output<P[T][1]>,
    ): () => void {
      const [dataSchema] = protocol[type]!;
      return wire.onMessage(type, async (message) => {
        const data = parse(dataSchema, message.data, type, 'data') as z.output<P[T][0]>;
        return handler(data, message.sender);
      });
    },
  };
}
