import { createMessenger } from './create-messenger';
import { PROTOCOL } from './protocol';

export { MessageRejected } from './create-messenger';

/** The whole protocol, for the background, the side panel, the popup and the options page. */
export const { sendMessage, onMessage } = createMessenger(PROTOCOL);
