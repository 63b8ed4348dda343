import {
  type BktModel,
  type BktModelInput,
  type BktSkillParams,
  bktMasteryCeiling,
  createBkt,
  PacekitError,
} from '@pacekit/core';

/** Smallest learn rate the pacer paces with: below it a skill can barely be learned by practice. */
export const MIN_PACING_LEARN = 0.02;
/** Smallest guess and slip rates the pacer paces with: below them one answer decides mastery. */
export const MIN_PACING_GUESS_SLIP = 0.02;

/** A problem with the BKT parameters a pacer was given, and what was done about it. */
export interface ModelWarning {
  /** `unlearnable`: pLearn ≈ 0; `decisive-answer`: pGuess or pSlip ≈ 0; `uninformative`: pGuess + pSlip ≥ 1; `capped-by-forgetting`: P(F) keeps P(L) below the mastery threshold. */
  code: 'unlearnable' | 'decisive-answer' | 'uninformative' | 'capped-by-forgetting';
  /** The skill (or `*` for the model's default parameters). */
  skillId: string;
  /** What is wrong, in words, with the numbers. */
  message: string;
  /** The parameter changed and its new value, when the model was repaired. */
  repaired?: { field: 'pLearn' | 'pGuess' | 'pSlip' | 'pForget'; from: number; to: number };
}

const masteryCeiling = bktMasteryCeiling;

const UNINFORMATIVE = 'pGuess + pSlip ≥ 1: answers say nothing about mastery';

/** The checks, in order: what is wrong, the field to move, where to, and why it matters. */
const CHECKS: readonly {
  code: ModelWarning['code'];
  field: 'pLearn' | 'pGuess' | 'pSlip' | 'pForget';
  bad: (p: BktSkillParams, threshold: number) => boolean;
  to: number;
  why: string;
}[] = [
  {
    code: 'unlearnable',
    field: 'pLearn',
    bad: (p) => p.pLearn < MIN_PACING_LEARN,
    to: MIN_PACING_LEARN,
    why: 'practice never teaches it',
  },
  {
    code: 'uninformative',
    field: 'pGuess',
    bad: (p) => p.pGuess + p.pSlip >= 1,
    to: 0.3,
    why: UNINFORMATIVE,
  },
  {
    code: 'uninformative',
    field: 'pSlip',
    bad: (p) => p.pGuess + p.pSlip >= 1,
    to: 0.3,
    why: UNINFORMATIVE,
  },
  {
    code: 'decisive-answer',
    field: 'pGuess',
    bad: (p) => p.pGuess < MIN_PACING_GUESS_SLIP,
    to: MIN_PACING_GUESS_SLIP,
    why: 'one right answer proves mastery',
  },
  {
    code: 'decisive-answer',
    field: 'pSlip',
    bad: (p) => p.pSlip < MIN_PACING_GUESS_SLIP,
    to: MIN_PACING_GUESS_SLIP,
    why: 'one wrong answer erases mastery',
  },
  {
    code: 'capped-by-forgetting',
    field: 'pForget',
    bad: (p, threshold) => masteryCeiling(p) < threshold,
    to: 0,
    why: 'caps P(L) below the mastery threshold: pace with standard BKT',
  },
];

function inspect(
  skillId: string,
  params: BktSkillParams,
  threshold: number,
): { params: BktSkillParams; warnings: ModelWarning[] } {
  const warnings: ModelWarning[] = [];
  let fixed = params;
  for (const check of CHECKS) {
    if (!check.bad(fixed, threshold)) continue;
    const from = fixed[check.field];
    fixed = { ...fixed, [check.field]: check.to };
    warnings.push({
      code: check.code,
      skillId,
      message: `skill "${skillId}": ${check.field} ${from} — ${check.why}`,
      repaired: { field: check.field, from, to: check.to },
    });
  }
  return { params: fixed, warnings };
}

/**
 * Checks that a BKT model can pace a course: every skill learnable by practice, no single answer
 * decisive, answers informative, mastery reachable under forgetting. With `mode: 'repair'` the
 * offending parameter is moved to the nearest sound value and a warning names the skill; with
 * `'strict'` a `PacekitError` (`MODEL_UNFIT_FOR_PACING`) lists every problem.
 */
export function checkPacingModel(
  model: BktModelInput,
  skillIds: readonly string[],
  options: { threshold: number; mode: 'repair' | 'strict' },
): { model: BktModel; warnings: ModelWarning[] } {
  const parsed = createBkt(model).model;
  const warnings: ModelWarning[] = [];
  const skills: BktModel['skills'] = {};
  for (const [id, params] of Object.entries(parsed.skills)) {
    const result = inspect(id, params, options.threshold);
    warnings.push(...result.warnings);
    skills[id] = { ...params, ...result.params };
  }
  let defaultParams = parsed.defaultParams;
  if (skillIds.some((id) => !Object.hasOwn(parsed.skills, id))) {
    const result = inspect('*', defaultParams, options.threshold);
    warnings.push(...result.warnings);
    defaultParams = result.params;
  }
  if (options.mode === 'strict' && warnings.length > 0)
    throw new PacekitError(
      'MODEL_UNFIT_FOR_PACING',
      `createPacer: the BKT model cannot pace this course: ${warnings.map((w) => w.message).join('; ')}`,
      { skillIds: [...new Set(warnings.map((w) => w.skillId))] },
    );
  return { model: { ...parsed, skills, defaultParams }, warnings };
}
