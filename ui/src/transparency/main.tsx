import '../common/zod-jitless';
import { createRoot } from 'react-dom/client';
import { TransparencyPage } from './transparency-page';

createRoot(document.getElementById('root')!).render(<TransparencyPage />);
