import { pickOf } from '../pick';
import type { Candidate, PolicyView } from '../view';

/**
 * The learner's own pick among the options offered them comes first until they do it (after a
 * teacher's pins: it is worth half a pin's bonus).
 */
export function picked(view: PolicyView): Candidate[] {
  const { itemId, at } = pickOf(view.state);
  if (itemId === null || at === null || !view.catalog.has(itemId) || view.exclude.has(itemId)) return [];
  const skillId = view.catalog.get(itemId).skills[0]!;
  if (!view.graph.has(skillId)) return [];
  return [
    {
      skillId,
      kind: view.isMastered(skillId) ? 'review' : 'learn',
      value: 0,
      bonus: view.tuning.pinned / 2,
      reasons: [{ code: 'learner-picked', itemId, at }],
      aim: view.options.targetSuccess,
      itemId,
    },
  ];
}
