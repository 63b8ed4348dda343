import type { Pacer } from '@pacekit/pacing';
import { describeClassReason, summarizeClass } from '@pacekit/pacing/class';
import { useLearner } from '@pacekit/react';
import { useMemo } from 'react';
import { pupilName, seededClass } from './classroom';
import { skillName, skills } from './course';
import { percent } from './words';

const CELL = { mastered: '✓', learning: '…', struggling: '!', 'not-started': '' } as const;

/** The teacher's dashboard: a seeded class of simulated pupils and the learner of this page. */
export function Dashboard({ pacer, now }: { pacer: Pacer; now: number }) {
  const me = useLearner((s) => s);
  const pupils = useMemo(() => seededClass(pacer, now), [pacer, now]);
  const summary = useMemo(
    () => summarizeClass([...pupils, me], pacer, { now, oneOnOneLimit: 10 }),
    [pupils, me, pacer, now],
  );
  return (
    <>
      <section aria-labelledby="help-heading">
        <h2 id="help-heading">Who to see today</h2>
        <ol data-testid="one-on-one">
          {summary.oneOnOne.map((o) => (
            <li key={o.learnerId} data-learner={o.learnerId}>
              <strong>{pupilName(o.learnerId)}</strong>
              <ul>
                {o.reasons.map((r) => (
                  <li key={r.code}>{describeClassReason(r, skillName)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">Small groups</h2>
        <ul data-testid="groups" className="groups">
          {summary.groups.map((g) => (
            <li key={`${g.kind}-${g.skillId}`} data-kind={g.kind} data-skill={g.skillId}>
              {g.kind === 'ready' ? 'Ready for' : 'Stuck on'} <strong>{skillName(g.skillId)}</strong>:{' '}
              {g.learnerIds.map(pupilName).join(', ')}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="matrix-heading" className="matrix-section">
        <h2 id="matrix-heading">Mastery</h2>
        {/* A region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard. */}
        <section className="matrix-scroll" aria-labelledby="matrix-heading" tabIndex={0}>
          <table data-testid="matrix" className="matrix">
            <caption>
              Each pupil's estimated mastery of each skill (✓ mastered, ! struggling, … learning)
            </caption>
            <thead>
              <tr>
                <th scope="col">Pupil</th>
                {skills.map((s) => (
                  <th key={s.id} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.mastery.learnerIds.map((learnerId, l) => (
                <tr key={learnerId} data-learner={learnerId}>
                  <th scope="row">{pupilName(learnerId)}</th>
                  {summary.mastery.skillIds.map((skillId, s) => {
                    const status = summary.mastery.status[l]![s]!;
                    return (
                      <td
                        key={skillId}
                        className={status}
                        title={`${skillName(skillId)}: ${percent(summary.mastery.pMastery[l]![s]!)}`}
                      >
                        {CELL[status]}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    </>
  );
}
