import { describe, expect, it } from 'vitest';
import { PacekitError } from '../errors';
import { createSkillGraph } from './skillGraph';

//   count → add → multiply → divide
//            ↘ subtract ↗
const skills = [
  { id: 'divide', prerequisites: ['multiply', 'subtract'] },
  { id: 'count' },
  { id: 'add', prerequisites: ['count'] },
  { id: 'subtract', prerequisites: [{ skillId: 'add', weight: 0.9 }] },
  { id: 'multiply', prerequisites: ['add'] },
];

describe('createSkillGraph', () => {
  const graph = createSkillGraph(skills);

  it('orders skills topologically, ties in input order', () => {
    expect(graph.topologicalOrder).toEqual(['count', 'add', 'subtract', 'multiply', 'divide']);
  });

  it('answers ancestors and descendants in topological order', () => {
    expect(graph.ancestors('divide')).toEqual(['count', 'add', 'subtract', 'multiply']);
    expect(graph.descendants('add')).toEqual(['subtract', 'multiply', 'divide']);
    expect(graph.ancestors('count')).toEqual([]);
  });

  it('keeps edge weights, defaulting to 0.5', () => {
    expect(graph.prerequisitesOf('subtract')).toEqual([{ skillId: 'add', weight: 0.9 }]);
    expect(graph.prerequisitesOf('multiply')).toEqual([{ skillId: 'add', weight: 0.5 }]);
    expect(createSkillGraph(skills, { defaultEdgeWeight: 1 }).prerequisitesOf('multiply')[0]!.weight).toBe(1);
  });

  it('gives the outer fringe: not mastered, every prerequisite mastered', () => {
    const mastered = new Set(['count', 'add']);
    expect(graph.outerFringe((id) => mastered.has(id))).toEqual(['subtract', 'multiply']);
    expect(graph.outerFringe(() => false)).toEqual(['count']);
    expect(graph.outerFringe(() => true)).toEqual([]);
  });

  it('gives the inner fringe: mastered, no mastered dependant', () => {
    const mastered = new Set(['count', 'add', 'subtract']);
    expect(graph.innerFringe((id) => mastered.has(id))).toEqual(['subtract']);
    expect(graph.innerFringe(() => true)).toEqual(['divide']);
  });

  it('names the skill and the unknown prerequisite', () => {
    expect(() => createSkillGraph([{ id: 'a', prerequisites: ['ghost'] }])).toThrow(
      'Skill "a" lists prerequisite "ghost", which is not in the graph',
    );
  });

  it('names the ids around a cycle', () => {
    try {
      createSkillGraph([
        { id: 'a', prerequisites: ['c'] },
        { id: 'b', prerequisites: ['a'] },
        { id: 'c', prerequisites: ['b'] },
        { id: 'd' },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PacekitError);
      expect((error as PacekitError).code).toBe('CYCLE_IN_SKILL_GRAPH');
      expect((error as PacekitError).details!.cycle).toEqual(['a', 'c', 'b', 'a']);
      expect((error as PacekitError).message).toContain('a → c → b → a');
    }
    expect(() => createSkillGraph([{ id: 'self', prerequisites: ['self'] }])).toThrow(/self → self/);
  });

  it('reports a cycle through 10,000 skills, and orders a chain of 10,000, without overflowing the stack', () => {
    const n = 10_000;
    const ring = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, prerequisites: [`s${(i + 1) % n}`] }));
    try {
      createSkillGraph(ring);
      expect.unreachable();
    } catch (error) {
      expect((error as PacekitError).code).toBe('CYCLE_IN_SKILL_GRAPH');
      const cycle = (error as PacekitError).details!.cycle as string[];
      expect(cycle).toHaveLength(n + 1);
      expect(cycle[0]).toBe('s0');
      expect(cycle[1]).toBe('s1');
      expect(cycle[n]).toBe('s0');
      expect((error as PacekitError).message).toBe(
        'The skill graph has a cycle: s0 → s1 → s2 → s3 → s4 → s5 → s6 → s7 → s8 → s9 → … (10000 skills)',
      );
    }
    const chain = createSkillGraph(
      Array.from({ length: n }, (_, i) => ({ id: `s${i}`, prerequisites: i > 0 ? [`s${i - 1}`] : [] })),
    );
    expect(chain.topologicalOrder[n - 1]).toBe(`s${n - 1}`);
    expect(chain.ancestors(`s${n - 1}`)).toHaveLength(n - 1);
  });

  it('rejects duplicate ids and malformed skills, naming them', () => {
    expect(() => createSkillGraph([{ id: 'a' }, { id: 'a' }])).toThrow('Skill id "a" is used twice');
    expect(() => createSkillGraph([{ id: '' }])).toThrow(/"0\.id"/);
    expect(() =>
      createSkillGraph([{ id: 'a', prerequisites: [{ skillId: 'b', weight: 2 }] }] as never),
    ).toThrow(/weight/);
  });

  it('throws UNKNOWN_SKILL for queries about a skill it does not have', () => {
    expect(() => graph.ancestors('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SKILL' }));
  });
});
