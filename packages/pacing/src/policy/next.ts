import {
  createRandom,
  type Item,
  type LearnerModel,
  type LearnerState,
  PacekitError,
  parseInput,
  probability,
} from '@pacekit/core';
import { z } from 'zod';
import { memoryOf } from '../memory/memoryPlugin';
import type { Scheduler } from '../memory/scheduler';
import type { Reason } from './reasons';

/** Default target success rate for new learning: hard enough to grow, not so hard as to discourage. */
export const DEFAULT_TARGET_SUCCESS = 0.75;

/** Options of `next()`. */
export const NextOptionsSchema = z.object({
  /** The current time (epoch ms): passed in, never read from the clock. */
  now: z.number().int().nonnegative(),
  /** How many recommendations at most. */
  limit: z.number().int().min(1).max(1000).default(5),
  /** Predicted success to aim for in new learning (per learner). */
  targetSuccess: probability.default(DEFAULT_TARGET_SUCCESS),
  /** Seed for breaking ties: the same inputs and seed give the same list. */
  seed: z.number().int().default(0),
  /** Failures in a row on a skill that trigger the frustration guard. */
  struggleAfter: z.number().int().min(1).default(3),
  /** Self-reported confidence below which the frustration guard triggers. */
  lowConfidence: probability.default(0.3),
  /** Successes in a row on a skill that earn a challenge. */
  challengeAfter: z.number().int().min(1).default(3),
  /** Restrict new learning to these skills and their prerequisites (e.g. this week's unit). */
  focus: z.array(z.string().min(1)).optional(),
});

/** Options of `next()` (only `now` is required). */
export type NextOptions = z.input<typeof NextOptionsSchema>;

/** What the learner should do, and why. */
export interface Recommendation {
  /** The item to do. */
  itemId: string;
  /** The skill it serves. */
  skillId: string;
  /** review: keep it; learn: new material; challenge: a stretch; remediate: repair first. */
  kind: 'review' | 'learn' | 'challenge' | 'remediate';
  /** Predicted probability of success on the item. */
  predictedSuccess: number;
  /** Ranking score (higher first); its parts are the reasons. */
  score: number;
  /** Why, machine-readable, with the numbers behind it. */
  reasons: Reason[];
}

/**
 * Score weights of the policy. The ranking is their sum for a candidate; documented in
 * docs/pacing.md.
 */
export const POLICY_WEIGHTS = Object.freeze({
  pinned: 100,
  review: 3,
  /** Added per unit of retrievability below the desired retention. */
  overdue: 10,
  remediate: 2.6,
  learn: 2,
  challenge: 1.9,
  goal: 0.5,
  /** Added for a goal whose deadline is near (scaled by how near, within 30 days). */
  deadline: 0.5,
  interest: 0.3,
  modality: 0.2,
  /** Subtracted per unit of distance between predicted and target success. */
  offTarget: 1,
  /** Subtracted from the skill the learner just worked on (interleaving). */
  repeat: 0.4,
  allMastered: 0.5,
});

const DAY = 86_400_000;

/** What the policy needs to know about a course. */
export interface PolicyContext {
  learner: LearnerModel;
  scheduler: Scheduler;
}

interface Candidate {
  skillId: string;
  kind: Recommendation['kind'];
  base: number;
  reasons: Reason[];
  /** Success to aim for when choosing the item. */
  aim: number;
  /** A pinned item, when the teacher pinned one. */
  itemId?: string;
}

/**
 * P(success) on an item: `learner.predict` (its weakest skill's BKT prediction), shifted by the item's difficulty on the logit scale (0 = the skill's average item).
 */
function predictItem(learner: LearnerModel, state: LearnerState, item: Item): number {
  const p = learner.predict(state, item);
  if (!item.difficulty) return p;
  const clipped = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return 1 / (1 + Math.exp(-(Math.log(clipped / (1 - clipped)) - item.difficulty)));
}

