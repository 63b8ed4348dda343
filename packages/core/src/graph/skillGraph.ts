import * as z from 'zod/mini';
import { PacekitError } from '../errors';
import { id, parseInput, text } from '../validation';

/** Default weight of a prerequisite edge: the share of a review that work on the dependant gives the prerequisite. */
export const DEFAULT_EDGE_WEIGHT = 0.5;

/** A prerequisite: a skill id, or a skill id with the edge's weight in [0, 1]. */
export const PrerequisiteSchema = z.union([
  id,
  z.object({
    /** The prerequisite skill's id. */
    skillId: id,
    /**
     * How much practice of the dependant counts as practice of this prerequisite (1 = a full
     * review, 0 = none); used by implicit repetition in `@pacekit/pacing`.
     */
    weight: z.number().check(z.gte(0), z.lte(1)),
  }),
]);

/**
 * A skill (knowledge component): something a learner can know, with the skills that must be
 * known first. Unknown fields are stripped.
 */
export const SkillSchema = z.object({
  /** Stable id, unique in the graph. */
  id,
  /** Display name (defaults to the id). */
  name: z.optional(text.check(z.minLength(1), z.maxLength(500))),
  /** Skills that must be mastered before this one is learned. */
  prerequisites: z._default(z.array(PrerequisiteSchema), []),
  /** Topic tags, matched against a learner's interests. */
  topics: z._default(z.array(text.check(z.minLength(1), z.maxLength(200))), []),
});

/** A skill as accepted (prerequisites and topics may be left out). */
export type SkillInput = z.input<typeof SkillSchema>;
/** A validated skill. */
export type Skill = z.output<typeof SkillSchema>;

/** Options of {@link createSkillGraph}. */
export interface SkillGraphOptions {
  /** Weight of edges given as plain ids (default {@link DEFAULT_EDGE_WEIGHT}). */
  defaultEdgeWeight?: number;
}

/**
 * Skills and their prerequisites as a directed acyclic graph, with the queries of
 * knowledge-space theory. Every query is precomputed or linear; the graph never changes after
 * creation (create a new one to change it).
 */
export interface SkillGraph {
  /** The validated skills, in the order given. */
  readonly skills: readonly Skill[];
  /** Skill ids in a topological order: every prerequisite before its dependants (ties in input order). */
  readonly topologicalOrder: readonly string[];
  /** Whether the graph has a skill with this id. */
  has(skillId: string): boolean;
  /** The skill with this id; throws `UNKNOWN_SKILL` if there is none. */
  get(skillId: string): Skill;
  /** Direct prerequisites of a skill, with their edge weights. */
  prerequisitesOf(skillId: string): readonly { skillId: string; weight: number }[];
  /** Skills that list this one as a direct prerequisite. */
  dependantsOf(skillId: string): readonly string[];
  /** Every transitive prerequisite, in topological order (computed once per skill). */
  ancestors(skillId: string): readonly string[];
  /** Every skill that transitively depends on this one, in topological order (computed once per skill). */
  descendants(skillId: string): readonly string[];
  /**
   * The outer fringe: skills not mastered whose prerequisites are all mastered — what the
   * learner is ready to learn next.
   */
  outerFringe(isMastered: (skillId: string) => boolean): string[];
  /**
   * The inner fringe: mastered skills none of whose dependants is mastered — the most
   * advanced things the learner knows.
   */
  innerFringe(isMastered: (skillId: string) => boolean): string[];
}

/**
 * A cycle of prerequisites as the ids around it (`[a, b, a]`), or undefined. Depth-first with an
 * explicit stack, so a chain or cycle of any length is reported rather than overflowing the
 * call stack.
 */
function findCycle(ids: string[], prereqs: Map<string, string[]>): string[] | undefined {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<string, number>(ids.map((id) => [id, WHITE]));
  // The path from the root to the skill being explored, and how far each has got in its list.
  const path: string[] = [];
  const next: number[] = [];
  for (const root of ids) {
    if (color.get(root) !== WHITE) continue;
    color.set(root, GREY);
    path.push(root);
    next.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const list = prereqs.get(path[top]!) ?? [];
      if (next[top]! < list.length) {
        const p = list[next[top]!++]!;
        if (color.get(p) === GREY) return [...path.slice(path.indexOf(p)), p];
        if (color.get(p) === WHITE) {
          color.set(p, GREY);
          path.push(p);
          next.push(0);
        }
      } else {
        color.set(path.pop()!, BLACK);
        next.pop();
      }
    }
  }
  return undefined;
}

