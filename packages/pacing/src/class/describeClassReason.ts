import type { ClassReason } from './summarizeClass';

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * A class-view reason in a teacher's words, with the numbers behind it.
 *
 * @example
 * ```ts
 * describeClassReason({ code: 'needs-help', skillId: 'add', since: 0, attempts: 14 }, (id) => names[id]);
 * // 'Needs help with Adding: 14 attempts without mastering it.'
 * ```
 */
export function describeClassReason(
  reason: ClassReason,
  skillName: (skillId: string) => string = (id) => id,
): string {
  switch (reason.code) {
    case 'needs-help':
      return `Needs help with ${skillName(reason.skillId)}: ${reason.attempts} attempts without mastering it.`;
    case 'struggling':
      return reason.breaks > 0
        ? `Struggling with ${skillName(reason.skillId)}: took a break after ${reason.missesInRow} misses in a row.`
        : `Struggling with ${skillName(reason.skillId)}: ${reason.missesInRow} misses in a row.`;
    case 'low-success':
      return `Only ${percent(reason.rate)} right over ${reason.attempts} attempts: may be guessing.`;
    case 'goal-at-risk':
      return `Goal ${reason.goalId} at risk: ${reason.remainingSkills} skills still to master${reason.deadline === null ? '' : ` by ${new Date(reason.deadline).toISOString().slice(0, 10)}`}.`;
    case 'low-confidence':
      return `Said they feel unsure (confidence ${percent(reason.confidence)}).`;
    case 'no-progress':
      return `Practising, but nothing new mastered for ${reason.days} days.`;
    case 'inactive':
      return `No activity for ${reason.days} days.`;
  }
}
