/**
 * Why an activity was recommended: machine-readable, with the numbers behind it, so a UI can
 * show it in its own words (see {@link describeReason} for plain English). Every reason is
 * emitted only when its condition holds.
 */
export type Reason =
  /** A teacher pinned this item or skill. */
  | { code: 'teacher-pinned'; ref: string }
  /** Next in the order a teacher set (`step` of `of`). */
  | { code: 'teacher-sequence'; step: number; of: number }
  /** The learner picked this among the options they were offered. */
  | { code: 'learner-picked'; itemId: string; at: number }
  /** The skill's memory has fallen to the desired retention: review before it is forgotten. */
  | { code: 'due-review'; retrievability: number; desiredRetention: number; dueAt: number }
  /**
   * Misses on `dependantId`, which builds on this skill, make it likely enough that this skill is
   * not really known (`pNotKnown`) that a check is worth a minute; a wrong answer would change
   * the plan. `flaggedAt`: when the misses began.
   */
  | {
      code: 'prerequisite-check';
      flaggedAt: number;
      dependantId: string;
      failures: number;
      pNotKnown: number;
    }
  /** Repeated misses on `skillId` (`failures` in a row, at least one): something easier first. */
  | { code: 'after-struggle'; skillId: string; failures: number; confidence: number | null }
  /** The learner said this skill feels hard before trying it: an easier start. */
  | { code: 'low-confidence'; skillId: string; confidence: number }
  /** A break from `fromSkillId` after repeated misses: something else for a while. */
  | { code: 'taking-a-break'; fromSkillId: string; failures: number; attemptsLeft: number }
  /** After `missesInRow` misses in a row: something the learner knows well, for a quick win. */
  | { code: 'confidence-boost'; missesInRow: number }
  /** An item that teaches (lesson, worked example) for a skill the learner is stuck on. */
  | { code: 'instruction'; skillId: string; modality: string }
  /** The learner has spun their wheels on this skill: a person should help (see the class view). */
  | { code: 'needs-help'; skillId: string; since: number; attempts: number }
  /** Every prerequisite is mastered: the skill is ready to learn (outer fringe). */
  | { code: 'ready-to-learn'; prerequisites: string[] }
  /** The skill is a goal, or needed for one. */
  | { code: 'toward-goal'; goalId: string; deadline: number | null }
  /** The item's predicted success is within the tolerance of the learner's target. */
  | { code: 'at-target-difficulty'; predictedSuccess: number; targetSuccess: number }
  /** A run of successes on a skill not yet mastered: time for something harder. */
  | { code: 'after-success-streak'; streak: number }
  /** A mood the learner reported in the last hour shaped the pick. */
  | { code: 'mood'; mood: 'frustrated' | 'confused' | 'bored' }
  /** The item is about topics the learner likes. */
  | { code: 'matches-interest'; topics: string[] }
  /** The item is in a modality the learner prefers. */
  | { code: 'preferred-modality'; modality: string }
  /** Everything is mastered and nothing is due: keep the weakest memory fresh. */
  | { code: 'all-mastered'; retrievability: number };

/** The codes of {@link Reason}. */
export type ReasonCode = Reason['code'];