/**
 * Validates skills and builds their {@link SkillGraph}. Throws a `PacekitError`:
 * `INVALID_INPUT` for a malformed skill, `DUPLICATE_ID` for an id used twice,
 * `UNKNOWN_PREREQUISITE` naming the skill and the missing id, and `CYCLE_IN_SKILL_GRAPH`
 * naming the ids around the cycle (`details.cycle`, e.g. `['a', 'b', 'a']`).
 *
 * @example
 * ```ts
 * const graph = createSkillGraph([
 *   { id: 'count' },
 *   { id: 'add', prerequisites: ['count'] },
 *   { id: 'multiply', prerequisites: [{ skillId: 'add', weight: 0.8 }] },
 * ]);
 * graph.outerFringe((id) => id === 'count'); // ['add']
 * ```
 */
export function createSkillGraph(skills: readonly SkillInput[], options: SkillGraphOptions = {}): SkillGraph {
  const parsed = parseInput(z.array(SkillSchema), skills, 'skills');
  const defaultWeight = parseInput(
    z._default(z.number().check(z.gte(0), z.lte(1)), DEFAULT_EDGE_WEIGHT),
    options.defaultEdgeWeight,
    'defaultEdgeWeight',
  );
  const byId = new Map<string, Skill>();
  for (const skill of parsed) {
    if (byId.has(skill.id)) {
      throw new PacekitError('DUPLICATE_ID', `Skill id "${skill.id}" is used twice`, { skillId: skill.id });
    }
    byId.set(skill.id, skill);
  }
  const edges = new Map<string, { skillId: string; weight: number }[]>();
  const prereqIds = new Map<string, string[]>();
  const dependants = new Map<string, string[]>(parsed.map((s) => [s.id, []]));
  for (const skill of parsed) {
    const list = skill.prerequisites.map((p) =>
      typeof p === 'string'
        ? { skillId: p, weight: defaultWeight }
        : { skillId: p.skillId, weight: p.weight },
    );
    for (const { skillId } of list) {
      if (!byId.has(skillId)) {
        throw new PacekitError(
          'UNKNOWN_PREREQUISITE',
          `Skill "${skill.id}" lists prerequisite "${skillId}", which is not in the graph`,
          { skillId: skill.id, prerequisite: skillId },
        );
      }
      dependants.get(skillId)!.push(skill.id);
    }
    edges.set(skill.id, list);
    prereqIds.set(
      skill.id,
      list.map((e) => e.skillId),
    );
  }
  const ids = parsed.map((s) => s.id);
  const cycle = findCycle(ids, prereqIds);
  if (cycle) {
    const shown =
      cycle.length <= 12
        ? cycle.join(' → ')
        : `${cycle.slice(0, 10).join(' → ')} → … (${cycle.length - 1} skills)`;
    throw new PacekitError('CYCLE_IN_SKILL_GRAPH', `The skill graph has a cycle: ${shown}`, {
      cycle,
    });
  }

  // Kahn's algorithm, taking ready skills in input order, for a stable topological order.
  const indegree = new Map(ids.map((id) => [id, prereqIds.get(id)!.length]));
  const position = new Map(ids.map((id, i) => [id, i]));
  const order: string[] = [];
  const ready = ids.filter((id) => indegree.get(id) === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const d of dependants.get(id)!) {
      const left = indegree.get(d)! - 1;
      indegree.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  const rank = new Map(order.map((id, i) => [id, i]));
  const byRank = (list: Iterable<string>): string[] => [...list].sort((a, b) => rank.get(a)! - rank.get(b)!);

  const get = (skillId: string): Skill => {
    const skill = byId.get(skillId);
    if (!skill) throw new PacekitError('UNKNOWN_SKILL', `Unknown skill "${skillId}"`, { skillId });
    return skill;
  };
  // The graph never changes, so each skill's closure is computed once, on first use.
  const ancestorsMemo = new Map<string, readonly string[]>();
  const descendantsMemo = new Map<string, readonly string[]>();
  const walk = (
    start: string,
    next: (id: string) => readonly string[],
    memo: Map<string, readonly string[]>,
  ): readonly string[] => {
    const known = memo.get(start);
    if (known) return known;
    get(start);
    const seen = new Set<string>();
    const stack = [...next(start)];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
    const closure = Object.freeze(byRank(seen));
    memo.set(start, closure);
    return closure;
  };

  return {
    skills: parsed,
    topologicalOrder: order,
    has: (skillId) => byId.has(skillId),
    get,
    prerequisitesOf: (skillId) => {
      get(skillId);
      return edges.get(skillId)!;
    },
    dependantsOf: (skillId) => {
      get(skillId);
      return dependants.get(skillId)!;
    },
    ancestors: (skillId) => walk(skillId, (id) => prereqIds.get(id)!, ancestorsMemo),
    descendants: (skillId) => walk(skillId, (id) => dependants.get(id)!, descendantsMemo),
    outerFringe: (isMastered) =>
      order.filter((id) => !isMastered(id) && prereqIds.get(id)!.every((p) => isMastered(p))),
    innerFringe: (isMastered) =>
      order.filter((id) => isMastered(id) && !dependants.get(id)!.some((d) => isMastered(d))),
  };
}
