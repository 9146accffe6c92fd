import type { z } from 'zod';
import type { ExtensionMessage } from '@webext-core/messaging';
import type { PAGE_PROTOCOL } from './page-protocol';
import { wire } from './wire';

type PageProtocol = typeof PAGE_PROTOCOL;
type Data<T extends keyof PageProtocol> = z.input<PageProtocol[T][0]>;
type Answer<T extends keyof PageProtocol> = z.output<PageProtocol[T][1]>;

/**
 * The content script's share of the protocol (see page-protocol.ts), typed by its schemas but
 * without them: the script runs on every page, and building zod and the schemas was its
 * start-up's longest task on the page's main thread. Nothing goes unchecked: each message the
 * content script sends is parsed by the background or the side panel where it arrives, and each
 * one it receives was parsed by its sender before it left (see create-messenger.ts).
 */
export async function sendMessage<T extends keyof PageProtocol & string>(
  type: T,
  data: Data<T>,
): Promise<Answer<T>> {
  return (await wire.sendMessage(type, data)) as Answer<T>;
}

/** Answers one message type from the side panel; see {@link sendMessage} for who checks what. */
export function onMessage<T extends keyof PageProtocol & string>(
  type: T,
  handler: (
    data: z.output<PageProtocol[T][0]>,
    sender: ExtensionMessage['sender'],
  ) => Promise<Answer<T>> | Answer<T>,
): () => void {
  return wire.onMessage(type, async (message) =>
    handler(message.data as z.output<PageProtocol[T][0]>, message.sender),
  );
}
