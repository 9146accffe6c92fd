import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '@/utils/content/run-content';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const stop = await runContentScript(document);
    ctx.onInvalidated(stop);
  },
});
