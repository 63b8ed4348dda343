import type { Reason } from '../reasons';
import { pinActive } from '../teacher';
import type { Candidate, PolicyView } from '../view';

/**
 * Teacher pins: the pinned item or skill first, whatever else holds — until the pin expires
 * (at its time, or after its attempts: an item pin after one attempt by default).
 */
export function pins(view: PolicyView): Candidate[] {
  const out: Candidate[] = [];
  for (const ref of view.state.pinned) {
    const colon = ref.indexOf(':');
    const [kind, id] = [ref.slice(0, colon), ref.slice(colon + 1)];
    const item = kind === 'item' && view.catalog.has(id) ? view.catalog.get(id) : undefined;
    const skillId = item ? item.skills[0]! : kind === 'skill' && view.graph.has(id) ? id : undefined;
    if (skillId === undefined || !pinActive(view.state, ref, view.now)) continue;
    out.push(askedFor(view, skillId, item?.id, view.tuning.pinned, { code: 'teacher-pinned', ref }));
  }
  return out;
}

/** What someone asked for first — a teacher's pin, the learner's pick: worth `bonus` over anything else. */
export function askedFor(
  view: PolicyView,
  skillId: string,
  itemId: string | undefined,
  bonus: number,
  reason: Reason,
): Candidate {
  return {
    skillId,
    kind: view.isMastered(skillId) ? 'review' : 'learn',
    value: 0,
    bonus,
    reasons: [reason],
    aim: view.options.targetSuccess,
    ...(itemId !== undefined ? { itemId } : {}),
  };
}
