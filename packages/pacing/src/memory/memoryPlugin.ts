import type { LearnerEvent, LearnerModelPlugin, LearnerState, SkillGraph } from '@pacekit/core';
import { getOwn } from '@pacekit/core';
import * as z from 'zod/mini';
import type { Grader } from './grader';
import { type MemoryCard, MemoryCardSchema, type RecallRating, type Scheduler } from './scheduler';

/** Key of the memory slice in `LearnerState.extensions`. @internal */
export const MEMORY_KEY = 'memory';

/** A skill's memory: its FSRS card, the implicit-repetition credit it has accumulated, and a flag. */
export const SkillMemorySchema = z.object({
  /** FSRS card of the skill, reviewed by any attempt on its items. */
  card: MemoryCardSchema,
  /** Fractional implicit repetitions received since the last implicit review, in [0, 1). */
  implicitCredit: z.number().check(z.gte(0)),
  /** Set when a failure on a dependant skill called for a check of this one; cleared by a success on it. */
  flaggedAt: z.nullable(z.number()),
});

/** The memory slice of a learner's state. */
export const MemoryStateSchema = z.object({
  /** Per item started: its FSRS card. */
  items: z.record(z.string(), MemoryCardSchema),
  /** Per skill started: its memory. */
  skills: z.record(z.string(), SkillMemorySchema),
});

/** A skill's memory (see {@link SkillMemorySchema}). */
export type SkillMemory = z.output<typeof SkillMemorySchema>;
/** The memory slice (see {@link MemoryStateSchema}). */
export type MemoryState = z.output<typeof MemoryStateSchema>;

/** How work on advanced skills counts as review of their prerequisites. */
export const ImplicitRepetitionSchema = z.object({
  /** Turn implicit repetition off to schedule every skill on its own reviews only. */
  enabled: z._default(z.boolean(), true),
  /** Credits below this are dropped (they would take too many repetitions to matter). */
  minCredit: z._default(z.number().check(z.gte(0), z.lte(1)), 0.05),
  /** A failure flags direct prerequisites whose edge weight is at least this. */
  flagWeight: z._default(z.number().check(z.gte(0), z.lte(1)), 0.5),
  /** …once it is this many misses in a row on the skill (misses are normal while learning). */
  flagAfter: z._default(z.int().check(z.gte(1)), 2),
});

/** Implicit-repetition options (see {@link ImplicitRepetitionSchema}). */
export type ImplicitRepetitionOptions = z.output<typeof ImplicitRepetitionSchema>;

/** The memory slice of `state` (empty when the learner has no memory yet). @internal */
export function memoryOf(state: LearnerState): MemoryState {
  return (state.extensions[MEMORY_KEY] as MemoryState | undefined) ?? { items: {}, skills: {} };
}

/**
 * The implicit-repetition credit that practising `skillId` gives each skill it encompasses:
 * for every prerequisite reachable through the graph, the largest product of edge weights
 * over the paths to it; credits below `minCredit` are dropped.
 */
export function encompassedCredit(
  graph: SkillGraph,
  skillId: string,
  minCredit: number,
): Map<string, number> {
  const credit = new Map<string, number>();
  // Skills in topological order are visited from the practised skill down: when a skill is
  // reached, every path to it through later skills has been counted.
  const ancestors = new Set(graph.ancestors(skillId));
  const order = [...graph.topologicalOrder].reverse();
  const reach = new Map<string, number>([[skillId, 1]]);
  for (const id of order) {
    const c = reach.get(id);
    if (c === undefined) continue;
    for (const { skillId: prereq, weight } of graph.prerequisitesOf(id)) {
      const via = c * weight;
      if (via >= minCredit && via > (reach.get(prereq) ?? 0)) reach.set(prereq, via);
    }
  }
  for (const [id, c] of reach) if (id !== skillId && ancestors.has(id)) credit.set(id, c);
  return credit;
}

/** Everything the memory plugin needs. */
export interface MemoryPluginOptions {
  /** Schedules item cards (flashcards keep FSRS's minutes-long learning steps). */
  scheduler: Scheduler;
  /**
   * Schedules skill cards (default: `scheduler`). `createPacer` gives skills a day-scale
   * scheduler: a skill learned this morning needs no review ten minutes later.
   */
  skillScheduler?: Scheduler;
  grader: Grader;
  implicit: ImplicitRepetitionOptions;
}

