import * as z from 'zod/mini';
import { PacekitError } from '../errors';
import { parseInput } from '../validation';

/**
 * Learner responses in columns, the layout that fitting and evaluation read: one entry per
 * (response, skill) — a response on an item tagged with two skills appears twice, once for each
 * skill, as pyBKT does. Entries are in the order the responses happened for each learner.
 *
 * Ids are interned: `learner[i]` indexes `learnerIds`, and so on, so hot loops touch typed
 * arrays only and a table of 400,000 responses takes about 6 MB.
 */
export interface ResponseTable {
  /** Number of entries. */
  readonly length: number;
  /** Distinct learner ids, in order of first appearance. */
  readonly learnerIds: readonly string[];
  /** Distinct skill ids, in order of first appearance. */
  readonly skillIds: readonly string[];
  /** Distinct item ids, in order of first appearance (empty when items are not known). */
  readonly itemIds: readonly string[];
  /** Distinct learner-class ids (for per-class priors); empty when classes are not given. */
  readonly classIds: readonly string[];
  /** Index into `learnerIds`, per entry. */
  readonly learner: Int32Array;
  /** Index into `skillIds`, per entry. */
  readonly skill: Int32Array;
  /** Index into `itemIds`, or -1 when the item is not known, per entry. */
  readonly item: Int32Array;
  /** Index into `classIds`, or -1, per entry. */
  readonly learnerClass: Int32Array;
  /** 1 if the response was correct, else 0, per entry. */
  readonly correct: Uint8Array;
}

/** One response, as {@link createResponseTable} takes it. */
export const ResponseRowSchema = z.object({
  learnerId: z.string().check(z.minLength(1)),
  /** One skill id, or several for an item that exercises several skills. */
  skillId: z.union([
    z.string().check(z.minLength(1)),
    z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  ]),
  /** Correct (true/1) or not (false/0); a score in [0, 1] counts as correct from 0.5. */
  correct: z.union([z.boolean(), z.number().check(z.gte(0), z.lte(1))]),
  itemId: z.optional(z.string().check(z.minLength(1))),
  learnerClass: z.optional(z.string().check(z.minLength(1))),
});

/** Input type of one response row. */
export type ResponseRow = z.input<typeof ResponseRowSchema>;

/** Interns strings to dense integer ids. */
export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }
}

/** Growable columns used while a table is being read. */
export class ResponseTableBuilder {
  readonly learners = new Interner();
  readonly skills = new Interner();
  readonly items = new Interner();
  readonly classes = new Interner();
  private capacity: number;
  length = 0;
  learner: Int32Array;
  skill: Int32Array;
  item: Int32Array;
  learnerClass: Int32Array;
  correct: Uint8Array;

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.learner = new Int32Array(this.capacity);
    this.skill = new Int32Array(this.capacity);
    this.item = new Int32Array(this.capacity);
    this.learnerClass = new Int32Array(this.capacity);
    this.correct = new Uint8Array(this.capacity);
  }

  push(learner: number, skill: number, item: number, learnerClass: number, correct: 0 | 1): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.learner[i] = learner;
    this.skill[i] = skill;
    this.item[i] = item;
    this.learnerClass[i] = learnerClass;
    this.correct[i] = correct;
  }

  private grow(): void {
    this.capacity *= 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.capacity);
      next.set(old);
      return next;
    };
    this.learner = grow(this.learner, (n) => new Int32Array(n));
    this.skill = grow(this.skill, (n) => new Int32Array(n));
    this.item = grow(this.item, (n) => new Int32Array(n));
    this.learnerClass = grow(this.learnerClass, (n) => new Int32Array(n));
    this.correct = grow(this.correct, (n) => new Uint8Array(n));
  }

  /** Finishes the table; `order`, if given, lists entry indices in the order to keep. */
  build(order?: Int32Array): ResponseTable {
    const n = this.length;
    const pick = <T extends Int32Array | Uint8Array>(column: T): T => {
      const trimmed = column.slice(0, n) as T;
      if (!order) return trimmed;
      const out = trimmed.slice() as T;
      for (let i = 0; i < n; i++) out[i] = trimmed[order[i]!]!;
      return out;
    };
    return {
      length: n,
      learnerIds: this.learners.ids,
      skillIds: this.skills.ids,
      itemIds: this.items.ids,
      classIds: this.classes.ids,
      learner: pick(this.learner),
      skill: pick(this.skill),
      item: pick(this.item),
      learnerClass: pick(this.learnerClass),
      correct: pick(this.correct),
    };
  }
}

/**
 * Builds a {@link ResponseTable} from plain objects, in the order given (each learner's
 * responses must be in the order they happened). Every row is validated; a bad row throws a
 * `PacekitError` (`INVALID_INPUT`) naming its index, field and value.
 *
 * @example
 * ```ts
 * const table = createResponseTable([
 *   { learnerId: 'ada', skillId: 'fractions', correct: false },
 *   { learnerId: 'ada', skillId: 'fractions', correct: true },
 * ]);
 * ```
 */
export function createResponseTable(rows: readonly ResponseRow[]): ResponseTable {
  const builder = new ResponseTableBuilder(rows.length);
  rows.forEach((raw, index) => {
    const row = parseInput(ResponseRowSchema, raw, `response row ${index}`);
    const learner = builder.learners.intern(row.learnerId);
    const item = row.itemId === undefined ? -1 : builder.items.intern(row.itemId);
    const learnerClass = row.learnerClass === undefined ? -1 : builder.classes.intern(row.learnerClass);
    const correct = (typeof row.correct === 'boolean' ? row.correct : row.correct >= 0.5) ? 1 : 0;
    const skills = typeof row.skillId === 'string' ? [row.skillId] : row.skillId;
    for (const skillId of skills) {
      builder.push(learner, builder.skills.intern(skillId), item, learnerClass, correct);
    }
  });
  return builder.build();
}

/**
 * The entries of `table` whose learner is selected by `keep` (indexed like `table.learnerIds`).
 * Ids keep their indices, so predictions on a subset line up with the whole table's ids.
 */
export function selectLearners(table: ResponseTable, keep: Uint8Array): ResponseTable {
  if (keep.length !== table.learnerIds.length) {
    throw new PacekitError(
      'INVALID_INPUT',
      `selectLearners: keep has ${keep.length} entries, expected ${table.learnerIds.length}`,
    );
  }
  let n = 0;
  for (let i = 0; i < table.length; i++) if (keep[table.learner[i]!]) n++;
  const learner = new Int32Array(n);
  const skill = new Int32Array(n);
  const item = new Int32Array(n);
  const learnerClass = new Int32Array(n);
  const correct = new Uint8Array(n);
  let j = 0;
  for (let i = 0; i < table.length; i++) {
    if (!keep[table.learner[i]!]) continue;
    learner[j] = table.learner[i]!;
    skill[j] = table.skill[i]!;
    item[j] = table.item[i]!;
    learnerClass[j] = table.learnerClass[i]!;
    correct[j] = table.correct[i]!;
    j++;
  }
  return { ...table, length: n, learner, skill, item, learnerClass, correct };
}
