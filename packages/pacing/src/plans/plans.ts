import { getOwn, type LearnerState, PacekitError, parseInput, probability } from '@pacekit/core';
import * as z from 'zod/mini';
import { memoryOf } from '../memory/memoryPlugin';
import type { MemoryCard } from '../memory/scheduler';
import { type Recommendation, recommend } from '../policy/next';
import { DEFAULT_TARGET_SUCCESS } from '../policy/options';
import type { PolicyContext } from '../policy/view';

const DAY = 86_400_000;

/** Options of `sessionPlan()`. */
export const SessionPlanOptionsSchema = z.object({
  /** When the session starts (epoch ms). */
  now: z.int().check(z.gte(0)),
  /** Time budget in minutes. */
  minutes: z.number().check(z.gt(0), z.lte(24 * 60)),
  /** Predicted success to aim for in new learning. */
  targetSuccess: z._default(probability, DEFAULT_TARGET_SUCCESS),
  /** Seed for ties. */
  seed: z._default(z.int(), 0),
});

/** Options of `sessionPlan()`. */
export type SessionPlanOptions = z.input<typeof SessionPlanOptionsSchema>;

/** One step of a session plan. */
export interface SessionStep extends Recommendation {
  /** Minutes from the start of the session. */
  startsAtMinute: number;
  /** Expected minutes. */
  minutes: number;
}

/** A session plan: what to do, in order, within the time budget. */
export interface SessionPlan {
  /** The steps, in order. */
  steps: SessionStep[];
  /** Minutes planned (at most the budget). */
  totalMinutes: number;
  /** Steps by kind. */
  counts: Record<Recommendation['kind'], number>;
}

/**
 * Plans a session: repeatedly takes the top recommendation, assumes its expected outcome (the
 * predicted success as partial credit) and moves the clock by the item's duration, until the
 * budget is spent. Each item appears once. Deterministic for the same inputs and seed.
 */
export function planSession(
  context: PolicyContext,
  state: LearnerState,
  options: SessionPlanOptions,
): SessionPlan {
  const opts = parseInput(SessionPlanOptionsSchema, options, 'sessionPlan() options');
  const budget = opts.minutes * 60;
  const planned = new Set<string>();
  const steps: SessionStep[] = [];
  const counts = { review: 0, learn: 0, challenge: 0, remediate: 0 };
  let simulated = state;
  let used = 0;
  for (let step = 0; step < 500; step++) {
    const now = opts.now + used * 1000;
    const [next] = recommend(
      context,
      simulated,
      { now, limit: 1, targetSuccess: opts.targetSuccess, seed: opts.seed },
      planned,
    );
    if (!next) break;
    const seconds = context.learner.catalog!.get(next.itemId).durationSeconds;
    if (used + seconds > budget) break;
    steps.push({ ...next, startsAtMinute: used / 60, minutes: seconds / 60 });
    counts[next.kind]++;
    planned.add(next.itemId);
    simulated = context.learner.apply(simulated, {
      id: `plan:${step}`,
      learnerId: state.learnerId,
      at: now,
      type: 'attempt',
      itemId: next.itemId,
      score: next.predictedSuccess,
      hintsUsed: 0,
    });
    used += seconds;
  }
  return { steps, totalMinutes: used / 60, counts };
}

/** Options of `goalPlan()`. */
export const GoalPlanOptionsSchema = z.object({
  /** Today (epoch ms). */
  now: z.int().check(z.gte(0)),
  /** The goal to plan (default: the active goal with the nearest deadline). */
  goalId: z.optional(z.string().check(z.minLength(1))),
  /**
   * New skills the learner masters per day. Default: their own pace over the last 14 days
   * (skills mastered ÷ days), or 1 when they have mastered fewer than 2 skills.
   */
  newSkillsPerDay: z.optional(z.number().check(z.gt(0))),
  /** Days to plan when the goal has no deadline (default: as many as the pace needs, at most 365). */
  horizonDays: z.optional(z.int().check(z.gt(0), z.lte(3650))),
});

/** Options of `goalPlan()`. */
export type GoalPlanOptions = z.input<typeof GoalPlanOptionsSchema>;

/** One day of a goal plan. */
export interface GoalPlanDay {
  /** Start of the day (epoch ms; days count from `now`). */
  date: number;
  /** Skills to learn that day. */
  newSkills: string[];
  /** Reviews the FSRS model forecasts for that day. */
  reviews: number;
}

