import * as z from 'zod/mini';
import { PacekitError } from '../errors';
import type { SkillGraph } from '../graph';
import { id, parseInput, text } from '../validation';

/**
 * Something a learner does — a question, a flashcard, an activity — with the skills it
 * exercises (its Q-matrix row). Unknown fields are stripped.
 */
export const ItemSchema = z.object({
  /** Stable id, unique in the catalogue. */
  id,
  /** Skills the item exercises: one, or several for an item that needs them together. */
  skills: z.array(id).check(z.minLength(1)),
  /** Difficulty on the logit scale (IRT b / Elo d); higher is harder. Optional. */
  difficulty: z.optional(z.number()),
  /** Topic tags, matched against the learner's interests. */
  topics: z._default(z.array(text.check(z.minLength(1), z.maxLength(200))), []),
  /** How the item is done, e.g. `practice`, `flashcard`, `video`, `reading`, `hands-on`. */
  modality: z._default(text.check(z.minLength(1), z.maxLength(200)), 'practice'),
  /** Expected time to do it, in seconds. */
  durationSeconds: z._default(z.number().check(z.gt(0)), 60),
});

/** An item as accepted (topics, modality and duration may be left out). */
export type ItemInput = z.input<typeof ItemSchema>;
/** A validated item. */
export type Item = z.output<typeof ItemSchema>;

/** Validated items, indexed by id and by skill. */
export interface Catalog {
  /** The items, in the order given. */
  readonly items: readonly Item[];
  /** Whether the catalogue has an item with this id. */
  has(itemId: string): boolean;
  /** The item with this id; throws `UNKNOWN_ITEM` if there is none. */
  get(itemId: string): Item;
  /** Items that exercise a skill, in catalogue order (empty if none). */
  itemsForSkill(skillId: string): readonly Item[];
}

/**
 * Validates items and indexes them. With a `graph`, every skill an item names must be in it
 * (`UNKNOWN_SKILL`, naming the item and the skill); ids must be unique (`DUPLICATE_ID`).
 *
 * @example
 * ```ts
 * const catalog = createCatalog([{ id: 'q1', skills: ['add'], topics: ['space'] }], graph);
 * catalog.itemsForSkill('add'); // [q1]
 * ```
 */
export function createCatalog(items: readonly ItemInput[], graph?: SkillGraph): Catalog {
  const parsed = parseInput(z.array(ItemSchema), items, 'items');
  const byId = new Map<string, Item>();
  const bySkill = new Map<string, Item[]>();
  for (const item of parsed) {
    if (byId.has(item.id))
      throw new PacekitError('DUPLICATE_ID', `Item id "${item.id}" is used twice`, { itemId: item.id });
    byId.set(item.id, item);
    for (const skillId of item.skills) {
      if (graph && !graph.has(skillId)) {
        throw new PacekitError(
          'UNKNOWN_SKILL',
          `Item "${item.id}" exercises skill "${skillId}", which is not in the skill graph`,
          {
            itemId: item.id,
            skillId,
          },
        );
      }
      let list = bySkill.get(skillId);
      if (!list) bySkill.set(skillId, (list = []));
      list.push(item);
    }
  }
  return {
    items: parsed,
    has: (itemId) => byId.has(itemId),
    get: (itemId) => {
      const item = byId.get(itemId);
      if (!item) throw new PacekitError('UNKNOWN_ITEM', `Unknown item "${itemId}"`, { itemId });
      return item;
    },
    itemsForSkill: (skillId) => bySkill.get(skillId) ?? [],
  };
}
