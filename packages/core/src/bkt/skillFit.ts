// One skill's EM fit, with no dependency beyond the EM itself: what fitBkt runs per skill, here
// or on a worker thread (which then loads no schema library).
import type { ResponseTable } from '../data';
import { createRandom, hashString } from '../random';
import { getOwn, setOwn } from '../validation/records';
import {
  type EmConfig,
  type EmParams,
  type EmRun,
  type EmScratch,
  randomParams,
  runEm,
  runSquarem,
} from './em';
import type { FitBktOutput } from './fitBkt';
import type { BktItemParams, BktModel, BktSkillParams } from './params';
import type { SkillSequences } from './sequences';

/** What a fitted skill's parameters name from the table: its skill, item and class ids. @internal */
export type TableNames = Pick<ResponseTable, 'skillIds' | 'itemIds' | 'classIds'>;

function toSkillParams(seq: SkillSequences, table: TableNames, run: EmRun, config: EmConfig): BktSkillParams {
  const p: EmParams = run.params;
  const weightedMean = (values: Float64Array): number => {
    if (values.length === 1) return values[0]!;
    let sum = 0;
    let total = 0;
    for (let j = 0; j < values.length; j++) {
      sum += values[j]! * seq.itemResponses[j]!;
      total += seq.itemResponses[j]!;
    }
    return total > 0 ? sum / total : values[0]!;
  };
  let priorSum = 0;
  let priorTotal = 0;
  const classPInit: Record<string, number> = {};
  for (let k = 0; k < p.pInit.length; k++) {
    const global = seq.classIds[k]!;
    if (global >= 0) classPInit[table.classIds[global]!] = p.pInit[k]!;
  }
  // The skill-level prior weights each class by its learners.
  for (let s = 0; s < seq.count; s++) {
    priorSum += p.pInit[seq.cls[s]!]! * seq.weight[s]!;
    priorTotal += seq.weight[s]!;
  }
  const params: BktSkillParams = {
    pInit: priorTotal > 0 ? priorSum / priorTotal : p.pInit[0]!,
    pLearn: weightedMean(p.learn),
    pForget: p.forget,
    pGuess: weightedMean(p.guess),
    pSlip: weightedMean(p.slip),
  };
  if (Object.keys(classPInit).length > 0) params.classPInit = classPInit;
  if (config.itemGuessSlip || config.itemLearn) {
    const items: Record<string, BktItemParams> = {};
    for (let j = 0; j < seq.itemIds.length; j++) {
      const global = seq.itemIds[j]!;
      if (global < 0) continue;
      const entry: BktItemParams = {};
      if (config.itemGuessSlip) {
        entry.pGuess = p.guess[j]!;
        entry.pSlip = p.slip[j]!;
      }
      if (config.itemLearn) entry.pLearn = p.learn[j]!;
      items[table.itemIds[global]!] = entry;
    }
    params.items = items;
  }
  return params;
}

/** The options one skill's fit reads. @internal */
export type SkillFitOptions = Pick<
  FitBktOutput,
  | 'forgets'
  | 'itemGuessSlip'
  | 'itemLearn'
  | 'maxGuess'
  | 'maxSlip'
  | 'fixed'
  | 'seed'
  | 'restarts'
  | 'maxIterations'
  | 'tolerance'
  | 'accelerate'
>;

/** Fitted skills in the order they were given, with their summed log-likelihood. @internal */
export interface FittedSkills {
  skills: BktModel['skills'];
  totalLl: number;
  totalResponses: number;
}

/** One skill's fit. @internal */
export interface FittedSkill {
  skillId: string;
  params: BktModel['skills'][string];
  logLikelihood: number;
  responses: number;
}

/**
 * Fits one skill by EM with seeded restarts (or, with `given`, from those parameters only). A
 * skill's restarts draw from a stream keyed by its id, so its fit depends on nothing else: the
 * same on any thread, with any other skills. @internal
 */
export async function fitSkill(
  names: TableNames,
  seq: SkillSequences,
  opts: SkillFitOptions,
  scratch: EmScratch,
  yieldTurn: () => Promise<void>,
  given?: EmParams,
): Promise<FittedSkill> {
  const skillId = names.skillIds[seq.skill]!;
  const config: EmConfig = {
    forgets: opts.forgets,
    itemGuessSlip: opts.itemGuessSlip,
    itemLearn: opts.itemLearn,
    maxGuess: opts.maxGuess,
    maxSlip: opts.maxSlip,
    fixed: { ...getOwn(opts.fixed, '*'), ...getOwn(opts.fixed, skillId) },
  };
  if (!opts.forgets && config.fixed.pForget === undefined) config.fixed.pForget = 0;
  const run = opts.accelerate ? runSquarem : runEm;
  let best: EmRun | undefined;
  if (given) {
    await yieldTurn();
    best = run(seq, given, config, opts.maxIterations, opts.tolerance, scratch);
  } else {
    const random = createRandom(opts.seed).fork(hashString(skillId));
    for (let r = 0; r < opts.restarts; r++) {
      await yieldTurn();
      const fit = run(
        seq,
        randomParams(seq, config, random),
        config,
        opts.maxIterations,
        opts.tolerance,
        scratch,
      );
      if (!best || fit.logLikelihood > best.logLikelihood) best = fit;
    }
  }
  const fit = {
    logLikelihood: best!.logLikelihood,
    iterations: best!.iterations,
    responses: seq.responses,
    sequences: seq.learners,
  };
  return {
    skillId,
    params: { ...toSkillParams(seq, names, best!, config), fit },
    logLikelihood: best!.logLikelihood,
    responses: seq.responses,
  };
}

/** The fitted skills, in the order of `sequences`, as one model's skills. @internal */
export function collectSkills(fitted: readonly FittedSkill[]): FittedSkills {
  const skills: BktModel['skills'] = {};
  let totalLl = 0;
  let totalResponses = 0;
  for (const skill of fitted) {
    setOwn(skills, skill.skillId, skill.params);
    totalLl += skill.logLikelihood;
    totalResponses += skill.responses;
  }
  return { skills, totalLl, totalResponses };
}

/** The longest sequence of any skill: the size of EM's scratch. @internal */
export const longestSequence = (sequences: readonly SkillSequences[]): number =>
  sequences.reduce((m, s) => Math.max(m, s.maxLength), 1);
