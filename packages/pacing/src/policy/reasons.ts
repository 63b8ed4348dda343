/**
 * Why an activity was recommended: machine-readable, with the numbers behind it, so a UI can
 * show it in its own words (see {@link describeReason} for plain English).
 */
export type Reason =
  /** A teacher pinned this item or skill. */
  | { code: 'teacher-pinned'; ref: string }
  /** The skill's memory has fallen to the desired retention: review before it is forgotten. */
  | { code: 'due-review'; retrievability: number; desiredRetention: number; dueAt: number }
  /** A failure on a skill that builds on this one asked for a check of it. */
  | { code: 'prerequisite-check'; flaggedAt: number }
  /** Repeated failures or low confidence: something easier, or a prerequisite, first. */
  | { code: 'after-struggle'; skillId: string; failures: number; confidence: number | null }
  /** Every prerequisite is mastered: the skill is ready to learn (outer fringe). */
  | { code: 'ready-to-learn'; prerequisites: string[] }
  /** The skill is a goal, or needed for one. */
  | { code: 'toward-goal'; goalId: string; deadline: number | null }
  /** The item's predicted success is near the learner's target. */
  | { code: 'at-target-difficulty'; predictedSuccess: number; targetSuccess: number }
  /** A run of successes: time for something harder. */
  | { code: 'after-success-streak'; streak: number }
  /** The item is about topics the learner likes. */
  | { code: 'matches-interest'; topics: string[] }
  /** The item is in a modality the learner prefers. */
  | { code: 'preferred-modality'; modality: string }
  /** Everything is mastered and nothing is due: keep the weakest memory fresh. */
  | { code: 'all-mastered'; retrievability: number };

/** The codes of {@link Reason}. */
export type ReasonCode = Reason['code'];

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** A reason in plain English, for a learner or a teacher. */
export function describeReason(reason: Reason): string {
  switch (reason.code) {
    case 'teacher-pinned':
      return 'Your teacher pinned this.';
    case 'due-review':
      return `Time to review: you would now recall this with about ${percent(reason.retrievability)} certainty.`;
    case 'prerequisite-check':
      return 'A quick check of a skill that later work builds on.';
    case 'after-struggle':
      return reason.failures > 0
        ? `After ${reason.failures} misses in a row, something a little easier first.`
        : 'You said this feels hard, so something a little easier first.';
    case 'ready-to-learn':
      return reason.prerequisites.length > 0
        ? `You have mastered what this builds on (${reason.prerequisites.join(', ')}).`
        : 'A good place to start: it needs nothing else first.';
    case 'toward-goal':
      return reason.deadline === null
        ? 'It moves you toward your goal.'
        : 'It moves you toward your goal before its deadline.';
    case 'at-target-difficulty':
      return `Challenging but doable: about ${percent(reason.predictedSuccess)} chance of getting it right.`;
    case 'after-success-streak':
      return `${reason.streak} right in a row: here is a challenge.`;
    case 'matches-interest':
      return `It is about ${reason.topics.join(', ')}, which you like.`;
    case 'preferred-modality':
      return `It is a ${reason.modality} activity, which you prefer.`;
    case 'all-mastered':
      return 'You have mastered everything here: a review keeps it fresh.';
  }
}
