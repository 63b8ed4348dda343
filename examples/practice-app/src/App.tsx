import {
  describeReason,
  PacekitContext,
  type Pacer,
  teacherOf,
  useGoalPlan,
  useLearner,
  useMastery,
  useNextActivity,
  useRecord,
  useSessionPlan,
  useUndo,
} from '@pacekit/react';
import { type FormEvent, useContext, useEffect, useState } from 'react';
import { flashcards, questionFor, skillName, skills } from './course';
import { Dashboard } from './Dashboard';

const newId = () => crypto.randomUUID();
const percent = (p: number) => `${Math.round(p * 100)}%`;

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

function Practice({ now, onAnswered }: { now: number; onAnswered: () => void }) {
  // The practice box answers questions; flashcards have their own deck.
  const [next] = useNextActivity({ now, limit: 1, modalities: ['practice'] });
  const record = useRecord();
  const [answer, setAnswer] = useState('');
  const [feedback, setFeedback] = useState('');
  const [shownAt, setShownAt] = useState(now);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the response time restarts when a new item is shown.
  useEffect(() => setShownAt(Date.now()), [next?.itemId]);
  if (!next) return <p data-testid="done">Everything is mastered for now. Come back later for reviews.</p>;
  const isCard = next.itemId.startsWith('card#');
  const question = isCard ? { prompt: flashcards[next.itemId]!.front, answer: '' } : questionFor(next.itemId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const correct = answer.replace(/\s+/g, '') === question.answer;
    setFeedback(correct ? 'Right!' : `Not quite: the answer is ${question.answer}.`);
    setAnswer('');
    await record({
      type: 'attempt',
      id: newId(),
      learnerId: 'me',
      at: Date.now(),
      itemId: next.itemId,
      correct,
      responseTimeMs: Date.now() - shownAt,
    });
    onAnswered();
  };
  return (
    <div>
      <p className="kind">
        {next.kind} · {skillName(next.skillId)} · about {percent(next.predictedSuccess)} chance
      </p>
      <ul data-testid="reasons" className="reasons">
        {next.reasons.map((r) => (
          <li key={r.code}>{describeReason(r, { skillName })}</li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label>
          <span data-testid="prompt" data-item={next.itemId}>
            {question.prompt}
          </span>
          <input
            data-testid="answer"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            autoComplete="off"
          />
        </label>
        <button type="submit" data-testid="check">
          Check
        </button>
      </form>
      <p data-testid="feedback">{feedback}</p>
    </div>
  );
}

/** Three options to choose among; a pick is recorded and comes first in the practice box. */
function Choices({ now, onPicked }: { now: number; onPicked: () => void }) {
  const options = useNextActivity({ now, choices: 3, modalities: ['practice'] });
  const record = useRecord();
  const picked = useLearner(
    (s) => (s.extensions.pick as { itemId: string | null } | undefined)?.itemId ?? null,
  );
  return (
    <ul data-testid="choices" className="choices">
      {options.map((o) => (
        <li key={o.itemId}>
          <button
            type="button"
            data-item={o.itemId}
            aria-pressed={picked === o.itemId}
            onClick={async () => {
              await record({
                type: 'self-report',
                id: newId(),
                learnerId: 'me',
                at: Date.now(),
                pick: o.itemId,
              });
              onPicked();
            }}
          >
            {skillName(o.skillId)} <small>({o.kind})</small>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The learner's goal with its plan: what is left, and whether the deadline is within reach. */
function GoalProgress({ now }: { now: number }) {
  const plan = useGoalPlan({ now });
  if (!plan) return <p data-testid="goal">No goal yet: set one below.</p>;
  return (
    <div data-testid="goal">
      <p>
        Goal:{' '}
        <strong>
          {plan.remainingSkills.length === 0 ? 'reached!' : `${plan.remainingSkills.length} skills to go`}
        </strong>
        {plan.deadline !== null ? ` by ${new Date(plan.deadline).toISOString().slice(0, 10)}` : ''}.
      </p>
      {plan.remainingSkills.length > 0 && (
        <p>
          Next: {plan.remainingSkills.slice(0, 3).map(skillName).join(', ')}.{' '}
          {plan.feasible ? 'You are on track.' : 'That is a lot: ask your teacher about the date.'}
        </p>
      )}
    </div>
  );
}

/** What the learner told Pacekit, shown back. */
function WhatITold() {
  const confidence = useLearner((s) => s.affect.confidence?.value ?? null);
  const mood = useLearner((s) => s.affect.mood?.value ?? null);
  const interests = useLearner((s) => s.interests);
  return (
    <p data-testid="told">
      You told us:{' '}
      {[
        confidence === null ? null : `you feel ${Math.round(confidence * 100)}% sure`,
        mood === null ? null : `you feel ${mood}`,
        interests.length === 0 ? null : `you like ${interests.join(', ')}`,
      ]
        .filter(Boolean)
        .join('; ') || 'nothing yet'}
      .
    </p>
  );
}

function MasteryRow({ skillId }: { skillId: string }) {
  const { pMastery, mastered, attempts } = useMastery(skillId);
  return (
    <li data-testid={`mastery-${skillId}`} data-p={pMastery.toFixed(4)}>
      <span className="name">{skillName(skillId)}</span>
      <span className="bar">
        <span style={{ width: percent(pMastery) }} className={mastered ? 'done' : ''} />
      </span>
      <span className="value">
        {percent(pMastery)}
        {mastered ? ' ✓' : ''} <small>({attempts})</small>
      </span>
    </li>
  );
}

function Plan({ now }: { now: number }) {
  const plan = useSessionPlan({ now, minutes: 5 });
  return (
    <ol data-testid="plan">
      {plan.steps.map((step) => (
        <li key={step.itemId}>
          {step.kind}: {skillName(step.skillId)}
        </li>
      ))}
    </ol>
  );
}

const TOPICS = ['food', 'space', 'sport'];

function AboutMe() {
  const record = useRecord();
  const interests = useLearner((s) => s.interests);
  const told = useLearner((s) => s.affect.confidence?.value ?? 0.5);
  const [confidence, setConfidence] = useState(told);
  const [goalSkill, setGoalSkill] = useState('add-unlike');
  const [goalDate, setGoalDate] = useState('');
  const toggle = (topic: string) =>
    record({
      type: 'self-report',
      id: newId(),
      learnerId: 'me',
      at: Date.now(),
      interests: interests.includes(topic) ? interests.filter((t) => t !== topic) : [...interests, topic],
    });
  return (
    <div className="about">
      <fieldset>
        <legend>I like</legend>
        {TOPICS.map((topic) => (
          <label key={topic}>
            <input
              type="checkbox"
              data-testid={`interest-${topic}`}
              checked={interests.includes(topic)}
              onChange={() => toggle(topic)}
            />{' '}
            {topic}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>How confident do I feel?</legend>
        <input
          type="range"
          min="0"
          max="1"
          step="0.1"
          value={confidence}
          onChange={(e) => setConfidence(Number(e.target.value))}
        />
        <button
          type="button"
          onClick={() =>
            record({ type: 'self-report', id: newId(), learnerId: 'me', at: Date.now(), confidence })
          }
        >
          Tell Pacekit
        </button>
      </fieldset>
      <fieldset>
        <legend>My goal</legend>
        <select value={goalSkill} onChange={(e) => setGoalSkill(e.target.value)}>
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <input
          type="date"
          data-testid="goal-date"
          value={goalDate}
          onChange={(e) => setGoalDate(e.target.value)}
        />
        <button
          type="button"
          data-testid="set-goal"
          onClick={() =>
            record({
              type: 'goal',
              id: newId(),
              learnerId: 'me',
              at: Date.now(),
              goalId: 'my-goal',
              skillIds: [goalSkill],
              ...(goalDate ? { deadline: Date.parse(`${goalDate}T23:59:00Z`) } : {}),
            })
          }
        >
          Set goal
        </button>
      </fieldset>
    </div>
  );
}

function Flashcards({ now }: { now: number }) {
  const record = useRecord();
  const [flipped, setFlipped] = useState<string | null>(null);
  const items = useLearner((s) => s.items);
  return (
    <ul className="cards">
      {Object.entries(flashcards).map(([id, card]) => (
        <li key={id} data-testid={`card-${id}`}>
          <button type="button" className="card" onClick={() => setFlipped(flipped === id ? null : id)}>
            {flipped === id ? card.back : card.front}
          </button>
          <span className="rate">
            {(['again', 'hard', 'good', 'easy'] as const).map((rating) => (
              <button
                key={rating}
                type="button"
                onClick={() =>
                  record({ type: 'review', id: newId(), learnerId: 'me', at: Date.now(), itemId: id, rating })
                }
              >
                {rating}
              </button>
            ))}
            <small>{items[id] ? `reviewed ${items[id]!.attempts}×` : 'new'}</small>
          </span>
        </li>
      ))}
      <li className="hint">Card memory is scheduled by FSRS; now: {new Date(now).toLocaleTimeString()}</li>
    </ul>
  );
}

/** One skill in the teacher view: its estimate from the learner model, and the teacher's actions. */
function TeacherRow({ skillId }: { skillId: string }) {
  const record = useRecord();
  const { pMastery, mastered, attempts } = useMastery(skillId);
  const marked = useLearner((s) => s.skills[skillId]?.override === 'mastered');
  const pinned = useLearner((s) => s.pinned.includes(`item:${skillId}#1`));
  const undo = useUndo();
  const store = useContext(PacekitContext)?.store;
  // Undo the latest mark of this skill: the state becomes as if it had never been marked.
  const undoMark = () => {
    const mark = [...(store?.events() ?? [])]
      .reverse()
      .find((e) => e.type === 'override' && e.action === 'mark-mastered' && e.skillId === skillId);
    if (mark) void undo(mark.id);
  };
  const override = (
    action: 'mark-mastered' | 'pin' | 'unpin',
    target: { skillId: string } | { itemId: string },
  ) =>
    record({
      type: 'override',
      id: newId(),
      learnerId: 'me',
      at: Date.now(),
      action,
      ...target,
      by: 'teacher',
    });
  return (
    <tr>
      <td>{skillName(skillId)}</td>
      <td>{percent(pMastery)}</td>
      <td>{attempts}</td>
      <td>{marked ? 'marked mastered' : mastered ? 'mastered' : 'learning'}</td>
      <td>
        {marked ? (
          <button type="button" data-testid={`unmark-${skillId}`} onClick={undoMark}>
            Undo mark
          </button>
        ) : (
          <button
            type="button"
            data-testid={`mark-${skillId}`}
            onClick={() => override('mark-mastered', { skillId })}
          >
            Mark mastered
          </button>
        )}
        <button
          type="button"
          data-testid={`pin-${skillId}`}
          onClick={() => override(pinned ? 'unpin' : 'pin', { itemId: `${skillId}#1` })}
        >
          {pinned ? 'Unpin' : 'Pin an item'}
        </button>
      </td>
    </tr>
  );
}

/** Notes a teacher keeps on this learner, and a form to add one. */
function Notes() {
  const record = useRecord();
  const notes = useLearner((s) => teacherOf(s).notes);
  const [text, setText] = useState('');
  return (
    <div className="notes">
      <ul data-testid="notes">
        {notes.map((n) => (
          <li key={n.at}>
            {new Date(n.at).toLocaleDateString()}: {n.text}
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!text.trim()) return;
          await record({
            type: 'override',
            id: newId(),
            learnerId: 'me',
            at: Date.now(),
            action: 'note',
            note: text.trim(),
            by: 'teacher',
          });
          setText('');
        }}
      >
        <label>
          Note <input data-testid="note-text" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" data-testid="add-note">
          Add note
        </button>
      </form>
    </div>
  );
}

function TeacherView() {
  return (
    <>
      <Notes />
      <table data-testid="teacher">
        <thead>
          <tr>
            <th>Skill</th>
            <th>P(mastered)</th>
            <th>Attempts</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {skills.map((s) => (
            <TeacherRow key={s.id} skillId={s.id} />
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Which page the hash asks for. */
const pageOf = () => (window.location.hash === '#teacher' ? 'teacher' : 'learn');

/**
 * The practice page (what to do next and why, choices, mastery, plan, the learner's voice,
 * flashcards, a teacher view of this learner) and the teacher's dashboard of a class (`#teacher`).
 */
export function App({ pacer }: { pacer: Pacer }) {
  const [now, setNow] = useState(() => Date.now());
  const [page, setPage] = useState(pageOf);
  useEffect(() => {
    const onHash = () => setPage(pageOf());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const refresh = () => setNow(Date.now());
  return (
    <main>
      <header>
        <h1>Fractions practice</h1>
        <nav>
          <a href="#learn" aria-current={page === 'learn' ? 'page' : undefined}>
            Learn
          </a>{' '}
          <a
            href="#teacher"
            data-testid="to-dashboard"
            aria-current={page === 'teacher' ? 'page' : undefined}
          >
            Teacher dashboard
          </a>
        </nav>
        <span>
          Session <SessionTimer />
        </span>
      </header>
      {page === 'teacher' ? (
        <Dashboard pacer={pacer} now={now} />
      ) : (
        <div className="grid">
          <section id="practice">
            <h2>Next</h2>
            <Practice now={now} onAnswered={refresh} />
            <h3>Or choose</h3>
            <Choices now={now} onPicked={refresh} />
          </section>
          <section id="mastery">
            <h2>Mastery</h2>
            <ul data-testid="mastery" className="mastery">
              {skills.map((s) => (
                <MasteryRow key={s.id} skillId={s.id} />
              ))}
            </ul>
          </section>
          <section id="plan">
            <h2>The next five minutes</h2>
            <Plan now={now} />
          </section>
          <section id="me">
            <h2>About me</h2>
            <GoalProgress now={now} />
            <WhatITold />
            <AboutMe />
          </section>
          <section id="flashcards">
            <h2>Flashcards</h2>
            <Flashcards now={now} />
          </section>
          <section id="teacher-view">
            <h2>Teacher view</h2>
            <TeacherView />
          </section>
        </div>
      )}
    </main>
  );
}
