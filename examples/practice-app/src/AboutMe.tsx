import { getOwn, useGoalPlan, useLearner, useRecord } from '@pacekit/react';
import { useEffect, useId, useState } from 'react';
import { skillName, skills } from './course';
import { confidenceWords, listWords } from './words';

/** The one goal this app lets a learner set (recording it again replaces it). */
const GOAL_ID = 'my-goal';
const TOPICS = ['food', 'space', 'sport'];
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The learner's goal with its plan: what is left, and whether the date is within reach. */
function GoalProgress({ now }: { now: number }) {
  const goal = useLearner((s) => getOwn(s.goals, GOAL_ID) ?? null);
  const plan = useGoalPlan({ now, goalId: GOAL_ID });
  if (!goal || !plan) return <p data-testid="goal">No goal yet: choose one below.</p>;
  const left = plan.remainingSkills.length;
  return (
    <div data-testid="goal" className="goal">
      <p>
        My goal: <strong>{listWords(goal.skillIds.map(skillName))}</strong>
        {goal.deadline !== null && ` by ${day(goal.deadline)}`}.
      </p>
      {left === 0 ? (
        <p className="celebrate">
          <span aria-hidden="true">★ </span>Goal reached!
        </p>
      ) : (
        <>
          <p>
            {left} {left === 1 ? 'skill' : 'skills'} to go: next{' '}
            {listWords(plan.remainingSkills.slice(0, 3).map(skillName))}.
          </p>
          {goal.deadline !== null && (
            <p>
              {plan.feasible
                ? `About ${Math.max(1, Math.ceil(plan.newSkillsPerDay))} new ${plan.newSkillsPerDay <= 1 ? 'skill' : 'skills'} a day: you are on track.`
                : 'That is a lot for the time left: ask your teacher about the date.'}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/**
 * What the learner tells Pacekit — interests, how sure they feel, a goal — with what they said
 * shown back and kept in the form after a reload (the form starts from the learner's state).
 */
export function AboutMe({ now }: { now: number }) {
  const record = useRecord();
  const ids = useId();
  const learnerId = useLearner((s) => s.learnerId);
  const interests = useLearner((s) => s.interests);
  const told = useLearner((s) => s.affect.confidence?.value ?? null);
  // The goal as recorded (primitives, so that the form resets only when it changes).
  const toldSkill = useLearner((s) => getOwn(s.goals, GOAL_ID)?.skillIds[0] ?? null);
  const toldDate = useLearner((s) => {
    const deadline = getOwn(s.goals, GOAL_ID)?.deadline;
    return deadline == null ? '' : day(deadline);
  });
  const [confidence, setConfidence] = useState(told ?? 0.5);
  const [goalSkill, setGoalSkill] = useState(toldSkill ?? 'add-unlike');
  const [goalDate, setGoalDate] = useState(toldDate);
  // What is recorded (here, or in another tab) shows in the form.
  useEffect(() => {
    if (told !== null) setConfidence(told);
  }, [told]);
  useEffect(() => {
    if (toldSkill !== null) setGoalSkill(toldSkill);
    setGoalDate(toldDate);
  }, [toldSkill, toldDate]);
  const toggle = (topic: string) =>
    record({
      type: 'self-report',
      id: crypto.randomUUID(),
      learnerId,
      at: Date.now(),
      interests: interests.includes(topic) ? interests.filter((t) => t !== topic) : [...interests, topic],
    });
  return (
    <div className="about">
      <GoalProgress now={now} />
      <p data-testid="told">
        {told === null
          ? 'You have not said how sure you feel yet.'
          : `You said you feel ${confidenceWords(told)}.`}
        {interests.length > 0 && ` You like ${listWords(interests)}.`}
      </p>
      <fieldset>
        <legend>I like</legend>
        <div className="topics">
          {TOPICS.map((topic) => (
            <label key={topic} className="check">
              <input
                type="checkbox"
                data-testid={`interest-${topic}`}
                checked={interests.includes(topic)}
                onChange={() => toggle(topic)}
              />
              {topic}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>How sure do I feel about fractions?</legend>
        <label htmlFor={`${ids}-confidence`}>
          I feel <strong>{confidenceWords(confidence)}</strong>
        </label>
        <div className="row">
          <input
            id={`${ids}-confidence`}
            data-testid="confidence"
            type="range"
            min="0"
            max="1"
            step="0.1"
            value={confidence}
            aria-valuetext={confidenceWords(confidence)}
            onChange={(e) => setConfidence(Number(e.target.value))}
          />
          <button
            type="button"
            data-testid="save-confidence"
            onClick={() =>
              record({ type: 'self-report', id: crypto.randomUUID(), learnerId, at: Date.now(), confidence })
            }
          >
            Save
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>My goal</legend>
        <label htmlFor={`${ids}-goal`}>I want to learn</label>
        <select
          id={`${ids}-goal`}
          data-testid="goal-skill"
          value={goalSkill}
          onChange={(e) => setGoalSkill(e.target.value)}
        >
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-date`}>by (you can leave this empty)</label>
        <div className="row">
          <input
            id={`${ids}-date`}
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
                id: crypto.randomUUID(),
                learnerId,
                at: Date.now(),
                goalId: GOAL_ID,
                skillIds: [goalSkill],
                ...(goalDate ? { deadline: Date.parse(`${goalDate}T23:59:00Z`) } : {}),
              })
            }
          >
            Set my goal
          </button>
        </div>
      </fieldset>
    </div>
  );
}
