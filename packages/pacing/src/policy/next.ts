import { type LearnerState, parseInput } from '@pacekit/core';
import { type NextOptions, NextOptionsSchema } from './options';
import { rank } from './rank';
import type { Reason } from './reasons';
import { boost } from './rules/boost';
import { breaks } from './rules/breaks';
import { checks } from './rules/checks';
import { instruction } from './rules/instruction';
import { learning } from './rules/learning';
import { maintenance } from './rules/maintenance';
import { picked } from './rules/picked';
import { pins } from './rules/pins';
import { reviews } from './rules/reviews';
import { type ActivityKind, type Candidate, createView, type PolicyContext, type PolicyView } from './view';

/** What the learner should do, and why. */
export interface Recommendation {
  /** The item to do. */
  itemId: string;
  /** The skill it serves. */
  skillId: string;
  /** review: keep it; learn: new material; challenge: a stretch; remediate: repair first. */
  kind: ActivityKind;
  /** Predicted probability of success on the item. */
  predictedSuccess: number;
  /** Ranking score (higher first): value per minute plus the item's fit; its parts are the reasons. */
  score: number;
  /** Why, machine-readable, with the numbers behind it. */
  reasons: Reason[];
}

/** A policy rule: what it proposes for a learner now. */
export type PolicyRule = (view: PolicyView) => Candidate[];

/** The rules `next()` asks, each in its own file under `policy/rules/`. */
const RULES: readonly PolicyRule[] = [pins, picked, reviews, checks, learning, instruction, breaks, boost];

/**
 * Ranked recommendations for a learner now (or, with `choices`, distinct options to choose among): every rule proposes candidates valued in expected
 * mastery gained or kept (pins, due reviews, prerequisite checks that can change the decision,
 * new learning shaped by struggle, confidence and mood, instruction when stuck, another skill
 * during a break, a quick win after a run of misses); each candidate's
 * item is chosen; they are ranked by value per minute. See docs/pacing.md.
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
  if (context.learner.catalog!.items.length === 0) return [];
  const view = createView(context, state, opts, exclude);
  let candidates = RULES.flatMap((rule) => rule(view));
  if (candidates.length === 0) candidates = maintenance(view);
  if (opts.choices === undefined) return rank(view, candidates, opts.limit);
  return distinctChoices(rank(view, candidates, opts.choices * 4), opts.choices);
}

/** `count` options: the best, then the best of each kind not yet offered, then the next best. */
function distinctChoices(ranked: readonly Recommendation[], count: number): Recommendation[] {
  const out: Recommendation[] = ranked.slice(0, 1);
  const kinds = new Set(out.map((r) => r.kind));
  for (const r of ranked) {
    if (out.length >= count) break;
    if (!kinds.has(r.kind)) {
      out.push(r);
      kinds.add(r.kind);
    }
  }
  for (const r of ranked) {
    if (out.length >= count) break;
    if (!out.includes(r)) out.push(r);
  }
  return out;
}
