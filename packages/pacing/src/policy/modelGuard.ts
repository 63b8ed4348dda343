import {
  type BktModel,
  type BktModelInput,
  type BktSkillParams,
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
  repaired?: { field: keyof BktSkillParams; from: number; to: number };
}

/** The highest P(L) a run of right answers can reach (the fixed point of update-then-transition). */
function masteryCeiling(p: BktSkillParams): number {
  let x = 0.5;
  for (let i = 0; i < 500; i++) {
    const post = (x * (1 - p.pSlip)) / (x * (1 - p.pSlip) + (1 - x) * p.pGuess || 1);
    x = post * (1 - p.pForget) + (1 - post) * p.pLearn;
  }
  return x;
}

function inspect(
  skillId: string,
  params: BktSkillParams,
  threshold: number,
): { params: BktSkillParams; warnings: ModelWarning[] } {
  const warnings: ModelWarning[] = [];
  let fixed = params;
  const repair = (code: ModelWarning['code'], field: keyof BktSkillParams, to: number, message: string) => {
    const from = fixed[field] as number;
    fixed = { ...fixed, [field]: to };
    warnings.push({ code, skillId, message, repaired: { field, from, to } });
  };
  if (fixed.pLearn < MIN_PACING_LEARN)
    repair(
      'unlearnable',
      'pLearn',
      MIN_PACING_LEARN,
      `skill "${skillId}": pLearn ${fixed.pLearn} means practice never teaches it`,
    );
  if (fixed.pGuess + fixed.pSlip >= 1) {
    repair(
      'uninformative',
      'pGuess',
      0.3,
      `skill "${skillId}": pGuess ${fixed.pGuess} + pSlip ${fixed.pSlip} ≥ 1, so answers say nothing about mastery`,
    );
    if (fixed.pSlip > 0.3)
      repair('uninformative', 'pSlip', 0.3, `skill "${skillId}": pSlip ${fixed.pSlip} bounded with pGuess`);
  }
  if (fixed.pGuess < MIN_PACING_GUESS_SLIP)
    repair(
      'decisive-answer',
      'pGuess',
      MIN_PACING_GUESS_SLIP,
      `skill "${skillId}": pGuess ${fixed.pGuess} makes one right answer prove mastery`,
    );
  if (fixed.pSlip < MIN_PACING_GUESS_SLIP)
    repair(
      'decisive-answer',
      'pSlip',
      MIN_PACING_GUESS_SLIP,
      `skill "${skillId}": pSlip ${fixed.pSlip} makes one wrong answer erase mastery`,
    );
  const ceiling = masteryCeiling(fixed);
  if (ceiling < threshold)
    repair(
      'capped-by-forgetting',
      'pForget',
      0,
      `skill "${skillId}": pForget ${fixed.pForget} keeps P(L) at or below ${ceiling.toFixed(3)}, under the mastery threshold ${threshold}; pace with standard BKT (memory is FSRS's job)`,
    );
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
