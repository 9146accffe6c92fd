import '../common/zod-jitless';
import { createRoot } from 'react-dom/client';
import { AppealPage } from './appeal-page';

createRoot(document.getElementById('root')!).render(<AppealPage />);
