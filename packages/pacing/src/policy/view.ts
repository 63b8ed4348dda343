import {
  type Catalog,
  getOwn,
  type Item,
  type LearnerModel,
  type LearnerState,
  PacekitError,
  type SkillGraph,
} from '@pacekit/core';
import type * as z from 'zod/mini';
import { type MemoryState, memoryOf } from '../memory/memoryPlugin';
import type { Scheduler } from '../memory/scheduler';
import type { NextOptionsSchema, PolicyTuning } from './options';
import { adjustPrediction, paceOf } from './pace';
import type { Reason } from './reasons';
import { type SkillStruggle, type StruggleOptions, struggleOf } from './struggle';
import { teacherOf } from './teacher';

const DAY = 86_400_000;

/** What the policy needs to know about a course. */
export interface PolicyContext {
  learner: LearnerModel;
  /** The scheduler of skill cards. */
  scheduler: Scheduler;
  /** Policy tuning (default {@link DEFAULT_POLICY_TUNING}). */
  tuning: PolicyTuning;
  /** Struggle options, as the learner model folds them. */
  struggle: StruggleOptions;
}

/** A kind of activity. */
export type ActivityKind = 'review' | 'learn' | 'challenge' | 'remediate';

/** What a rule proposes: a skill to work on, why, and what it is worth per minute. */
export interface Candidate {
  skillId: string;
  kind: ActivityKind;
  /** Expected mastery gained or kept, before dividing by the item's minutes. */
  value: number;
  reasons: Reason[];
  /** Predicted success to aim for when choosing the item. */
  aim: number;
  /** A pinned item, when the teacher pinned one. */
  itemId?: string;
  /** Only items of these modalities: an instruction candidate (the chooser adds the `instruction` reason for the item it picks). */
  modalities?: readonly string[];
  /** An item to avoid when the skill has another (the one just missed). */
  avoidItemId?: string | null;
  /** Added to the score after the per-minute value (pins). */
  bonus?: number;
}

/** Everything the rules read, computed once per `next()` call. */
export interface PolicyView {
  /** The course: learner model, skill scheduler, tuning, struggle options. */
  readonly context: PolicyContext;
  /** The learner's state. */
  readonly state: LearnerState;
  /** `next()`'s options, validated, with defaults. */
  readonly options: z.output<typeof NextOptionsSchema>;
  /** The policy tuning. */
  readonly tuning: PolicyTuning;
  /** Now (epoch ms). */
  readonly now: number;
  /** The skill graph. */
  readonly graph: SkillGraph;
  /** The catalogue. */
  readonly catalog: Catalog;
  /** The learner's memory (FSRS cards). */
  readonly memory: MemoryState;
  /** Misses in a row from which an easier item comes first. */
  readonly struggleAfter: number;
  /** Skills a teacher said to skip. */
  readonly skippedSkills: ReadonlySet<string>;
  /** Items a teacher said to skip, and items already planned this session. */
  readonly skippedItems: ReadonlySet<string>;
  /** Items planned already this session (never repeated). */
  readonly exclude: ReadonlySet<string>;
  /** New learning is restricted to these skills (and their prerequisites), when set: `next()`'s `focus`, else a teacher's. */
  readonly focus: ReadonlySet<string> | undefined;
  /** The goal each skill serves (goal skills and their prerequisites), nearest deadline first. */
  readonly goalOf: ReadonlyMap<string, { goalId: string; deadline: number | null }>;
  /** The skill and item practised last. */
  readonly lastSkill: string | undefined;
  /** The item practised last. */
  readonly lastItem: string | undefined;
  /** A mood reported within `tuning.moodMinutes` that shapes the pick. */
  readonly mood: 'frustrated' | 'confused' | 'bored' | undefined;
  /** P(L) of a skill. */
  mastery(skillId: string): number;
  /** Whether a skill counts as mastered (memoised for the call). */
  isMastered(skillId: string): boolean;
  /** The open struggle episode on a skill, if any. */
  struggle(skillId: string): SkillStruggle | undefined;
  /** Whether the learner is on a break from the skill now (attempts left in it, within `struggle.breakMinutes`). */
  onBreak(skillId: string): boolean;
  /** The learner's confidence in a skill (its own report, else the overall one), or null. */
  confidence(skillId: string): number | null;
  /** Whether a right answer on the skill came within `tuning.verifiedHours`. */
  verified(skillId: string): boolean;
  /**
   * The skills the learner may learn now: the outer fringe, less skipped skills and those outside
   * the focus (computed once per call; the checks and the learning rules both read it).
   */
  ready(): readonly string[];
  /** Mastered skills the learner has memory of (in the graph, not skipped), with their recall now. */
  masteredRecall(): { skillId: string; r: number }[];
  /** P(success) on an item now: BKT × recall now, shifted by difficulty and the pace offset. */
  predict(item: Item): number;
}

