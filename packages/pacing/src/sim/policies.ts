import type { LearnerState, Random } from '@pacekit/core';
import type { Pacer } from '../createPacer';
import type { Recommendation } from '../policy/next';

const DAY = 86_400_000;

/** What a policy sees when it chooses: the learner's Pacekit state and the clock. */
export interface PolicyContext {
  /** The learner's state as Pacekit folds their attempts. */
  state: LearnerState;
  /** Now (epoch ms). */
  now: number;
  /** The policy's own random stream. */
  random: Random;
}

/** A policy's pick: an item, with what Pacekit predicted of it when the policy is Pacekit's. */
export interface SimChoice {
  itemId: string;
  kind?: Recommendation['kind'];
  predictedSuccess?: number;
}

/** A way of choosing what a learner does next. */
export interface SimPolicy {
  /** Name in reports. */
  name: string;
  /** A fresh chooser for one learner (policies may keep per-learner memory). */
  start(): {
    /** The item to do now (an id, or a choice with its kind and prediction), or null to stop for the day. */
    choose(context: PolicyContext): string | SimChoice | null;
    /** Told each result. */
    observe?(itemId: string, correct: boolean): void;
  };
}

/**
 * Pacekit's own policy: the top of `pacer.next()`; the learner stops for the day when all that
 * is left is maintenance of a fully mastered course (`all-mastered`).
 */
export function pacekitPolicy(pacer: Pacer): SimPolicy {
  return {
    name: 'Pacekit',
    start: () => ({
      choose: ({ state, now }) => {
        const [top] = pacer.next(state, { now, limit: 1 });
        if (!top || top.reasons[0]?.code === 'all-mastered') return null;
        return { itemId: top.itemId, kind: top.kind, predictedSuccess: top.predictedSuccess };
      },
    }),
  };
}

/**
 * The one-size-fits-all baseline: skills in a fixed (topological) order, each practised until
 * `streak` answers in a row are right, then never again.
 */
export function fixedOrderPolicy(pacer: Pacer, streak = 3): SimPolicy {
  return { name: `Fixed order, ${streak} in a row`, start: () => fixedOrder(pacer, streak, false) };
}

/**
 * The strongest simple baseline: fixed order with `streak` in a row, plus Leitner-box reviews of
 * passed skills. A passed skill enters box 1; a review is due after 1, 2, 4, 8, 16, then 32
 * days by box; a right review moves it up a box, a wrong one back to box 1. Due reviews come
 * before new work.
 */
export function leitnerPolicy(pacer: Pacer, streak = 3): SimPolicy {
  return {
    name: `Fixed order, ${streak} in a row + Leitner reviews`,
    start: () => fixedOrder(pacer, streak, true),
  };
}

function fixedOrder(pacer: Pacer, streak: number, leitner: boolean): ReturnType<SimPolicy['start']> {
  const order = pacer.graph.topologicalOrder;
  const boxes = new Map<string, { box: number; due: number }>();
  let index = 0;
  let run = 0;
  let turn = 0;
  let reviewing: string | undefined;
  let now = 0;
  const itemOf = (skillId: string) => {
    const items = pacer.catalog.itemsForSkill(skillId);
    return items[turn++ % items.length]?.id ?? null;
  };
  return {
    choose: (context) => {
      now = context.now;
      reviewing = undefined;
      if (leitner) {
        for (const [skillId, b] of boxes) {
          if (b.due <= now) {
            reviewing = skillId;
            return itemOf(skillId);
          }
        }
      }
      const skillId = order[index];
      return skillId === undefined ? null : itemOf(skillId);
    },
    observe: (_itemId, correct) => {
      if (reviewing !== undefined) {
        const b = boxes.get(reviewing)!;
        const box = correct ? Math.min(b.box + 1, 6) : 1;
        boxes.set(reviewing, { box, due: now + 2 ** (box - 1) * DAY });
        return;
      }
      run = correct ? run + 1 : 0;
      if (run >= streak) {
        if (leitner) boxes.set(order[index]!, { box: 1, due: now + DAY });
        index++;
        run = 0;
      }
    },
  };
}

/** The random baseline: any item, at random. */
export function randomPolicy(pacer: Pacer): SimPolicy {
  return {
    name: 'Random order',
    start: () => ({
      choose: ({ random }) => pacer.catalog.items[random.int(pacer.catalog.items.length)]?.id ?? null,
    }),
  };
}