/** Options of {@link describeReason}. */
export interface DescribeOptions {
  /**
   * Who reads it: `learner` (default) gets short, encouraging words with no failure counts;
   * `teacher` gets the numbers behind the decision.
   */
  audience?: 'learner' | 'teacher';
  /** A skill's display name (default: its id). `pacer.describe` fills it from the skill graph. */
  skillName?: (skillId: string) => string;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;
/** "A lesson", "An animation", "A worked example": a modality as words with its article. */
const article = (modality: string): string =>
  `${/^[aeiou]/i.test(modality) ? 'An' : 'A'} ${modality.replace(/[-_]/g, ' ')}`;
const list = (names: string[]): string => names.join(', ').replace(/, ([^,]*)$/, ' and $1');

/**
 * A reason in plain English, for a learner (default) or a teacher. `reasons.map(describeReason)`
 * works as well (a number in place of the options is an array index and is ignored).
 *
 * @example
 * ```ts
 * describeReason({ code: 'after-struggle', skillId: 'add', failures: 4, confidence: null });
 * // 'Let’s try one that is a bit easier.'
 * describeReason(reason, { audience: 'teacher', skillName: (id) => names[id] });
 * // 'After 4 misses in a row on Adding: an easier item first.'
 * ```
 */
export function describeReason(reason: Reason, options?: DescribeOptions | number): string {
  // `reasons.map(describeReason)` passes the index as the second argument: it means no options.
  const opts = typeof options === 'object' ? options : {};
  const teacher = opts.audience === 'teacher';
  const name = opts.skillName ?? ((id: string) => id);
  switch (reason.code) {
    case 'teacher-pinned':
      return teacher ? `Pinned by a teacher (${reason.ref}).` : 'Your teacher picked this for you.';
    case 'teacher-sequence':
      return teacher
        ? `Step ${reason.step} of ${reason.of} in the sequence you set.`
        : `Next in the path your teacher set (${reason.step} of ${reason.of}).`;
    case 'learner-picked':
      return teacher ? 'Picked by the learner among the options offered.' : 'You picked this one.';
    case 'due-review':
      return teacher
        ? `Review due: recall ${percent(reason.retrievability)}, at or below the desired ${percent(reason.desiredRetention)}.`
        : 'Time for a quick review, so you keep what you learned.';
    case 'prerequisite-check':
      return teacher
        ? `Check: after ${reason.failures} misses in a row on ${name(reason.dependantId)}, a ${percent(reason.pNotKnown)} chance this is not really known.`
        : `A quick check of something ${name(reason.dependantId)} builds on.`;
    case 'after-struggle':
      return teacher
        ? `After ${reason.failures} misses in a row on ${name(reason.skillId)}: an easier item first.`
        : 'Let’s try one that is a bit easier.';
    case 'low-confidence':
      return teacher
        ? `Reported confidence ${percent(reason.confidence)} on ${name(reason.skillId)} before trying: an easier start.`
        : 'You said this feels hard, so we start with an easier one.';
    case 'taking-a-break':
      return teacher
        ? `A break from ${name(reason.fromSkillId)} after ${reason.failures} misses in a row.`
        : `A break from ${name(reason.fromSkillId)}: something different for a while.`;
    case 'confidence-boost':
      return teacher
        ? `After ${reason.missesInRow} misses in a row: a quick win on a mastered skill.`
        : 'Something you know well, for a quick win.';
    case 'instruction':
      return teacher
        ? `Instruction (${reason.modality}) for ${name(reason.skillId)}, which the learner is stuck on.`
        : `${article(reason.modality)} that shows how ${name(reason.skillId)} works.`;
    case 'needs-help':
      return teacher
        ? `Needs help on ${name(reason.skillId)}: ${reason.attempts} attempts without mastering it.`
        : `Your teacher will help you with ${name(reason.skillId)}.`;
    case 'ready-to-learn':
      if (reason.prerequisites.length === 0)
        return teacher ? 'Ready: it has no prerequisites.' : 'A good place to start.';
      return teacher
        ? `Ready: every prerequisite (${list(reason.prerequisites.map(name))}) is mastered.`
        : `You know ${list(reason.prerequisites.map(name))}, so you are ready for this.`;
    case 'toward-goal':
      return teacher
        ? `Toward goal ${reason.goalId}${reason.deadline === null ? '' : ', which has a deadline'}.`
        : `It moves you toward your goal${reason.deadline === null ? '' : ' before its deadline'}.`;
    case 'at-target-difficulty':
      return teacher
        ? `Predicted success ${percent(reason.predictedSuccess)}, near the target ${percent(reason.targetSuccess)}.`
        : 'Hard enough to help you grow.';
    case 'after-success-streak':
      return teacher
        ? `${reason.streak} right in a row: a harder item.`
        : `${reason.streak} right in a row! Here is a challenge.`;
    case 'mood':
      if (teacher) return `Reported mood: ${reason.mood}.`;
      return reason.mood === 'bored'
        ? 'You said you were bored: here is something new.'
        : 'Something to help you feel sure again.';
    case 'matches-interest':
      return teacher
        ? `Topics the learner likes: ${reason.topics.join(', ')}.`
        : `It is about ${list(reason.topics)}, which you like.`;
    case 'preferred-modality':
      return teacher
        ? `Preferred modality: ${reason.modality}.`
        : `It is a ${reason.modality} activity, which you like.`;
    case 'all-mastered':
      return teacher
        ? `All mastered; upkeep of the weakest memory (recall ${percent(reason.retrievability)}).`
        : 'You have learned everything here! A review keeps it fresh.';
  }
}
