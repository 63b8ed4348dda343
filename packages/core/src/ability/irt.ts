import * as z from 'zod/mini';
import { createYielder, longWorkFields } from '../async';
import { PacekitError } from '../errors';
import { parseInput } from '../validation';
import { gaussHermite } from './quadrature';

/** One calibrated item: P(correct | θ) = c + (1 − c)·σ(a(θ − b)) (logistic metric, no 1.7). */
export const IrtItemSchema = z.object({
  /** Item id. */
  id: z.string().check(z.minLength(1)),
  /** Discrimination a. */
  a: z.number(),
  /** Difficulty b, on the ability scale. */
  b: z.number(),
  /** Lower asymptote c (guessing; 0 outside the 3PL). */
  c: z._default(z.number().check(z.gte(0), z.lt(1)), 0),
});

/** A calibrated item. */
export type IrtItem = z.output<typeof IrtItemSchema>;

/** A calibrated item bank, as JSON. */
export const ItemBankSchema = z.object({
  kind: z.literal('irt-bank'),
  schemaVersion: z.literal(1),
  /** The model calibrated. */
  model: z.literal(['1pl', '2pl', '3pl']),
  /** The items. */
  items: z.array(IrtItemSchema).check(z.minLength(1)),
  /** Marginal log-likelihood of the calibration data, when calibrated. */
  logLikelihood: z.optional(z.number()),
});

/** An item bank (see {@link ItemBankSchema}). */
export type ItemBank = z.output<typeof ItemBankSchema>;

/** P(correct) at ability θ. */
export function irtProbability(item: Pick<IrtItem, 'a' | 'b' | 'c'>, theta: number): number {
  return item.c + (1 - item.c) / (1 + Math.exp(-item.a * (theta - item.b)));
}

/** Fisher information of an item at θ (Birnbaum's formula; a²P(1−P) for c = 0). */
export function itemInformation(item: Pick<IrtItem, 'a' | 'b' | 'c'>, theta: number): number {
  const p = irtProbability(item, theta);
  const { a, c } = item;
  return (a * a * (1 - p) * (p - c) ** 2) / ((1 - c) ** 2 * p);
}

/** Test information: the sum of the items' information at θ. */
export function testInformation(items: readonly Pick<IrtItem, 'a' | 'b' | 'c'>[], theta: number): number {
  let sum = 0;
  for (const item of items) sum += itemInformation(item, theta);
  return sum;
}

/**
 * Responses for calibration: one row per examinee (or per response pattern, with a count),
 * one column per item; 1 correct, 0 wrong, −1 not answered.
 */
export interface ResponseMatrix {
  /** Column ids. */
  itemIds: readonly string[];
  /** Row-major responses, rows × items. */
  responses: Int8Array;
  /** How many examinees each row stands for. */
  counts: Float64Array;
}

/** One row for {@link createResponseMatrix}: responses by item id (null or absent = not answered). */
export interface ResponseMatrixRow {
  /** 0/1 (or boolean) by item id. */
  responses: Record<string, 0 | 1 | boolean | null | undefined>;
  /** Examinees with this pattern (default 1). */
  count?: number;
}

/** Builds a {@link ResponseMatrix}, validating every cell (a bad one names its row, item and value). */
export function createResponseMatrix(
  rows: readonly ResponseMatrixRow[],
  itemIds?: readonly string[],
): ResponseMatrix {
  const ids = itemIds ? [...itemIds] : [...new Set(rows.flatMap((r) => Object.keys(r.responses)))];
  const column = new Map(ids.map((id, j) => [id, j]));
  const responses = new Int8Array(rows.length * ids.length).fill(-1);
  const counts = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const count = row.count ?? 1;
    if (!(Number.isFinite(count) && count >= 0)) {
      throw new PacekitError(
        'INVALID_INPUT',
        `Response row ${i}: "count" must be a finite number ≥ 0 (got ${String(row.count)})`,
      );
    }
    counts[i] = count;
    for (const [id, value] of Object.entries(row.responses)) {
      const j = column.get(id);
      if (j === undefined)
        throw new PacekitError('UNKNOWN_ITEM', `Response row ${i} answers unknown item "${id}"`, {
          row: i,
          itemId: id,
        });
      if (value === null || value === undefined) continue;
      if (value !== 0 && value !== 1 && value !== true && value !== false) {
        throw new PacekitError(
          'INVALID_INPUT',
          `Response row ${i}, item "${id}": expected 0, 1 or blank (got ${JSON.stringify(value)})`,
          { row: i, itemId: id },
        );
      }
      responses[i * ids.length + j] = value === 1 || value === true ? 1 : 0;
    }
  });
  return { itemIds: ids, responses, counts };
}

