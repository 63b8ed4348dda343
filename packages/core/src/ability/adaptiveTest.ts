import { PacekitError } from '../errors';
import { createRandom } from '../random';
import { getOwn } from '../validation';
import type { IrtItem, ItemBank } from './irt';
import { itemInformation } from './irt';
import { type AbilityEstimate, estimateAbility, type ScoredResponse } from './scoring';

/** Options of {@link createAdaptiveTest}. */
export interface AdaptiveTestOptions {
  /** Stop once the standard error of θ is at most this (default 0.3). */
  seTarget?: number;
  /** Stop after this many items (default 20). */
  maxItems?: number;
  /** Ability prior N(mean, sd²) (default N(0, 1)). */
  prior?: { mean: number; sd: number };
  /** Exposure control: pick at random among the `randomesque` most informative items (default 1: the best). */
  randomesque?: number;
  /** Content balancing: target share of items per content area, and each item's area. */
  content?: { targets: Record<string, number>; areaOf: Record<string, string> };
  /** Seed for exposure control. */
  seed?: number;
}

/** Why an adaptive test stopped. */
export type StopReason = 'se-target' | 'max-items' | 'bank-exhausted';

/** A computer-adaptive test in progress. */
export interface AdaptiveTest {
  /** The next item to ask, or null when the test is over (see `stopReason`). */
  next(): IrtItem | null;
  /** Records the answer to an item that `next()` gave. */
  answer(itemId: string, correct: boolean): AbilityEstimate;
  /** The current ability estimate (EAP). */
  estimate(): AbilityEstimate;
  /** Items asked so far, with answers. */
  readonly asked: readonly { itemId: string; correct: boolean }[];
  /** Why the test is over, or null while it goes on. */
  stopReason(): StopReason | null;
}

/**
 * Runs a computer-adaptive test over a calibrated bank: each next item is the one with maximum
 * Fisher information at the current EAP estimate (or one of the `randomesque` best, for exposure
 * control), from the content area furthest below its target share when `content` is given; the
 * estimate is updated after each answer; the test stops when SE ≤ `seTarget`, after `maxItems`,
 * or when the bank runs out.
 *
 * @example
 * ```ts
 * const test = createAdaptiveTest(bank, { seTarget: 0.3 });
 * for (let item = test.next(); item; item = test.next()) test.answer(item.id, await ask(item.id));
 * test.estimate(); // { theta, se }
 * ```
 */
export function createAdaptiveTest(bank: ItemBank, options: AdaptiveTestOptions = {}): AdaptiveTest {
  const seTarget = options.seTarget ?? 0.3;
  const maxItems = options.maxItems ?? 20;
  const prior = options.prior ?? { mean: 0, sd: 1 };
  const k = Math.max(1, Math.floor(options.randomesque ?? 1));
  if (!(seTarget > 0) || !(maxItems >= 1))
    throw new PacekitError('INVALID_INPUT', 'createAdaptiveTest: seTarget must be > 0 and maxItems ≥ 1');
  const random = createRandom(options.seed ?? 0);
  const byId = new Map(bank.items.map((item) => [item.id, item]));
  const used = new Set<string>();
  const asked: { itemId: string; correct: boolean }[] = [];
  const responses: ScoredResponse[] = [];
  let current = estimateAbility([], { priorMean: prior.mean, priorSd: prior.sd });
  let pending: string | undefined;

  const stopReason = (): StopReason | null => {
    if (asked.length >= maxItems) return 'max-items';
    if (asked.length > 0 && current.se <= seTarget) return 'se-target';
    if (used.size >= bank.items.length) return 'bank-exhausted';
    return null;
  };

  const chooseArea = (): string | undefined => {
    if (!options.content) return undefined;
    const counts = new Map<string, number>();
    for (const { itemId } of asked) {
      const area = getOwn(options.content.areaOf, itemId);
      if (area !== undefined) counts.set(area, (counts.get(area) ?? 0) + 1);
    }
    let best: string | undefined;
    let gap = Number.NEGATIVE_INFINITY;
    for (const [area, target] of Object.entries(options.content.targets)) {
      const available = bank.items.some(
        (item) => !used.has(item.id) && options.content!.areaOf[item.id] === area,
      );
      if (!available) continue;
      const g = target - (counts.get(area) ?? 0) / Math.max(1, asked.length);
      if (g > gap) {
        gap = g;
        best = area;
      }
    }
    return best;
  };

  return {
    asked,
    stopReason,
    estimate: () => current,
    next: () => {
      if (stopReason() !== null) return null;
      const area = chooseArea();
      // The k most informative unused items (of the chosen area), kept sorted in a small list.
      const top: { item: IrtItem; info: number }[] = [];
      for (const item of bank.items) {
        if (used.has(item.id)) continue;
        if (area !== undefined && options.content!.areaOf[item.id] !== area) continue;
        const info = itemInformation(item, current.theta);
        if (top.length < k || info > top[top.length - 1]!.info) {
          top.push({ item, info });
          top.sort((x, y) => y.info - x.info);
          if (top.length > k) top.pop();
        }
      }
      const chosen = top[random.int(top.length)]?.item ?? null;
      pending = chosen?.id;
      return chosen;
    },
    answer: (itemId, correct) => {
      const item = byId.get(itemId);
      if (!item)
        throw new PacekitError('UNKNOWN_ITEM', `Adaptive test: unknown item "${itemId}"`, { itemId });
      if (used.has(itemId))
        throw new PacekitError('INVALID_INPUT', `Adaptive test: item "${itemId}" was already answered`, {
          itemId,
        });
      if (pending !== undefined && pending !== itemId) {
        throw new PacekitError(
          'INVALID_INPUT',
          `Adaptive test: answered "${itemId}" but the test asked "${pending}"`,
          { itemId },
        );
      }
      used.add(itemId);
      pending = undefined;
      asked.push({ itemId, correct });
      responses.push({ item, correct });
      current = estimateAbility(responses, { priorMean: prior.mean, priorSd: prior.sd });
      return current;
    },
  };
}