/**
 * The plugin that keeps memory in a learner's state: an FSRS card per item and per skill,
 * reviewed by attempts and flashcard reviews, with implicit repetition of prerequisites
 * (see docs/implicit-repetition.md).
 */
export function createMemoryPlugin(options: MemoryPluginOptions): LearnerModelPlugin<MemoryState> {
  const { scheduler, grader, implicit } = options;
  const skillScheduler = options.skillScheduler ?? scheduler;
  const creditCache = new Map<string, Map<string, number>>();
  const creditsOf = (graph: SkillGraph, skillId: string): Map<string, number> => {
    let credit = creditCache.get(skillId);
    if (!credit) creditCache.set(skillId, (credit = encompassedCredit(graph, skillId, implicit.minCredit)));
    return credit;
  };

  const practise = (
    memory: MemoryState,
    event: LearnerEvent,
    itemId: string,
    skillIds: readonly string[],
    rating: RecallRating,
    graph: SkillGraph | undefined,
    state: LearnerState,
  ): MemoryState => {
    const items = {
      ...memory.items,
      [itemId]: scheduler.review(getOwn(memory.items, itemId), rating, event.at),
    };
    const skills = { ...memory.skills };
    for (const skillId of skillIds) {
      const before = getOwn(skills, skillId);
      skills[skillId] = {
        card: skillScheduler.review(before?.card, rating, event.at),
        implicitCredit: before?.implicitCredit ?? 0,
        flaggedAt: rating === 'again' ? (before?.flaggedAt ?? null) : null,
      };
    }
    if (implicit.enabled && graph) {
      const practised = new Set(skillIds);
      if (rating === 'again') {
        for (const skillId of skillIds) {
          // The streak already counts this miss (the core fold runs first).
          if (!graph.has(skillId) || -(getOwn(state.skills, skillId)?.streak ?? 0) < implicit.flagAfter)
            continue;
          for (const { skillId: prereq, weight } of graph.prerequisitesOf(skillId)) {
            const prior = getOwn(skills, prereq);
            if (weight >= implicit.flagWeight && prior && !practised.has(prereq))
              skills[prereq] = { ...prior, flaggedAt: prior.flaggedAt ?? event.at };
          }
        }
      } else {
        // One event gives each encompassed skill the largest credit any practised skill passes it.
        const credit = new Map<string, number>();
        for (const skillId of skillIds) {
          if (!graph.has(skillId)) continue;
          for (const [prereq, c] of creditsOf(graph, skillId))
            if (c > (credit.get(prereq) ?? 0)) credit.set(prereq, c);
        }
        for (const [prereq, c] of credit) {
          const prior = getOwn(skills, prereq);
          if (!prior || practised.has(prereq)) continue;
          let total = prior.implicitCredit + c;
          let card = prior.card;
          while (total >= 1) {
            card = skillScheduler.review(card, 'good', event.at);
            total -= 1;
          }
          skills[prereq] = { ...prior, card, implicitCredit: total };
        }
      }
    }
    return { items, skills };
  };

  return {
    key: MEMORY_KEY,
    initial: () => ({ items: {}, skills: {} }),
    apply: (memory, event, { catalog, graph, state, skillIds }) => {
      switch (event.type) {
        case 'attempt': {
          const item = catalog?.has(event.itemId) ? catalog.get(event.itemId) : undefined;
          return practise(memory, event, event.itemId, skillIds, grader(event, item), graph, state);
        }
        case 'review':
          return practise(memory, event, event.itemId, skillIds, event.rating, graph, state);
        case 'override': {
          if (event.skillId === undefined) return memory;
          if (event.action === 'reset') {
            const skills = { ...memory.skills };
            delete skills[event.skillId];
            return { ...memory, skills };
          }
          if (event.action === 'mark-mastered' && !getOwn(memory.skills, event.skillId)) {
            // A skill a teacher vouches for enters review state at once (an FSRS "easy" first
            // review), rather than the minutes-long learning steps of a new card.
            const card = skillScheduler.review(undefined, 'easy', event.at);
            return {
              ...memory,
              skills: { ...memory.skills, [event.skillId]: { card, implicitCredit: 0, flaggedAt: null } },
            };
          }
          return memory;
        }
        default:
          return memory;
      }
    },
  };
}

export type { MemoryCard };
