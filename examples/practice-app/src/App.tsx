import { type Pacer, useMastery, useSessionPlan } from '@pacekit/react';
import { useEffect, useState } from 'react';
import { AboutMe } from './AboutMe';
import { skillName, skills } from './course';
import { Dashboard } from './Dashboard';
import { Flashcards } from './Flashcards';
import { Choices, Practice } from './Practice';
import { TeacherView } from './TeacherView';
import { activityLabel, masteryWords } from './words';

/** Minutes and seconds since the page opened. */
function SessionTimer() {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((now - start) / 1000);
  return (
    <span data-testid="timer">{`${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`}</span>
  );
}

/** A skill's progress for the learner: a bar and a word (the exact estimate is in `data-p`). */
function MasteryRow({ skillId }: { skillId: string }) {
  const { pMastery, mastered, attempts } = useMastery(skillId);
  const name = skillName(skillId);
  const words = masteryWords(pMastery, mastered, attempts);
  return (
    <li
      data-testid={`mastery-${skillId}`}
      data-p={pMastery.toFixed(4)}
      className={mastered ? 'mastered' : ''}
    >
      <span className="name">{name}</span>
      <span
        className="bar"
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pMastery * 100)}
        aria-valuetext={words}
      >
        <span style={{ width: `${Math.round(pMastery * 100)}%` }} />
      </span>
      <span className="value">
        {words}
        {mastered && <span aria-hidden="true"> ★</span>}
      </span>
    </li>
  );
}

/** What comes next in the next five minutes, in the learner's words. */
function Plan({ now }: { now: number }) {
  const plan = useSessionPlan({ now, minutes: 5 });
  return (
    <ol data-testid="plan" className="plan">
      {plan.steps.map((step) => (
        <li key={step.itemId}>{activityLabel(step)}</li>
      ))}
    </ol>
  );
}

/** Which page the hash asks for. */
const pageOf = () => (window.location.hash === '#teacher' ? 'teacher' : 'learn');

/**
 * The practice page (what to do next and why, choices, progress, what comes next, the learner's
 * own voice, flashcards) and the teacher's page (`#teacher`: the class dashboard, and this
 * learner's skills with the teacher's actions).
 */
export function App({ pacer }: { pacer: Pacer }) {
  const [now, setNow] = useState(() => Date.now());
  const [page, setPage] = useState(pageOf);
  useEffect(() => {
    const onHash = () => {
      setPage(pageOf());
      setNow(Date.now());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const refresh = () => setNow(Date.now());
  return (
    <>
      <header className="top">
        <div className="top-inner">
          <h1>Fractions practice</h1>
          <nav aria-label="Pages">
            <a href="#learn" data-testid="to-practice" aria-current={page === 'learn' ? 'page' : undefined}>
              Practice
            </a>
            <a
              href="#teacher"
              data-testid="to-dashboard"
              aria-current={page === 'teacher' ? 'page' : undefined}
            >
              Teacher
            </a>
          </nav>
          <p className="timer">
            Time <SessionTimer />
          </p>
        </div>
      </header>
      {page === 'teacher' ? (
        <main className="teacher-page">
          <Dashboard pacer={pacer} now={now} />
          <section aria-labelledby="learner-heading" id="teacher-view">
            <h2 id="learner-heading">This learner (the practice page)</h2>
            <TeacherView pacer={pacer} />
          </section>
        </main>
      ) : (
        <main className="grid">
          <section id="practice" aria-labelledby="practice-heading">
            <h2 id="practice-heading">Practice</h2>
            <Practice now={now} pacer={pacer} onAnswered={refresh} />
            <Choices now={now} onPicked={refresh} />
          </section>
          <section id="mastery" aria-labelledby="mastery-heading">
            <h2 id="mastery-heading">My skills</h2>
            <ul data-testid="mastery" className="mastery">
              {skills.map((s) => (
                <MasteryRow key={s.id} skillId={s.id} />
              ))}
            </ul>
          </section>
          <section id="plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">Coming up</h2>
            <Plan now={now} />
          </section>
          <section id="me" aria-labelledby="me-heading">
            <h2 id="me-heading">About me</h2>
            <AboutMe now={now} />
          </section>
          <section id="flashcards" aria-labelledby="cards-heading">
            <h2 id="cards-heading">Flashcards</h2>
            <Flashcards />
          </section>
        </main>
      )}
    </>
  );
}
