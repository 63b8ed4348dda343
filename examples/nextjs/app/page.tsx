// A Server Component: it imports from @pacekit/core and @pacekit/pacing (never @pacekit/react,
// whose hooks are client code), folds a learner's events and renders what comes next.
import { createEvent } from '@pacekit/core';
import { createPacer, describeReason } from '@pacekit/pacing';
import { items, skills } from './course';
import { Practice } from './Practice';

const pacer = createPacer({ skills, items });

// Rendered per request: the recommendation depends on the time.
export const dynamic = 'force-dynamic';

/** Ada's log as a server would load it from its database: two right answers on equal parts. */
function adasEvents(now: number) {
  return [1, 2].map((n) =>
    createEvent({
      type: 'attempt',
      id: `ada-${n}`,
      learnerId: 'ada',
      at: now - (3 - n) * 60_000,
      itemId: `equal-parts-${n}`,
      correct: true,
    }),
  );
}

export default function Page() {
  const now = Date.now();
  const state = pacer.learner.replay('ada', adasEvents(now));
  const [next] = pacer.next(state, { now });
  return (
    <main>
      <h1>Pacekit on Next.js</h1>
      <section>
        <h2>Ada's next activity (rendered on the server)</h2>
        {next ? (
          <p data-next-activity={next.itemId}>
            <strong>{next.itemId}</strong> ({next.kind}):{' '}
            {next.reasons.map((reason) => pacer.describe(reason)).join(' ')}
          </p>
        ) : (
          <p>Nothing to do right now.</p>
        )}
        <p>
          Reasons as the library words them without skill names: {next?.reasons.map(describeReason).join(' ')}
        </p>
      </section>
      <section>
        <h2>Your practice (in this browser)</h2>
        <Practice learnerId="guest" />
      </section>
    </main>
  );
}