/**
 * Ranked recommendations for a learner now. The rules, in order of precedence per skill:
 * teacher pins; due reviews (retrievability at or below the desired retention); prerequisite
 * checks after a failure on a dependant; the frustration guard (after `struggleAfter` misses
 * in a row or confidence below `lowConfidence`: an easier item, or the weakest prerequisite
 * first); a challenge after `challengeAfter` successes in a row; new learning on the outer
 * fringe, at the target success rate, toward goals. Interests and preferred modalities lift
 * items; the skill just practised is lowered (interleaving). Skipped items and skills are
 * left out; skills in the state but not in the graph are ignored.
 *
 * Defined answers: an empty catalogue gives `[]`; a learner with everything mastered and
 * nothing due gets maintenance reviews of their weakest memories (`all-mastered`); a `focus`
 * naming an unknown skill throws `UNKNOWN_SKILL`.
 */
export function recommend(
  context: PolicyContext,
  state: LearnerState,
  options: NextOptions,
  exclude: ReadonlySet<string> = new Set(),
): Recommendation[] {
  const opts = parseInput(NextOptionsSchema, options, 'next() options');
  const { learner, scheduler } = context;
  const graph = learner.graph!;
  const catalog = learner.catalog!;
  if (catalog.items.length === 0) return [];
  const now = opts.now;
  const memory = memoryOf(state);
  const skippedSkills = new Set<string>();
  const skippedItems = new Set<string>(exclude);
  for (const ref of state.skipped) {
    if (ref.startsWith('skill:')) skippedSkills.add(ref.slice(6));
    else if (ref.startsWith('item:')) skippedItems.add(ref.slice(5));
  }
  const mastered = new Map<string, boolean>();
  const isMastered = (skillId: string): boolean => {
    let m = mastered.get(skillId);
    if (m === undefined) mastered.set(skillId, (m = learner.isMastered(state, skillId)));
    return m;
  };
  let focus: Set<string> | undefined;
  if (opts.focus) {
    focus = new Set();
    for (const skillId of opts.focus) {
      if (!graph.has(skillId))
        throw new PacekitError('UNKNOWN_SKILL', `next(): focus names unknown skill "${skillId}"`, {
          skillId,
        });
      focus.add(skillId);
      for (const a of graph.ancestors(skillId)) focus.add(a);
    }
  }

  // Goals: each goal skill and its unmastered prerequisites, with the nearest deadline.
  const goalOf = new Map<string, { goalId: string; deadline: number | null }>();
  for (const goal of Object.values(state.goals)) {
    for (const skillId of goal.skillIds) {
      if (!graph.has(skillId)) continue;
      for (const id of [...graph.ancestors(skillId), skillId]) {
        const known = goalOf.get(id);
        if (
          !known ||
          (goal.deadline !== null && (known.deadline === null || goal.deadline < known.deadline))
        ) {
          goalOf.set(id, { goalId: goal.id, deadline: goal.deadline });
        }
      }
    }
  }

  let lastSkill: string | undefined;
  let lastAt = -1;
  for (const [skillId, s] of Object.entries(state.skills)) {
    if (s.lastAttemptAt !== null && s.lastAttemptAt > lastAt) {
      lastAt = s.lastAttemptAt;
      lastSkill = skillId;
    }
  }
  const confidenceOf = (skillId: string): number | null =>
    state.affect.skillConfidence[skillId]?.value ?? state.affect.confidence?.value ?? null;

  const candidates = new Map<string, Candidate>();
  // One candidate per skill: the higher base wins; two of the same kind keep both reasons.
  const offer = (c: Candidate): void => {
    const known = candidates.get(c.skillId);
    if (known && known.kind === c.kind) {
      const [first, second] = c.base > known.base ? [c, known] : [known, c];
      const codes = new Set(first.reasons.map((r) => r.code));
      candidates.set(c.skillId, {
        ...first,
        reasons: [...first.reasons, ...second.reasons.filter((r) => !codes.has(r.code))],
      });
      return;
    }
    if (!known || c.base > known.base) candidates.set(c.skillId, c);
  };

  // 1. Teacher pins.
  for (const ref of state.pinned) {
    const [kind, id] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
    if (kind === 'item' && catalog.has(id)) {
      const item = catalog.get(id);
      const skillId = item.skills[0]!;
      offer({
        skillId,
        kind: isMastered(skillId) ? 'review' : 'learn',
        base: POLICY_WEIGHTS.pinned,
        reasons: [{ code: 'teacher-pinned', ref }],
        aim: opts.targetSuccess,
        itemId: id,
      });
    } else if (kind === 'skill' && graph.has(id)) {
      offer({
        skillId: id,
        kind: isMastered(id) ? 'review' : 'learn',
        base: POLICY_WEIGHTS.pinned,
        reasons: [{ code: 'teacher-pinned', ref }],
        aim: opts.targetSuccess,
      });
    }
  }

  // 2. Reviews due, and 3. prerequisite checks.
  for (const [skillId, m] of Object.entries(memory.skills)) {
    if (!graph.has(skillId) || skippedSkills.has(skillId)) continue;
    if (m.flaggedAt !== null) {
      offer({
        skillId,
        kind: 'remediate',
        base: POLICY_WEIGHTS.remediate,
        reasons: [{ code: 'prerequisite-check', flaggedAt: m.flaggedAt }],
        aim: 0.8,
      });
    }
    // Reviews keep what is learned; a skill still being learned is offered as learning instead.
    if (m.card.due <= now && isMastered(skillId)) {
      const r = scheduler.retrievability(m.card, now);
      offer({
        skillId,
        kind: 'review',
        base: POLICY_WEIGHTS.review + POLICY_WEIGHTS.overdue * Math.max(0, scheduler.desiredRetention - r),
        reasons: [
          {
            code: 'due-review',
            retrievability: r,
            desiredRetention: scheduler.desiredRetention,
            dueAt: m.card.due,
          },
        ],
        aim: 0.9,
      });
    }
  }

  // 4–6. Struggle, challenge and new learning on the outer fringe.
  const fringe = graph.outerFringe(isMastered);
  for (const skillId of fringe) {
    if (skippedSkills.has(skillId) || (focus && !focus.has(skillId))) continue;
    const s = state.skills[skillId];
    const confidence = confidenceOf(skillId);
    const failures = s && s.streak < 0 ? -s.streak : 0;
    const struggling =
      failures >= opts.struggleAfter ||
      (confidence !== null && confidence < opts.lowConfidence && (s?.attempts ?? 0) > 0);
    if (struggling) {
      const reason: Reason = { code: 'after-struggle', skillId, failures, confidence };
      // The weakest prerequisite first, when one is not solid; otherwise an easier item of the skill.
      const weakest = graph
        .prerequisitesOf(skillId)
        .map((p) => p.skillId)
        .sort((a, b) => learner.mastery(state, a) - learner.mastery(state, b))[0];
      if (
        weakest !== undefined &&
        learner.mastery(state, weakest) < learner.masteryThreshold + (1 - learner.masteryThreshold) / 2
      ) {
        offer({
          skillId: weakest,
          kind: 'remediate',
          base: POLICY_WEIGHTS.remediate,
          reasons: [reason],
          aim: 0.85,
        });
      } else {
        offer({ skillId, kind: 'remediate', base: POLICY_WEIGHTS.remediate, reasons: [reason], aim: 0.9 });
      }
      continue;
    }
    const prerequisites = graph.prerequisitesOf(skillId).map((p) => p.skillId);
    const reasons: Reason[] = [{ code: 'ready-to-learn', prerequisites }];
    let base = POLICY_WEIGHTS.learn;
    const goal = goalOf.get(skillId);
    if (goal) {
      reasons.push({ code: 'toward-goal', goalId: goal.goalId, deadline: goal.deadline });
      base += POLICY_WEIGHTS.goal;
      if (goal.deadline !== null)
        base += POLICY_WEIGHTS.deadline * Math.min(1, Math.max(0, 1 - (goal.deadline - now) / (30 * DAY)));
    }
    if (s && s.streak >= opts.challengeAfter) {
      reasons.unshift({ code: 'after-success-streak', streak: s.streak });
      offer({
        skillId,
        kind: 'challenge',
        base: base - POLICY_WEIGHTS.learn + POLICY_WEIGHTS.challenge,
        reasons,
        aim: Math.max(0.05, opts.targetSuccess - 0.2),
      });
    } else {
      offer({ skillId, kind: 'learn', base, reasons, aim: opts.targetSuccess });
    }
  }

  // Everything mastered and nothing due: maintenance reviews of the weakest memories.
  if (candidates.size === 0) {
    for (const [skillId, m] of Object.entries(memory.skills)) {
      if (!graph.has(skillId) || skippedSkills.has(skillId)) continue;
      const r = scheduler.retrievability(m.card, now);
      offer({
        skillId,
        kind: 'review',
        base: POLICY_WEIGHTS.allMastered * (1 - r),
        reasons: [{ code: 'all-mastered', retrievability: r }],
        aim: 0.9,
      });
    }
  }

  // Choose each candidate's item, then rank.
  const random = createRandom(opts.seed);
  const interests = new Set(state.interests);
  const modalities = new Set(state.preferredModalities);
  const liked = (topic: string): boolean => interests.has(topic);
  const recommendations: (Recommendation & { tie: number })[] = [];
  for (const c of candidates.values()) {
    const pool = c.itemId !== undefined ? [catalog.get(c.itemId)] : catalog.itemsForSkill(c.skillId);
    // Score every item without allocating; reasons are built for the chosen one only.
    let best: Item | undefined;
    let bestFit = Number.NEGATIVE_INFINITY;
    let bestP = 0;
    for (const item of pool) {
      // A teacher's pin wins over a skip; items already planned this session are never repeated.
      if (c.itemId === undefined ? skippedItems.has(item.id) : exclude.has(item.id)) continue;
      const p = predictItem(learner, state, item);
      let fit = -POLICY_WEIGHTS.offTarget * Math.abs(p - c.aim);
      if (interests.size > 0 && item.topics.some(liked)) fit += POLICY_WEIGHTS.interest;
      if (modalities.has(item.modality)) fit += POLICY_WEIGHTS.modality;
      // Among equals, an item not seen yet.
      if (state.items[item.id] !== undefined) fit -= 1e-3;
      if (fit > bestFit) {
        best = item;
        bestFit = fit;
        bestP = p;
      }
    }
    if (!best) continue;
    const reasons = [...c.reasons];
    if (c.kind === 'learn' || c.kind === 'challenge')
      reasons.push({ code: 'at-target-difficulty', predictedSuccess: bestP, targetSuccess: c.aim });
    const topics = best.topics.filter(liked);
    if (topics.length > 0) reasons.push({ code: 'matches-interest', topics });
    if (modalities.has(best.modality)) reasons.push({ code: 'preferred-modality', modality: best.modality });
    const score =
      c.base + bestFit - (c.skillId === lastSkill && c.kind !== 'review' ? POLICY_WEIGHTS.repeat : 0);
    recommendations.push({
      itemId: best.id,
      skillId: c.skillId,
      kind: c.kind,
      predictedSuccess: bestP,
      score,
      reasons,
      tie: random.next(),
    });
  }
  recommendations.sort((a, b) => b.score - a.score || a.tie - b.tie);
  return recommendations.slice(0, opts.limit).map(({ tie: _tie, ...r }) => r);
}
