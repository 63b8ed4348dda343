import { type LearnerState, parseInput, probability } from '@pacekit/core';
import * as z from 'zod/mini';
import type { Pacer } from '../createPacer';
import { struggleOf } from '../policy/struggle';

const DAY = 86_400_000;

/** Options of {@link summarizeClass}. */
export const ClassSummaryOptionsSchema = z.object({
  /** Now (epoch ms): passed in, never read from the clock. */
  now: z.int().check(z.gte(0)),
  /** Days of practice without a newly mastered skill that count as no progress. */
  noProgressDays: z._default(z.number().check(z.gt(0)), 3),
  /** Days without any event after which a learner counts as inactive. */
  inactiveDays: z._default(z.number().check(z.gt(0)), 7),
  /** Self-reported confidence below which a learner is flagged. */
  lowConfidence: z._default(probability, 0.3),
  /** Share of right answers below which a learner with `minAttempts` attempts is flagged. */
  lowSuccess: z._default(probability, 0.4),
  /** Attempts before the share of right answers says anything. */
  minAttempts: z._default(z.int().check(z.gte(1)), 20),
  /** Smallest group worth teaching together. */
  minGroupSize: z._default(z.int().check(z.gte(1)), 2),
  /** How many learners to suggest seeing one-on-one, at most. */
  oneOnOneLimit: z._default(z.int().check(z.gte(1)), 5),
  /** Days of history in the skills-mastered-per-day series. */
  historyDays: z._default(z.int().check(z.gte(1), z.lte(366)), 14),
});

/** Options of {@link summarizeClass} (only `now` is required). */
export type ClassSummaryOptions = z.input<typeof ClassSummaryOptionsSchema>;

/** Why a learner's status is what it is, with the numbers behind it. */
export type ClassReason =
  /** The pacing policy flagged the learner as needing a person's help on a skill (wheel-spinning). */
  | { code: 'needs-help'; skillId: string; since: number; attempts: number }
  /** Misses in a row or a break on a skill, not yet a call for help. */
  | { code: 'struggling'; skillId: string; missesInRow: number; attempts: number; breaks: number }
  /** Few right answers over many attempts: the learner may be guessing (a skill can look mastered by luck). */
  | { code: 'low-success'; rate: number; attempts: number }
  /** A goal whose plan is not feasible at the learner's pace. */
  | { code: 'goal-at-risk'; goalId: string; deadline: number | null; remainingSkills: number }
  /** The learner said they are not confident. */
  | { code: 'low-confidence'; confidence: number }
  /** Practising, but no new skill mastered for `days` days. */
  | { code: 'no-progress'; days: number }
  /** No activity for `days` days. */
  | { code: 'inactive'; days: number };

/** A learner's status, the most pressing first. */
export type LearnerStatus =
  | 'needs-help'
  | 'struggling'
  | 'low-success'
  | 'goal-at-risk'
  | 'low-confidence'
  | 'no-progress'
  | 'inactive'
  | 'not-started'
  | 'on-track';

/** One learner in the class view. */
export interface ClassLearner {
  learnerId: string;
  status: LearnerStatus;
  /** Every reason that holds, the most pressing first (empty when on track). */
  reasons: ClassReason[];
  /** Skills mastered. */
  mastered: number;
  /** Time of the learner's latest event, or null. */
  lastActiveAt: number | null;
}

/** A learner a teacher should see, and why. */
export interface OneOnOne {
  learnerId: string;
  /** Higher first: needs-help, few right answers, struggling, a goal at risk, low confidence, no progress. */
  priority: number;
  reasons: ClassReason[];
}

/** Learners who can be taught together: ready for the same skill, or stuck on it. */
export interface ClassGroup {
  skillId: string;
  /** `ready`: the skill is on each learner's outer fringe; `stuck`: each is struggling on it. */
  kind: 'ready' | 'stuck';
  learnerIds: string[];
}

/** A cell of the mastery matrix. */
export type MasteryCell = 'mastered' | 'learning' | 'struggling' | 'not-started';

