import { defineExtensionMessaging, type ExtensionMessage } from '@webext-core/messaging';

// Types come from the protocol's schemas, so the library sees plain unknown data.
export interface Wire {
  sendMessage(type: string, data: unknown, tabId?: number): Promise<unknown>;
  onMessage(
    type: string,
    cb: (message: { data: unknown } & ExtensionMessage) => Promise<unknown>,
  ): () => void;
}

/** The one message channel between the extension's parts (@webext-core/messaging). */
export const wire = defineExtensionMessaging() as unknown as Wire;