/** A plan to reach a goal by its deadline. */
export interface GoalPlan {
  /** The goal planned. */
  goalId: string;
  /** Its deadline, if any. */
  deadline: number | null;
  /** Skills still to master, prerequisites first. */
  remainingSkills: string[];
  /** The learner's pace (skills mastered per day) used for the plan. */
  pace: number;
  /** New skills per day the plan asks for. */
  newSkillsPerDay: number;
  /** Whether that is within the learner's pace. */
  feasible: boolean;
  /** Day by day: new skills and forecast reviews. */
  days: GoalPlanDay[];
}

/**
 * Plans a goal: the skills still to master (the goal's skills and their unmastered
 * prerequisites, in topological order), spread evenly over the days to the deadline, with
 * each day's review load forecast by the FSRS model (every review assumed recalled, rated
 * good). Feasible when the daily new skills do not exceed the learner's pace. Throws
 * `INVALID_INPUT` when the learner has no such active goal.
 */
export function planGoal(context: PolicyContext, state: LearnerState, options: GoalPlanOptions): GoalPlan {
  const opts = parseInput(GoalPlanOptionsSchema, options, 'goalPlan() options');
  const { learner, scheduler } = context;
  const graph = learner.graph!;
  const goals = Object.values(state.goals);
  const goal = opts.goalId
    ? getOwn(state.goals, opts.goalId)
    : goals.sort(
        (a, b) => (a.deadline ?? Number.POSITIVE_INFINITY) - (b.deadline ?? Number.POSITIVE_INFINITY),
      )[0];
  if (!goal) {
    throw new PacekitError(
      'INVALID_INPUT',
      opts.goalId
        ? `goalPlan(): the learner has no active goal "${opts.goalId}"`
        : 'goalPlan(): the learner has no active goal',
      {
        goalId: opts.goalId,
      },
    );
  }
  const needed = new Set<string>();
  for (const skillId of goal.skillIds) {
    if (!graph.has(skillId)) continue;
    for (const id of [...graph.ancestors(skillId), skillId])
      if (!learner.isMastered(state, id)) needed.add(id);
  }
  const remainingSkills = graph.topologicalOrder.filter((id) => needed.has(id));

  let pace = opts.newSkillsPerDay;
  if (pace === undefined) {
    const recent = Object.values(state.skills).filter(
      (s) => s.masteredAt !== null && s.masteredAt > opts.now - 14 * DAY,
    ).length;
    pace = recent >= 2 ? recent / 14 : 1;
  }
  const daysToDeadline =
    goal.deadline === null ? undefined : Math.max(1, Math.ceil((goal.deadline - opts.now) / DAY));
  const daysAtPace = Math.max(1, Math.ceil(remainingSkills.length / pace));
  const dayCount = Math.min(3650, daysToDeadline ?? opts.horizonDays ?? Math.min(365, daysAtPace));
  const newSkillsPerDay = remainingSkills.length / (daysToDeadline ?? daysAtPace);
  const perDay = Math.ceil(remainingSkills.length / Math.min(dayCount, daysToDeadline ?? daysAtPace));

  // Forecast: every existing skill card and each skill learned on its planned day.
  const days: GoalPlanDay[] = Array.from({ length: dayCount }, (_, d) => ({
    date: opts.now + d * DAY,
    newSkills: [],
    reviews: 0,
  }));
  const end = opts.now + dayCount * DAY;
  const follow = (card: MemoryCard): void => {
    let c = card;
    for (let guard = 0; guard < 400 && c.due < end; guard++) {
      const day = Math.max(0, Math.floor((c.due - opts.now) / DAY));
      days[day]!.reviews++;
      c = scheduler.review(c, 'good', Math.max(c.due, opts.now));
    }
  };
  for (const m of Object.values(memoryOf(state).skills)) follow(m.card);
  remainingSkills.forEach((skillId, i) => {
    const day = Math.min(dayCount - 1, Math.floor(i / Math.max(1, perDay)));
    days[day]!.newSkills.push(skillId);
    follow(scheduler.review(undefined, 'good', days[day]!.date));
  });
  return {
    goalId: goal.id,
    deadline: goal.deadline,
    remainingSkills,
    pace,
    newSkillsPerDay,
    feasible: newSkillsPerDay <= pace + 1e-9,
    days,
  };
}