/** What {@link summarizeClass} returns. */
export interface ClassSummary {
  learners: ClassLearner[];
  oneOnOne: OneOnOne[];
  groups: ClassGroup[];
  /** Skill × learner mastery: `pMastery[l][s]` and `status[l][s]` for `learnerIds[l]`, `skillIds[s]`. */
  mastery: { skillIds: string[]; learnerIds: string[]; pMastery: number[][]; status: MasteryCell[][] };
  /** Skills newly mastered per day (UTC dates), for the class and for each learner, oldest first. */
  masteredPerDay: { days: string[]; class: number[]; byLearner: Record<string, number[]> };
}

const PRIORITY: Record<ClassReason['code'], number> = {
  'needs-help': 5,
  'low-success': 4.5,
  struggling: 4,
  'goal-at-risk': 3,
  'low-confidence': 2,
  'no-progress': 1,
  inactive: 0.5,
};

/**
 * How pressing a reason is. A struggle with a break taken weighs more than misses in a row
 * alone, which are common while a skill is being learned; few right answers over many attempts
 * weigh more than either.
 */
function priorityOf(reason: ClassReason): number {
  return reason.code === 'struggling' && reason.breaks === 0 ? 3.5 : PRIORITY[reason.code];
}

/**
 * A class at a glance, for a teacher: each learner's status with its reasons (from the pacing
 * policy's struggle state, goals, self-reports and activity), who to see one-on-one today
 * (ranked), small groups ready for the same skill or stuck on it, a skill × learner mastery
 * matrix, and skills mastered per day. Pure and runtime-neutral: states in, JSON out.
 *
 * @example
 * ```ts
 * const summary = summarizeClass(states, pacer, { now: Date.now() });
 * summary.oneOnOne[0]; // { learnerId: 'sam', priority: 5.1, reasons: [{ code: 'needs-help', skillId: 'add', ... }] }
 * ```
 */
