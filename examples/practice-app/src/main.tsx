import { createIndexedDbStorage } from '@pacekit/core/browser';
import { createLearnerStore, createPacer, PacekitProvider } from '@pacekit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bkt, items, skills } from './course';

const pacer = createPacer({ skills, items, bkt });
// The learner's log lives in IndexedDB; other tabs hear of changes and stay in sync.
const store = createLearnerStore({
  learner: pacer.learner,
  learnerId: 'me',
  storage: createIndexedDbStorage({ database: 'pacekit-practice' }),
});

store.ready.then(
  () => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <PacekitProvider store={store} pacer={pacer}>
          <App pacer={pacer} />
        </PacekitProvider>
      </StrictMode>,
    );
  },
  (error: Error) => {
    document.getElementById('root')!.textContent = `Could not read saved progress: ${error.message}`;
  },
);
