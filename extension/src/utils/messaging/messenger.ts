import { defineExtensionMessaging, type ExtensionMessage } from '@webext-core/messaging';
import { z } from 'zod';
import { PROTOCOL, type MessageAnswer, type MessageData, type MessageType } from './protocol';

// Types come from PROTOCOL and its schemas, so the library sees plain unknown data.
interface Wire {
  sendMessage(type: string, data: unknown, tabId?: number): Promise<unknown>;
  onMessage(
    type: string,
    cb: (message: { data: unknown } & ExtensionMessage) => Promise<unknown>,
  ): () => void;
}
const messenger = defineExtensionMessaging() as unknown as Wire;

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
 * Sends a message of the protocol to the background (no `tabId`) or to a tab's content script,
 * and parses the answer with the protocol's schema. Throws when nobody answers.
 */
export async function sendMessage<T extends MessageType>(
  type: T,
  data: MessageData<T>,
  tabId?: number,
): Promise<MessageAnswer<T>> {
  const [dataSchema, answerSchema] = PROTOCOL[type];
  const outgoing = parse(dataSchema, data, type, 'data');
  const answer = await messenger.sendMessage(type, outgoing, tabId);
  return parse(answerSchema, answer, type, 'answer') as MessageAnswer<T>;
}

/**
 * Handles one message type in this context. The data is parsed before the handler sees it and
 * the answer before it leaves; a failure reaches the sender as a thrown error.
 */
export function onMessage<T extends MessageType>(
  type: T,
  handler: (
    data: z.output<(typeof PROTOCOL)[T][0]>,
    sender: ExtensionMessage['sender'],
  ) => Promise<MessageAnswer<T>> | MessageAnswer<T>,
): () => void {
  const [dataSchema, answerSchema] = PROTOCOL[type];
  return messenger.onMessage(type, async (message) => {
    const data = parse(dataSchema, message.data, type, 'data');
    const answer = await handler(data as z.output<(typeof PROTOCOL)[T][0]>, message.sender);
    return parse(answerSchema, answer, type, 'answer');
  });
}
