import { loadShippedClassifier } from '@/utils/classifier/shipped-classifier';
import { serveModel } from '@/utils/classifier/serve-model';

serveModel(loadShippedClassifier);
