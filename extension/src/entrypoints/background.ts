import { defineBackground } from 'wxt/utils/define-background';
import { loadShippedClassifier } from '@/utils/classifier/shipped-classifier';
import { registerBackground } from '@/utils/background/handlers';

export default defineBackground(() => {
  registerBackground(loadShippedClassifier);
});