/** Options of {@link calibrateIrt}. */
export const CalibrateIrtOptionsSchema = z.object({
  /** 1PL (one discrimination shared by all items), 2PL, or 3PL. */
  model: z._default(z.literal(['1pl', '2pl', '3pl']), '2pl'),
  /** Gauss–Hermite points for the N(0, 1) ability distribution. */
  quadraturePoints: z._default(z.int().check(z.gte(5), z.lte(201)), 21),
  /** 3PL guessing: a fixed value, or the upper bound of an estimated one. */
  guessing: z._default(
    z.union([z.number().check(z.gte(0), z.lt(1)), z.object({ max: z.number().check(z.gt(0), z.lt(1)) })]),
    { max: 0.35 },
  ),
  maxIterations: z._default(z.int().check(z.gte(1)), 2000),
  /** Stop when no parameter moves more than this between iterations. */
  tolerance: z._default(z.number().check(z.gt(0)), 1e-6),
  ...longWorkFields,
});

/** Options of {@link calibrateIrt} (all optional). */
export type CalibrateIrtOptions = z.input<typeof CalibrateIrtOptionsSchema>;

const A_MAX = 20;
const D_MAX = 40;

/** Σ_q r·log P + (n − r)·log(1 − P) with P = c + (1−c)σ(aθ_q + d): an item's expected log-likelihood. */
function itemLogLikelihood(
  nodes: Float64Array,
  n: Float64Array,
  r: Float64Array,
  a: number,
  d: number,
  c: number,
): number {
  let ll = 0;
  for (let q = 0; q < nodes.length; q++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, c + (1 - c) / (1 + Math.exp(-(a * nodes[q]! + d)))));
    ll += r[q]! * Math.log(p) + (n[q]! - r[q]!) * Math.log(1 - p);
  }
  return ll;
}

/** Newton steps on (a, d) of Σ_q r·log P + (n − r)·log(1 − P), P = c + (1−c)σ(aθ + d); `fixA` holds a. */
function fitItem(
  nodes: Float64Array,
  n: Float64Array,
  r: Float64Array,
  start: { a: number; d: number },
  c: number,
  fixA: boolean,
) {
  let { a, d } = start;
  const objective = (a2: number, d2: number): number => itemLogLikelihood(nodes, n, r, a2, d2, c);
  for (let iter = 0; iter < 25; iter++) {
    let ga = 0;
    let gd = 0;
    let haa = 0;
    let had = 0;
    let hdd = 0;
    for (let q = 0; q < nodes.length; q++) {
      const s = 1 / (1 + Math.exp(-(a * nodes[q]! + d)));
      const p = c + (1 - c) * s;
      // d log-lik / d logit = (r − nP)·(1−c)s(1−s)/(P(1−P)); Fisher scoring for the curvature.
      const ds = (1 - c) * s * (1 - s);
      const weight = ds / (p * (1 - p));
      const resid = (r[q]! - n[q]! * p) * weight;
      const info = n[q]! * ds * weight;
      ga += resid * nodes[q]!;
      gd += resid;
      haa += info * nodes[q]! * nodes[q]!;
      had += info * nodes[q]!;
      hdd += info;
    }
    let stepA = 0;
    let stepD = 0;
    if (fixA) stepD = gd / (hdd + 1e-12);
    else {
      const det = haa * hdd - had * had;
      if (!(det > 1e-12)) break;
      stepA = (hdd * ga - had * gd) / det;
      stepD = (haa * gd - had * ga) / det;
    }
    // Step-halving keeps each M-step from lowering the objective.
    const before = objective(a, d);
    let t = 1;
    let na = a;
    let nd = d;
    for (let h = 0; h < 20; h++, t /= 2) {
      na = Math.max(-A_MAX, Math.min(A_MAX, a + t * stepA));
      nd = Math.max(-D_MAX, Math.min(D_MAX, d + t * stepD));
      if (objective(na, nd) >= before - 1e-12) break;
    }
    const moved = Math.abs(na - a) + Math.abs(nd - d);
    a = na;
    d = nd;
    if (moved < 1e-10) break;
  }
  return { a, d };
}

