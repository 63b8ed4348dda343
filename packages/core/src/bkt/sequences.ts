import type { ResponseTable } from '../data';

/**
 * Entry indices of `table` grouped by skill, then by learner, each learner's entries kept in
 * table order: two stable counting sorts, O(n). Both fitting and evaluation walk this order.
 */
export function groupBySkillThenLearner(table: ResponseTable): Int32Array {
  const n = table.length;
  const byLearner = countingSort(table.learner, table.learnerIds.length, identity(n));
  return countingSort(table.skill, table.skillIds.length, byLearner);
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function countingSort(key: Int32Array, buckets: number, order: Int32Array): Int32Array {
  const counts = new Int32Array(buckets + 1);
  for (let i = 0; i < order.length; i++) counts[key[order[i]!]! + 1]!++;
  for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b]!;
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    out[counts[key[row]!]!++] = row;
  }
  return out;
}

/**
 * One skill's training data for EM: the distinct (learner class, responses, items) sequences,
 * each once with its multiplicity, concatenated into typed arrays.
 */
export interface SkillSequences {
  /** Index of the skill in the table's `skillIds`. */
  readonly skill: number;
  /** Number of distinct sequences. */
  readonly count: number;
  /** `starts[s]..starts[s+1]` are sequence `s`'s positions in `obs` and `item`. */
  readonly starts: Int32Array;
  /** 1 correct, 0 wrong. */
  readonly obs: Uint8Array;
  /** Local item index (into `itemIds`), per position; all 0 when items are not modelled. */
  readonly item: Int32Array;
  /** Local class index (into `classIds`), per sequence; all 0 when classes are not modelled. */
  readonly cls: Int32Array;
  /** How many learners had this exact sequence. */
  readonly weight: Float64Array;
  /** Global item index per local item (-1 = responses without an item id). */
  readonly itemIds: Int32Array;
  /** Global class index per local class (-1 = learners without a class). */
  readonly classIds: Int32Array;
  /** Responses per local item (with multiplicity). */
  readonly itemResponses: Float64Array;
  /** Responses in all, with multiplicity. */
  readonly responses: number;
  /** Learner sequences in all (before deduplication). */
  readonly learners: number;
  /** Longest sequence. */
  readonly maxLength: number;
}

/** Which parts of a sequence make two sequences different for the model. */
export interface SequenceKeys {
  items: boolean;
  classes: boolean;
}

/** Builds every skill's {@link SkillSequences}, in skill-index order (skills without data omitted). */
export function buildSkillSequences(table: ResponseTable, keys: SequenceKeys): SkillSequences[] {
  const order = groupBySkillThenLearner(table);
  const result: SkillSequences[] = [];
  let i = 0;
  while (i < order.length) {
    const skill = table.skill[order[i]!]!;
    let end = i;
    while (end < order.length && table.skill[order[end]!] === skill) end++;
    result.push(buildOne(table, order, i, end, skill, keys));
    i = end;
  }
  return result;
}

function buildOne(
  table: ResponseTable,
  order: Int32Array,
  from: number,
  to: number,
  skill: number,
  keys: SequenceKeys,
): SkillSequences {
  const localItem = new Map<number, number>();
  const localClass = new Map<number, number>();
  const local = (map: Map<number, number>, id: number): number => {
    let index = map.get(id);
    if (index === undefined) {
      index = map.size;
      map.set(id, index);
    }
    return index;
  };

  // Pass 1: find each learner's run, key it, and count distinct sequences.
  const seen = new Map<string, number>();
  const uniqueRuns: number[] = []; // [from, to, cls] per distinct sequence
  const weights: number[] = [];
  let learners = 0;
  let maxLength = 0;
  let p = from;
  while (p < to) {
    const learner = table.learner[order[p]!]!;
    let q = p;
    while (q < to && table.learner[order[q]!] === learner) q++;
    learners++;
    const cls = keys.classes ? local(localClass, table.learnerClass[order[p]!]!) : 0;
    let key = keys.classes ? `${cls}|` : '';
    for (let r = p; r < q; r++) key += table.correct[order[r]!] ? '1' : '0';
    if (keys.items) {
      for (let r = p; r < q; r++) key += `,${local(localItem, table.item[order[r]!]!)}`;
    }
    const known = seen.get(key);
    if (known === undefined) {
      seen.set(key, weights.length);
      weights.push(1);
      uniqueRuns.push(p, q, cls);
      if (q - p > maxLength) maxLength = q - p;
    } else {
      weights[known]!++;
    }
    p = q;
  }

  // Pass 2: lay the distinct sequences out in typed arrays.
  const count = weights.length;
  let positions = 0;
  for (let s = 0; s < count; s++) positions += uniqueRuns[3 * s + 1]! - uniqueRuns[3 * s]!;
  const starts = new Int32Array(count + 1);
  const obs = new Uint8Array(positions);
  const item = new Int32Array(positions);
  const cls = new Int32Array(count);
  const weight = Float64Array.from(weights);
  const itemResponses = new Float64Array(Math.max(1, localItem.size));
  let w = 0;
  for (let s = 0; s < count; s++) {
    starts[s] = w;
    cls[s] = uniqueRuns[3 * s + 2]!;
    for (let r = uniqueRuns[3 * s]!; r < uniqueRuns[3 * s + 1]!; r++) {
      const row = order[r]!;
      obs[w] = table.correct[row]!;
      const it = keys.items ? localItem.get(table.item[row]!)! : 0;
      item[w] = it;
      itemResponses[it]! += weight[s]!;
      w++;
    }
  }
  starts[count] = w;
  let responses = 0;
  for (let s = 0; s < count; s++) responses += weight[s]! * (starts[s + 1]! - starts[s]!);
  return {
    skill,
    count,
    starts,
    obs,
    item,
    cls,
    weight,
    itemIds: keys.items ? Int32Array.from(localItem.keys()) : Int32Array.of(-1),
    classIds: keys.classes ? Int32Array.from(localClass.keys()) : Int32Array.of(-1),
    itemResponses,
    responses,
    learners,
    maxLength,
  };
}
