import { createMessenger } from './create-messenger';
import { PAGE_PROTOCOL } from './page-protocol';

/** The content script's share of the protocol (see page-protocol.ts). */
export const { sendMessage, onMessage } = createMessenger(PAGE_PROTOCOL);
