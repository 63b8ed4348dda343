import { describe, expect, it } from 'vitest';
import { createSkillGraph } from '../graph';
import { createCatalog } from './catalog';

describe('createCatalog', () => {
  const graph = createSkillGraph([{ id: 'add' }, { id: 'sub' }]);

  it('indexes items by skill and fills defaults', () => {
    const catalog = createCatalog(
      [
        { id: 'q1', skills: ['add'] },
        { id: 'q2', skills: ['add', 'sub'], modality: 'video' },
      ],
      graph,
    );
    expect(catalog.itemsForSkill('add').map((i) => i.id)).toEqual(['q1', 'q2']);
    expect(catalog.itemsForSkill('sub').map((i) => i.id)).toEqual(['q2']);
    expect(catalog.itemsForSkill('none')).toEqual([]);
    expect(catalog.get('q1')).toEqual({
      id: 'q1',
      skills: ['add'],
      topics: [],
      modality: 'practice',
      durationSeconds: 60,
    });
  });

  it('names the item and the skill the graph does not have', () => {
    expect(() => createCatalog([{ id: 'q1', skills: ['mul'] }], graph)).toThrow(
      'Item "q1" exercises skill "mul", which is not in the skill graph',
    );
  });

  it('rejects duplicates, items without skills and unknown ids', () => {
    expect(() =>
      createCatalog([
        { id: 'q', skills: ['add'] },
        { id: 'q', skills: ['add'] },
      ]),
    ).toThrow(/used twice/);
    expect(() => createCatalog([{ id: 'q', skills: [] }])).toThrow(/"0\.skills"/);
    expect(() => createCatalog([]).get('x')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ITEM' }));
  });
});