export function summarizeClass(
  states: readonly LearnerState[],
  pacer: Pacer,
  options: ClassSummaryOptions,
): ClassSummary {
  const opts = parseInput(ClassSummaryOptionsSchema, options, 'summarizeClass options');
  const { now } = opts;
  const skillIds = [...pacer.graph.topologicalOrder];
  const learnerIds = states.map((s) => s.learnerId);
  const firstDay = Math.floor(now / DAY) - opts.historyDays + 1;
  const days = Array.from({ length: opts.historyDays }, (_, d) =>
    new Date((firstDay + d) * DAY).toISOString().slice(0, 10),
  );
  const classPerDay = new Array<number>(opts.historyDays).fill(0);
  const byLearner: Record<string, number[]> = Object.create(null);
  const ready = new Map<string, string[]>();
  const stuck = new Map<string, string[]>();
  const learners: ClassLearner[] = [];
  const pMatrix: number[][] = [];
  const statusMatrix: MasteryCell[][] = [];

  for (const state of states) {
    const struggle = struggleOf(state).skills;
    const struggling = new Map(struggle.map((s) => [s.skillId, s]));
    const mastered = new Set<string>();
    const row: number[] = [];
    const cells: MasteryCell[] = [];
    const perDay = new Array<number>(opts.historyDays).fill(0);
    let lastMastered = -1;
    for (const skillId of skillIds) {
      const p = pacer.learner.mastery(state, skillId);
      const isMastered = pacer.learner.isMastered(state, skillId);
      const own = Object.hasOwn(state.skills, skillId) ? state.skills[skillId] : undefined;
      row.push(p);
      if (isMastered) {
        mastered.add(skillId);
        cells.push('mastered');
      } else
        cells.push(
          struggling.has(skillId) ? 'struggling' : own && own.attempts > 0 ? 'learning' : 'not-started',
        );
      const at = own?.masteredAt ?? null;
      if (isMastered && at !== null) {
        lastMastered = Math.max(lastMastered, at);
        const d = Math.floor(at / DAY) - firstDay;
        if (d >= 0 && d < opts.historyDays) {
          perDay[d]! += 1;
          classPerDay[d]! += 1;
        }
      }
    }
    pMatrix.push(row);
    statusMatrix.push(cells);
    byLearner[state.learnerId] = perDay;
    for (const skillId of pacer.graph.outerFringe((id) => mastered.has(id))) {
      const list = ready.get(skillId) ?? [];
      list.push(state.learnerId);
      ready.set(skillId, list);
    }

    const reasons: ClassReason[] = [];
    for (const s of struggle) {
      if (!pacer.graph.has(s.skillId)) continue;
      if (s.needsHelpAt !== null)
        reasons.push({ code: 'needs-help', skillId: s.skillId, since: s.needsHelpAt, attempts: s.attempts });
      else if (s.breaks > 0 || s.missesInRow >= pacer.struggleOptions.after)
        reasons.push({
          code: 'struggling',
          skillId: s.skillId,
          missesInRow: s.missesInRow,
          attempts: s.attempts,
          breaks: s.breaks,
        });
      else continue;
      const list = stuck.get(s.skillId) ?? [];
      list.push(state.learnerId);
      stuck.set(s.skillId, list);
    }
    for (const goal of Object.values(state.goals)) {
      const plan = pacer.goalPlan(state, { now, goalId: goal.id });
      if (!plan.feasible && plan.remainingSkills.length > 0)
        reasons.push({
          code: 'goal-at-risk',
          goalId: goal.id,
          deadline: goal.deadline,
          remainingSkills: plan.remainingSkills.length,
        });
    }
    let attempts = 0;
    let right = 0;
    for (const k of Object.values(state.skills)) {
      attempts += k.attempts;
      right += k.correct;
    }
    if (attempts >= opts.minAttempts && right / attempts < opts.lowSuccess)
      reasons.push({ code: 'low-success', rate: right / attempts, attempts });
    const confidence = state.affect.confidence?.value;
    if (confidence !== undefined && confidence < opts.lowConfidence)
      reasons.push({ code: 'low-confidence', confidence });
    const last = state.lastEventAt;
    if (last !== null && now - last >= opts.inactiveDays * DAY)
      reasons.push({ code: 'inactive', days: Math.floor((now - last) / DAY) });
    else if (last !== null && mastered.size < skillIds.length) {
      // Practising since the last skill mastered (or since the oldest open struggle), with
      // activity in the window, and nothing new mastered.
      const oldestStruggle = struggle.reduce((m, s) => Math.min(m, s.since), Number.POSITIVE_INFINITY);
      const since = lastMastered >= 0 ? lastMastered : oldestStruggle;
      if (Number.isFinite(since) && now - since >= opts.noProgressDays * DAY && last > since)
        reasons.push({ code: 'no-progress', days: Math.floor((now - since) / DAY) });
    }
    reasons.sort((a, b) => priorityOf(b) - priorityOf(a));
    const status: LearnerStatus = reasons[0]?.code ?? (last === null ? 'not-started' : 'on-track');
    learners.push({
      learnerId: state.learnerId,
      status,
      reasons,
      mastered: mastered.size,
      lastActiveAt: last,
    });
  }

  const oneOnOne = learners
    .filter((l) => l.reasons.length > 0 && l.status !== 'inactive')
    .map((l) => ({
      learnerId: l.learnerId,
      // The most pressing reason decides; more reasons, and longer wheel-spinning, break ties.
      priority:
        priorityOf(l.reasons[0]!) +
        0.1 * (l.reasons.length - 1) +
        0.001 * Math.min(99, l.reasons[0]!.code === 'needs-help' ? l.reasons[0]!.attempts : 0),
      reasons: l.reasons,
    }))
    .sort((a, b) => b.priority - a.priority || (a.learnerId < b.learnerId ? -1 : 1))
    .slice(0, opts.oneOnOneLimit);

  const groups: ClassGroup[] = [];
  for (const [kind, map] of [
    ['stuck', stuck],
    ['ready', ready],
  ] as const) {
    for (const skillId of skillIds) {
      const ids = map.get(skillId);
      if (ids && ids.length >= opts.minGroupSize) groups.push({ skillId, kind, learnerIds: ids });
    }
  }
  return {
    learners,
    oneOnOne,
    groups,
    mastery: { skillIds, learnerIds, pMastery: pMatrix, status: statusMatrix },
    masteredPerDay: { days, class: classPerDay, byLearner },
  };
}
