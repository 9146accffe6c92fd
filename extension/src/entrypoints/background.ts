import { defineBackground } from 'wxt/utils/define-background';
import { offscreenClassifierLoader } from '@/utils/classifier/offscreen-classifier';
import { registerBackground } from '@/utils/background/handlers';

export default defineBackground(() => {
  // Chrome: the model lives in an offscreen document closed when idle, and the service worker
  // bundles no TensorFlow.js. Firefox (an event page, no offscreen documents): in the background.
  registerBackground(
    import.meta.env.FIREFOX
      ? () => import('@/utils/classifier/shipped-classifier').then((m) => m.loadShippedClassifier())
      : offscreenClassifierLoader(),
  );
});