/**
 * Calibrates items by marginal maximum likelihood: EM over a Gauss–Hermite grid for a N(0, 1)
 * ability distribution (Bock & Aitkin, 1981), with Fisher-scoring M-steps. Returns each item's
 * difficulty b and discrimination a in the logistic metric (no 1.7 constant) — the IRT
 * parameterisation of R's ltm and mirt — and the marginal log-likelihood. Unanswered cells are
 * ignored; an item nobody answered is an error naming it; estimates are bounded (|a| ≤ 20,
 * |a·b| ≤ 40), so an item everyone got right gets a finite, very low difficulty, never NaN.
 */
export async function calibrateIrt(
  matrix: ResponseMatrix,
  options: CalibrateIrtOptions = {},
): Promise<ItemBank> {
  const opts = parseInput(CalibrateIrtOptionsSchema, options, 'calibrateIrt options');
  const J = matrix.itemIds.length;
  const rows = matrix.counts.length;
  if (J === 0 || rows === 0)
    throw new PacekitError('NOT_ENOUGH_DATA', 'calibrateIrt: no items or no responses');
  for (let j = 0; j < J; j++) {
    let answered = 0;
    for (let i = 0; i < rows; i++) if (matrix.responses[i * J + j]! >= 0) answered += matrix.counts[i]!;
    if (answered === 0) {
      throw new PacekitError('NOT_ENOUGH_DATA', `calibrateIrt: nobody answered item "${matrix.itemIds[j]}"`, {
        itemId: matrix.itemIds[j],
      });
    }
  }
  const { nodes, weights } = gaussHermite(opts.quadraturePoints);
  const Q = nodes.length;
  const a = new Float64Array(J).fill(1);
  const d = new Float64Array(J);
  const c = new Float64Array(J).fill(
    opts.model === '3pl' ? (typeof opts.guessing === 'number' ? opts.guessing : 0.1) : 0,
  );
  // Start d from each item's share correct.
  for (let j = 0; j < J; j++) {
    let right = 0;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const x = matrix.responses[i * J + j]!;
      if (x >= 0) {
        total += matrix.counts[i]!;
        right += x * matrix.counts[i]!;
      }
    }
    const p = Math.min(0.99, Math.max(0.01, right / total));
    d[j] = Math.log(p / (1 - p));
  }
  const logP = new Float64Array(J * Q);
  const logQ = new Float64Array(J * Q);
  const n = new Float64Array(J * Q);
  const r = new Float64Array(J * Q);
  const post = new Float64Array(Q);
  const yieldTurn = createYielder(opts.signal);
  let logLikelihood = Number.NEGATIVE_INFINITY;

  const eStep = (): number => {
    for (let j = 0; j < J; j++) {
      for (let q = 0; q < Q; q++) {
        const p = Math.min(
          1 - 1e-15,
          Math.max(1e-15, c[j]! + (1 - c[j]!) / (1 + Math.exp(-(a[j]! * nodes[q]! + d[j]!)))),
        );
        logP[j * Q + q] = Math.log(p);
        logQ[j * Q + q] = Math.log(1 - p);
      }
    }
    n.fill(0);
    r.fill(0);
    let ll = 0;
    for (let i = 0; i < rows; i++) {
      const count = matrix.counts[i]!;
      if (count === 0) continue;
      let max = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < Q; q++) {
        let s = Math.log(weights[q]!);
        for (let j = 0; j < J; j++) {
          const x = matrix.responses[i * J + j]!;
          if (x === 1) s += logP[j * Q + q]!;
          else if (x === 0) s += logQ[j * Q + q]!;
        }
        post[q] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let q = 0; q < Q; q++) sum += post[q] = Math.exp(post[q]! - max);
      ll += count * (max + Math.log(sum));
      for (let q = 0; q < Q; q++) {
        const share = (count * post[q]!) / sum;
        for (let j = 0; j < J; j++) {
          const x = matrix.responses[i * J + j]!;
          if (x < 0) continue;
          n[j * Q + q]! += share;
          if (x === 1) r[j * Q + q]! += share;
        }
      }
    }
    return ll;
  };

  for (let iteration = 0; iteration < opts.maxIterations; iteration++) {
    logLikelihood = eStep();
    let moved = 0;
    if (opts.model === '1pl') {
      // One discrimination for all items: the d's given a, then a given the d's.
      for (let j = 0; j < J; j++) {
        const fit = fitItem(
          nodes,
          n.subarray(j * Q, (j + 1) * Q),
          r.subarray(j * Q, (j + 1) * Q),
          { a: a[0]!, d: d[j]! },
          0,
          true,
        );
        moved = Math.max(moved, Math.abs(fit.d - d[j]!));
        d[j] = fit.d;
      }
      let g = 0;
      let h = 0;
      for (let j = 0; j < J; j++) {
        for (let q = 0; q < Q; q++) {
          const p = 1 / (1 + Math.exp(-(a[0]! * nodes[q]! + d[j]!)));
          g += (r[j * Q + q]! - n[j * Q + q]! * p) * nodes[q]!;
          h += n[j * Q + q]! * p * (1 - p) * nodes[q]! * nodes[q]!;
        }
      }
      const next = Math.max(0.01, Math.min(A_MAX, a[0]! + g / (h + 1e-12)));
      moved = Math.max(moved, Math.abs(next - a[0]!));
      a.fill(next);
    } else {
      for (let j = 0; j < J; j++) {
        const nj = n.subarray(j * Q, (j + 1) * Q);
        const rj = r.subarray(j * Q, (j + 1) * Q);
        let fit = fitItem(nodes, nj, rj, { a: a[j]!, d: d[j]! }, c[j]!, false);
        if (opts.model === '3pl' && typeof opts.guessing !== 'number') {
          // Bounded guessing: golden-section search on c, refitting (a, d) at each trial.
          const cMax = opts.guessing.max;
          const value = (cj: number) => {
            const f = fitItem(nodes, nj, rj, fit, cj, false);
            return { ll: itemLogLikelihood(nodes, nj, rj, f.a, f.d, cj), f };
          };
          let lo = 0;
          let hi = cMax;
          const phi = (Math.sqrt(5) - 1) / 2;
          for (let k = 0; k < 30; k++) {
            const m1 = hi - phi * (hi - lo);
            const m2 = lo + phi * (hi - lo);
            if (value(m1).ll < value(m2).ll) lo = m1;
            else hi = m2;
          }
          const cj = (lo + hi) / 2;
          moved = Math.max(moved, Math.abs(cj - c[j]!));
          c[j] = cj;
          fit = value(cj).f;
        }
        moved = Math.max(moved, Math.abs(fit.a - a[j]!), Math.abs(fit.d - d[j]!));
        a[j] = fit.a;
        d[j] = fit.d;
      }
    }
    opts.onProgress?.({ phase: 'calibrate', done: iteration + 1, total: opts.maxIterations });
    if (moved < opts.tolerance) {
      logLikelihood = eStep();
      break;
    }
    await yieldTurn();
  }
  return {
    kind: 'irt-bank',
    schemaVersion: 1,
    model: opts.model,
    items: matrix.itemIds.map((id, j) => ({ id, a: a[j]!, b: -d[j]! / a[j]!, c: c[j]! })),
    logLikelihood,
  };
}
