import {
  describeReason,
  useLearner,
  useMastery,
  useNextActivity,
  useRecord,
  useSessionPlan,
} from '@pacekit/react';
import { type FormEvent, useEffect, useState } from 'react';
import { flashcards, questionFor, skillName, skills } from './course';

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
          <li key={r.code}>{describeReason(r)}</li>
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
  const [confidence, setConfidence] = useState(0.5);
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
        <button
          type="button"
          data-testid={`mark-${skillId}`}
          onClick={() => override('mark-mastered', { skillId })}
        >
          Mark mastered
        </button>
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

function TeacherView() {
  return (
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
  );
}

/** The practice page: what to do next and why, mastery, plan, the learner's voice, flashcards, and a teacher view. */
export function App() {
  const [now, setNow] = useState(() => Date.now());
  const refresh = () => setNow(Date.now());
  return (
    <main>
      <header>
        <h1>Fractions practice</h1>
        <span>
          Session <SessionTimer />
        </span>
      </header>
      <div className="grid">
        <section id="practice">
          <h2>Next</h2>
          <Practice now={now} onAnswered={refresh} />
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
    </main>
  );
}
