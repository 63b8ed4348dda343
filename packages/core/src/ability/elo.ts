import * as z from 'zod/mini';
import { PacekitError } from '../errors';
import { getOwn, setOwn } from '../validation';

/** Default α of the uncertainty function K(n) = α / (1 + β·n). */
export const DEFAULT_ELO_ALPHA = 1;
/** Default β of the uncertainty function. */
export const DEFAULT_ELO_BETA = 0.05;

/** Elo ratings as JSON: learners' global ability and per-skill offsets, items' difficulties, and answer counts. */
export const EloRatingsSchema = z.object({
  kind: z.literal('elo'),
  schemaVersion: z.literal(1),
  alpha: z.number().check(z.gt(0)),
  beta: z.number().check(z.gte(0)),
  learners: z.record(
    z.string(),
    z.object({
      theta: z.number(),
      n: z.int(),
      skills: z.record(z.string(), z.object({ offset: z.number(), n: z.int() })),
    }),
  ),
  items: z.record(z.string(), z.object({ difficulty: z.number(), n: z.int() })),
});

/** Elo ratings (see {@link EloRatingsSchema}). */
export type EloRatings = z.output<typeof EloRatingsSchema>;

/** One answer, as the Elo model reads it. */
export interface EloAnswer {
  learnerId: string;
  itemId: string;
  /** The item's skill (for the learner's per-skill offset). */
  skillId?: string;
  correct: boolean | number;
}

/** New, empty ratings. */
export function createEloRatings(options: { alpha?: number; beta?: number } = {}): EloRatings {
  const alpha = options.alpha ?? DEFAULT_ELO_ALPHA;
  const beta = options.beta ?? DEFAULT_ELO_BETA;
  if (!(alpha > 0 && beta >= 0))
    throw new PacekitError(
      'INVALID_INPUT',
      `createEloRatings: alpha must be > 0 and beta ≥ 0 (got ${alpha}, ${beta})`,
    );
  return { kind: 'elo', schemaVersion: 1, alpha, beta, learners: {}, items: {} };
}

/** A record's own entry, created when missing (ids are data, `constructor` included). */
function entryOf<T>(record: Record<string, T>, key: string, create: () => T): T {
  let value = getOwn(record, key);
  if (value === undefined) setOwn(record, key, (value = create()));
  return value;
}

/**
 * P(correct) = σ(θ_learner + θ_learner,skill − d_item) (Pelánek, "Applications of the Elo rating
 * system in adaptive educational systems", 2016). Unknown learners and items count as 0 — so it
 * predicts success on items the learner has never seen from their ability and the item's
 * difficulty.
 */
export function eloPredict(ratings: EloRatings, learnerId: string, itemId: string, skillId?: string): number {
  const learner = getOwn(ratings.learners, learnerId);
  const offset = skillId !== undefined && learner ? (getOwn(learner.skills, skillId)?.offset ?? 0) : 0;
  const d = getOwn(ratings.items, itemId)?.difficulty ?? 0;
  return 1 / (1 + Math.exp(-((learner?.theta ?? 0) + offset - d)));
}

/**
 * Updates ratings in place after one answer: each side moves by K(n)·(result − prediction),
 * with the uncertainty function K(n) = α / (1 + β·n) of its own answer count — new learners and
 * items move fast, established ones slowly. Returns the prediction made before the update.
 */
export function eloUpdate(ratings: EloRatings, answer: EloAnswer): number {
  const result = typeof answer.correct === 'boolean' ? (answer.correct ? 1 : 0) : answer.correct;
  if (!(result >= 0 && result <= 1))
    throw new PacekitError(
      'INVALID_INPUT',
      `eloUpdate: "correct" must be a boolean or a score in [0, 1] (got ${String(answer.correct)})`,
    );
  const p = eloPredict(ratings, answer.learnerId, answer.itemId, answer.skillId);
  const k = (n: number) => ratings.alpha / (1 + ratings.beta * n);
  const learner = entryOf(ratings.learners, answer.learnerId, () => ({ theta: 0, n: 0, skills: {} }));
  const item = entryOf(ratings.items, answer.itemId, () => ({ difficulty: 0, n: 0 }));
  const error = result - p;
  learner.theta += k(learner.n) * error;
  learner.n++;
  if (answer.skillId !== undefined) {
    const skill = entryOf(learner.skills, answer.skillId, () => ({ offset: 0, n: 0 }));
    skill.offset += k(skill.n) * error;
    skill.n++;
  }
  item.difficulty -= k(item.n) * error;
  item.n++;
  return p;
}

/** Calibrates item difficulties (and learners' abilities) from a response log, in order. */
export function calibrateElo(
  answers: Iterable<EloAnswer>,
  options: { alpha?: number; beta?: number } = {},
): EloRatings {
  const ratings = createEloRatings(options);
  for (const answer of answers) eloUpdate(ratings, answer);
  return ratings;
}
