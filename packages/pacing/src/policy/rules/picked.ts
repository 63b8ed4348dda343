import { pickOf } from '../pick';
import type { Candidate, PolicyView } from '../view';
import { askedFor } from './pins';

/**
 * The learner's own pick among the options offered them comes first until they do it (after a
 * teacher's pins: it is worth half a pin's bonus).
 */
export function picked(view: PolicyView): Candidate[] {
  const { itemId, at } = pickOf(view.state);
  if (itemId === null || at === null || !view.catalog.has(itemId) || view.exclude.has(itemId)) return [];
  const skillId = view.catalog.get(itemId).skills[0]!;
  if (!view.graph.has(skillId)) return [];
  return [askedFor(view, skillId, itemId, view.tuning.pinned / 2, { code: 'learner-picked', itemId, at })];
}
