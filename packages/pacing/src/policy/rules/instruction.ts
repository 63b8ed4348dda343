import { getOwn } from '@pacekit/core';
import { struggleOf } from '../struggle';
import type { Candidate, PolicyView } from '../view';

/**
 * Instruction for a learner on a break from a skill or flagged as needing help: an item of the skill in
 * a teaching modality (`tuning.instructionModalities`: lesson, worked example, video) not yet
 * done in this struggle episode.
 */
export function instruction(view: PolicyView): Candidate[] {
  const out: Candidate[] = [];
  for (const episode of struggleOf(view.state).skills) {
    const struggle = episode.skillId;
    if (!view.graph.has(struggle) || (!view.onBreak(struggle) && episode.needsHelpAt === null)) continue;
    const teaching = view.catalog
      .itemsForSkill(struggle)
      .filter(
        (item) =>
          view.tuning.instructionModalities.includes(item.modality) &&
          (getOwn(view.state.items, item.id)?.lastAt ?? -1) < episode.since,
      );
    if (teaching.length === 0 || view.skippedSkills.has(struggle)) continue;
    out.push({
      skillId: struggle,
      kind: 'remediate',
      value: view.tuning.instruction,
      // The chooser picks among the teaching items and says which kind it picked (`instruction`).
      reasons: [
        ...(episode.needsHelpAt !== null
          ? [
              {
                code: 'needs-help' as const,
                skillId: struggle,
                since: episode.needsHelpAt,
                attempts: episode.attempts,
              },
            ]
          : []),
      ],
      aim: 1,
      modalities: view.tuning.instructionModalities,
      avoidItemId: null,
    });
  }
  return out;
}
