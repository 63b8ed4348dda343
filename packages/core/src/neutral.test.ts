import { describe, expect, it, vi } from 'vitest';

// The core must work where React is absent: make any import of React fail, then load it all.
vi.mock('react', () => {
  throw new Error('@pacekit/core imported react');
});
vi.mock('react-dom', () => {
  throw new Error('@pacekit/core imported react-dom');
});

describe('@pacekit/core without React', () => {
  it('loads every entry and runs a learner through a store without touching React', async () => {
    const core = await import('./index');
    await import('./fit');
    await import('./sql');
    const graph = core.createSkillGraph([{ id: 'a' }]);
    const learner = core.createLearnerModel({
      bkt: { kind: 'bkt', schemaVersion: 1, skills: {} },
      graph,
      catalog: core.createCatalog([{ id: 'q', skills: ['a'] }], graph),
    });
    const store = core.createLearnerStore({ learner, learnerId: 'ada' });
    await store.record({ id: 'e', learnerId: 'ada', at: 1, type: 'attempt', itemId: 'q', correct: true });
    expect(store.getSnapshot().skills.a!.attempts).toBe(1);
  });
});