/** Builds the view of a learner the rules share. */
export function createView(
  context: PolicyContext,
  state: LearnerState,
  options: z.output<typeof NextOptionsSchema>,
  exclude: ReadonlySet<string>,
): PolicyView {
  const { learner, tuning } = context;
  const graph = learner.graph!;
  const catalog = learner.catalog!;
  const now = options.now;
  const skippedSkills = new Set<string>();
  const skippedItems = new Set<string>(exclude);
  for (const ref of state.skipped) {
    if (ref.startsWith('skill:')) skippedSkills.add(ref.slice(6));
    else if (ref.startsWith('item:')) skippedItems.add(ref.slice(5));
  }
  let focus: Set<string> | undefined;
  // The caller's focus, else the unit a teacher assigned.
  const unit = options.focus ?? teacherOf(state).focus?.filter((id) => graph.has(id)) ?? undefined;
  if (unit) {
    focus = new Set();
    for (const skillId of unit) {
      if (!graph.has(skillId))
        throw new PacekitError('UNKNOWN_SKILL', `next(): focus names unknown skill "${skillId}"`, {
          skillId,
        });
      focus.add(skillId);
      for (const a of graph.ancestors(skillId)) focus.add(a);
    }
  }
  const goalOf = new Map<string, { goalId: string; deadline: number | null }>();
  for (const goal of Object.values(state.goals)) {
    for (const skillId of goal.skillIds) {
      if (!graph.has(skillId)) continue;
      for (const id of [...graph.ancestors(skillId), skillId]) {
        const known = goalOf.get(id);
        if (!known || (goal.deadline !== null && (known.deadline === null || goal.deadline < known.deadline)))
          goalOf.set(id, { goalId: goal.id, deadline: goal.deadline });
      }
    }
  }
  let lastItem: string | undefined;
  let lastAt = -1;
  for (const [itemId, s] of Object.entries(state.items)) {
    if (s.lastAt > lastAt || (s.lastAt === lastAt && lastItem !== undefined && itemId > lastItem)) {
      lastAt = s.lastAt;
      lastItem = itemId;
    }
  }
  const lastSkill =
    lastItem !== undefined && catalog.has(lastItem) ? catalog.get(lastItem).skills[0] : undefined;
  const mood = state.affect.mood;
  const recentMood =
    mood &&
    now - mood.at <= tuning.moodMinutes * 60_000 &&
    (mood.value === 'frustrated' || mood.value === 'confused' || mood.value === 'bored')
      ? mood.value
      : undefined;
  const struggles = struggleOf(state).skills;
  const breakMs = context.struggle.breakMinutes * 60_000;
  const struggle = (skillId: string) => struggles.find((s) => s.skillId === skillId);
  const memory = memoryOf(state);
  const effective = new Map<string, number>();
  const mastered = new Map<string, boolean>();
  const isMastered = (skillId: string): boolean => {
    let m = mastered.get(skillId);
    if (m === undefined) mastered.set(skillId, (m = learner.isMastered(state, skillId)));
    return m;
  };
  let ready: string[] | undefined;
  return {
    context,
    state,
    options,
    tuning,
    now,
    graph,
    catalog,
    memory,
    struggleAfter: options.struggleAfter ?? context.struggle.after,
    skippedSkills,
    skippedItems,
    exclude,
    focus,
    goalOf,
    lastSkill,
    lastItem,
    mood: recentMood,
    mastery: (skillId) => learner.mastery(state, skillId),
    isMastered,
    ready: () =>
      (ready ??= graph
        .outerFringe(isMastered)
        .filter((id) => !skippedSkills.has(id) && (!focus || focus.has(id)))),
    struggle,
    onBreak: (skillId) => {
      const s = struggle(skillId);
      return s !== undefined && s.breakLeft > 0 && s.breakAt !== null && now - s.breakAt < breakMs;
    },
    confidence: (skillId) =>
      getOwn(state.affect.skillConfidence, skillId)?.value ?? state.affect.confidence?.value ?? null,
    verified: (skillId) => {
      const s = getOwn(state.skills, skillId);
      return (
        s !== undefined &&
        s.lastAttemptAt !== null &&
        s.streak > 0 &&
        now - s.lastAttemptAt <= (tuning.verifiedHours * DAY) / 24
      );
    },
    masteredRecall: () =>
      Object.entries(memory.skills)
        .filter(([id]) => graph.has(id) && !skippedSkills.has(id) && isMastered(id))
        .map(([skillId, m]) => ({ skillId, r: context.scheduler.retrievability(m.card, now) })),
    predict: (item) => predictItem(learner, state, item, now, context.scheduler, effective),
  };
}

/**
 * P(success) on an item now: for each of its skills the BKT prediction from P(L) × the skill's
 * recall probability now (its FSRS card: what is mastered can still be forgotten), the weakest
 * skill's; then shifted on the logit scale by the item's difficulty (0 = the skill's average
 * item) and by how far this learner's answers have been from the model's predictions (the pace
 * offset).
 */
export function predictItem(
  learner: LearnerModel,
  state: LearnerState,
  item: Item,
  at?: number,
  scheduler?: Scheduler,
  /** P(L) × recall per skill, shared by the calls of one `next()`. */
  cache?: Map<string, number>,
): number {
  let p = 1;
  const memory = at !== undefined && scheduler ? memoryOf(state).skills : undefined;
  const individual = learner.bkt.individual !== undefined;
  for (const skillId of item.skills) {
    let known = cache?.get(skillId);
    if (known === undefined) {
      const card = memory?.[skillId]?.card;
      const recall = card && card.lastReview !== null ? scheduler!.retrievability(card, at!) : 1;
      // An individualized model predicts from the learner's own pace (types, ability, recent
      // answers); it is cached as the prediction itself, the population model's as P(L) × recall.
      known = individual
        ? learner.predictSkill(state, skillId, recall)
        : learner.mastery(state, skillId) * recall;
      cache?.set(skillId, known);
    }
    p = Math.min(p, individual ? known : learner.bkt.predict(skillId, known, item.id));
  }
  return adjustPrediction(p, item.difficulty ?? 0, individual ? 0 : paceOf(state).offset);
}
