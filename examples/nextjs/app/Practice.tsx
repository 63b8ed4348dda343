'use client';
// A Client Component: the hooks, and the learner store with IndexedDB — created in the browser
// only (in an effect), since a server has no IndexedDB.
import { createIndexedDbStorage } from '@pacekit/core/browser';
import {
  createLearnerStore,
  createPacer,
  describeReason,
  type LearnerStore,
  PacekitProvider,
  useMastery,
  useNextActivity,
  useRecord,
} from '@pacekit/react';
import { useEffect, useState } from 'react';
import { items, skills } from './course';

const pacer = createPacer({ skills, items });

export function Practice({ learnerId }: { learnerId: string }) {
  const [store, setStore] = useState<LearnerStore>();
  useEffect(() => {
    const created = createLearnerStore({
      learner: pacer.learner,
      learnerId,
      storage: createIndexedDbStorage(),
    });
    setStore(created);
    return () => created.destroy();
  }, [learnerId]);
  if (!store) return <p>Loading your practice…</p>;
  return (
    <PacekitProvider store={store} pacer={pacer}>
      <Next learnerId={learnerId} />
    </PacekitProvider>
  );
}

function Next({ learnerId }: { learnerId: string }) {
  const [now, setNow] = useState(() => Date.now());
  const [next] = useNextActivity({ now });
  const { mastered } = useMastery('equal-parts');
  const record = useRecord();
  if (!next) return <p>All done for now.</p>;
  const answer = async (correct: boolean) => {
    const at = Date.now();
    await record({ type: 'attempt', id: crypto.randomUUID(), learnerId, at, itemId: next.itemId, correct });
    setNow(at);
  };
  return (
    <div>
      <p>
        Next: <strong>{next.itemId}</strong> — {next.reasons.map(describeReason).join(' ')}
      </p>
      <button type="button" onClick={() => answer(true)}>
        I got it right
      </button>{' '}
      <button type="button" onClick={() => answer(false)}>
        I got it wrong
      </button>
      <p>Equal parts: {mastered ? 'mastered' : 'learning'}</p>
    </div>
  );
}
