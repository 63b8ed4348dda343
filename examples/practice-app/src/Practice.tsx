import {
  type LearnerEvent,
  type LearnerState,
  PacekitContext,
  type Pacer,
  useLearner,
  useNextActivity,
  useRecord,
} from '@pacekit/react';
import { type FormEvent, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { activityFor, isRight, skillName, skills } from './course';
import { activityLabel, KIND_WORDS, listWords } from './words';

/** Answers a day after which the learner is told they are done for today (they may go on). */
export const DAILY_ANSWERS = 20;

/** What the learner did today: answers, right answers, skills mastered. */
interface Today {
  answers: number;
  right: number;
  mastered: string[];
}

const startOfDay = (now: number) => {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
};
const isAnswer = (e: LearnerEvent) => e.type === 'attempt' || e.type === 'review';
const wasRight = (e: LearnerEvent) =>
  e.type === 'attempt' ? (e.correct ?? (e.score ?? 0) >= 0.5) : e.type === 'review' && e.rating !== 'again';

function useToday(now: number, state: LearnerState): Today {
  const store = useContext(PacekitContext)!.store;
  return useMemo(() => {
    const since = startOfDay(now);
    const today = store.events().filter((e) => e.at >= since && isAnswer(e));
    return {
      answers: today.length,
      right: today.filter(wasRight).length,
      mastered: Object.entries(state.skills)
        .filter(([, s]) => s.masteredAt !== null && s.masteredAt >= since)
        .map(([id]) => id),
    };
  }, [store, state, now]);
}

/** What the learner hears after an answer: about the question just answered, and any skill mastered. */
interface Feedback {
  /** Answers given on this page so far (a new answer is a new announcement). */
  count: number;
  right: boolean;
  prompt: string;
  answer: string;
  mastered: string[];
  /** Hidden once the learner starts on the next answer (the count stays). */
  hidden?: boolean;
}

function FeedbackText({ feedback }: { feedback: Feedback }) {
  return (
    <>
      <p className={feedback.right ? 'right' : 'wrong'}>
        <strong>{feedback.right ? 'Right!' : 'Not quite.'}</strong>{' '}
        {feedback.right
          ? `${feedback.answer} is correct. Well done!`
          : `The answer was ${feedback.answer}. Mistakes help you learn — keep going!`}
      </p>
      {feedback.mastered.length > 0 && (
        <p className="celebrate" data-testid="celebration">
          <span aria-hidden="true">★ </span>You mastered {listWords(feedback.mastered.map(skillName))}!
        </p>
      )}
    </>
  );
}

function DoneForToday({
  today,
  allLearned,
  onMore,
}: {
  today: Today;
  allLearned: boolean;
  onMore: () => void;
}) {
  return (
    <div className="done" data-testid="done">
      <h3>
        <span aria-hidden="true">★ </span>
        {allLearned ? 'You have learned every skill here!' : 'Done for today!'}
      </h3>
      <p>
        Today you answered {today.answers} {today.answers === 1 ? 'question' : 'questions'}
        {today.right > 0 ? ` and got ${today.right} right` : ''}.
        {today.mastered.length > 0 && ` You mastered ${listWords(today.mastered.map(skillName))}.`}
      </p>
      <p>
        {allLearned
          ? 'Come back tomorrow: a quick review will keep it all fresh.'
          : 'Come back tomorrow to learn more. Your progress is saved.'}
      </p>
      <button type="button" data-testid="keep-going" onClick={onMore}>
        {allLearned ? 'Practise anyway' : 'Keep going'}
      </button>
    </div>
  );
}

/**
 * The practice box: the next activity (a question, a flashcard typed from its front, or a worked
 * example with one to try), what it is and why in a child's words, the feedback on the last
 * answer in a live region (with a celebration when a skill is mastered), help when the learner is
 * stuck, and "done for today".
 */
export function Practice({ now, pacer, onAnswered }: { now: number; pacer: Pacer; onAnswered: () => void }) {
  const store = useContext(PacekitContext)!.store;
  const [next] = useNextActivity({ now, limit: 1 });
  const record = useRecord();
  const state = useLearner((s) => s);
  const today = useToday(now, state);
  const [answer, setAnswer] = useState('');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [more, setMore] = useState(false);
  const [shownAt, setShownAt] = useState(now);
  const input = useRef<HTMLInputElement>(null);
  const ids = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the response time restarts when a new item is shown.
  useEffect(() => setShownAt(Date.now()), [next?.itemId]);

  const allLearned = next?.reasons.some((r) => r.code === 'all-mastered') ?? false;
  const status = (
    <output aria-live="polite" className="feedback" data-testid="feedback" data-count={feedback?.count ?? 0}>
      {feedback && !feedback.hidden && <FeedbackText feedback={feedback} />}
    </output>
  );
  if (!next) return status;
  if ((allLearned || today.answers >= DAILY_ANSWERS) && !more)
    return (
      <>
        {status}
        <DoneForToday today={today} allLearned={allLearned} onMore={() => setMore(true)} />
      </>
    );

  const activity = activityFor(next.itemId);
  const { question } = activity;
  const stuck = next.reasons.find((r) => r.code === 'needs-help');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim() === '') return;
    const right = isRight(question, answer);
    const before = store.getSnapshot();
    const shown = {
      count: (feedback?.count ?? 0) + 1,
      right,
      prompt: question.prompt,
      answer: question.answer,
      mastered: [],
    };
    setFeedback(shown);
    setAnswer('');
    const after = await record({
      type: 'attempt',
      id: crypto.randomUUID(),
      learnerId: before.learnerId,
      at: Date.now(),
      itemId: next.itemId,
      correct: right,
      responseTimeMs: Date.now() - shownAt,
    });
    const mastered = skills
      .map((s) => s.id)
      .filter((id) => !pacer.learner.isMastered(before, id) && pacer.learner.isMastered(after, id));
    if (mastered.length > 0) setFeedback({ ...shown, mastered });
    onAnswered();
    input.current?.focus();
  };
  return (
    <>
      {status}
      <div className="activity" data-kind={next.kind}>
        <h3 className="kind" data-testid="activity">
          {activityLabel(next)}
        </h3>
        <ul data-testid="reasons" className="reasons">
          {next.reasons
            .filter((r) => r.code !== 'needs-help')
            .map((r) => (
              <li key={r.code}>{pacer.describe(r)}</li>
            ))}
        </ul>
        {stuck && (
          <p className="help" data-testid="help">
            This one is tricky, and that is OK. Your teacher can see that {skillName(next.skillId)} is hard
            right now and will come to help you.
          </p>
        )}
        {activity.kind === 'example' && (
          <ol className="steps" data-testid="example">
            {activity.example.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        )}
        <form onSubmit={submit} className="answer-form">
          <p className="prompt" id={`${ids}-prompt`} data-testid="prompt" data-item={next.itemId}>
            {activity.kind === 'example' && 'Now you try: '}
            {activity.kind === 'flashcard' && 'Flashcard: '}
            {question.prompt}
          </p>
          <label htmlFor={`${ids}-answer`}>Your answer</label>
          <div className="row">
            <input
              id={`${ids}-answer`}
              ref={input}
              data-testid="answer"
              aria-describedby={`${ids}-prompt`}
              value={answer}
              onChange={(e) => {
                setAnswer(e.target.value);
                // What was said about the last answer goes once the learner starts on this one.
                if (feedback && !feedback.hidden) setFeedback({ ...feedback, hidden: true });
              }}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              placeholder="e.g. 3/4"
            />
            <button type="submit" data-testid="check">
              Check
            </button>
          </div>
        </form>
      </div>
    </>
  );
}

/** Three options to choose among; a pick is recorded and comes first in the practice box. */
export function Choices({ now, onPicked }: { now: number; onPicked: () => void }) {
  const options = useNextActivity({ now, choices: 3 });
  const record = useRecord();
  const learnerId = useLearner((s) => s.learnerId);
  const picked = useLearner(
    (s) => (s.extensions.pick as { itemId: string | null } | undefined)?.itemId ?? null,
  );
  if (options.length < 2) return null;
  return (
    <div className="choices-box">
      <h3 id="choices-heading">Or pick what to do next</h3>
      <ul data-testid="choices" className="choices" aria-labelledby="choices-heading">
        {options.map((o) => (
          <li key={o.itemId}>
            <button
              type="button"
              data-item={o.itemId}
              aria-pressed={picked === o.itemId}
              onClick={async () => {
                await record({
                  type: 'self-report',
                  id: crypto.randomUUID(),
                  learnerId,
                  at: Date.now(),
                  pick: o.itemId,
                });
                onPicked();
              }}
            >
              {skillName(o.skillId)} <small>({KIND_WORDS[o.kind]})</small>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
