import type { Catalog, LearnerModelPlugin, LearnerState } from '@pacekit/core';

/** Key of the teacher slice in `LearnerState.extensions`. */
export const TEACHER_KEY = 'teacher';

/** A pin with its expiry. */
export interface TeacherPin {
  /** `item:<id>` or `skill:<id>`, as in `state.pinned`. */
  ref: string;
  /** When it was pinned. */
  at: number;
  /** It expires at this time, or null. */
  expiresAt: number | null;
  /** Attempts on what it pins before it expires, or null for no limit. */
  attemptsLeft: number | null;
}

/** A teacher's note on a learner. */
export interface TeacherNote {
  /** When it was written. */
  at: number;
  /** Who wrote it. */
  by: string | null;
  /** The skill it is about, if any. */
  skillId: string | null;
  /** The note. */
  text: string;
}

/** What teachers decided for a learner beyond the core's overrides (`state.extensions.teacher`). */
export interface TeacherState {
  /** The unit new learning is restricted to (skills and their prerequisites), or null. */
  focus: string[] | null;
  /** The order in which to learn these skills, or null. */
  sequence: string[] | null;
  /** Expiries of the pins in `state.pinned`. */
  pins: TeacherPin[];
  /** Notes, oldest first (the last {@link MAX_NOTES} kept). */
  notes: TeacherNote[];
}

/** Notes kept per learner. */
export const MAX_NOTES = 50;

const EMPTY: TeacherState = Object.freeze({
  focus: null,
  sequence: null,
  pins: [],
  notes: [],
}) as TeacherState;

/** The teacher slice of `state`. */
export function teacherOf(state: LearnerState): TeacherState {
  return (state.extensions[TEACHER_KEY] as TeacherState | undefined) ?? EMPTY;
}

/** Whether the pin `ref` in `state.pinned` is still in force at `now`. */
export function pinActive(state: LearnerState, ref: string, now: number): boolean {
  const pin = teacherOf(state).pins.find((p) => p.ref === ref);
  return !pin || ((pin.expiresAt === null || now < pin.expiresAt) && pin.attemptsLeft !== 0);
}

const pinned = (ref: string, itemId: string, skillIds: readonly string[]): boolean =>
  ref === `item:${itemId}` || skillIds.some((s) => ref === `skill:${s}`);

/**
 * The plugin that keeps teacher decisions the core does not: `focus` and `sequence` overrides,
 * pin expiries (an item pin expires after one attempt on it unless `expiresAfterAttempts` says
 * otherwise; a skill pin when given), and notes.
 */
export function createTeacherPlugin(catalog: Catalog | undefined): LearnerModelPlugin<TeacherState> {
  return {
    key: TEACHER_KEY,
    initial: () => ({ focus: null, sequence: null, pins: [], notes: [] }),
    apply: (slice, event, { skillIds }) => {
      if (event.type === 'attempt' || event.type === 'review') {
        let changed = false;
        const pins = slice.pins.map((p) => {
          if (!p.attemptsLeft || !pinned(p.ref, event.itemId, skillIds)) return p;
          changed = true;
          return { ...p, attemptsLeft: p.attemptsLeft - 1 };
        });
        return changed ? { ...slice, pins } : slice;
      }
      if (event.type !== 'override') return slice;
      switch (event.action) {
        case 'focus':
          return { ...slice, focus: event.skillIds!.length > 0 ? event.skillIds! : null };
        case 'sequence':
          return { ...slice, sequence: event.skillIds!.length > 0 ? event.skillIds! : null };
        case 'note':
          return {
            ...slice,
            notes: [
              ...slice.notes,
              { at: event.at, by: event.by ?? null, skillId: event.skillId ?? null, text: event.note! },
            ].slice(-MAX_NOTES),
          };
        case 'pin':
        case 'unpin': {
          const ref = event.itemId !== undefined ? `item:${event.itemId}` : `skill:${event.skillId}`;
          const pins = slice.pins.filter((p) => p.ref !== ref);
          if (event.action === 'unpin') return { ...slice, pins };
          const isItem = event.itemId !== undefined && (catalog === undefined || catalog.has(event.itemId));
          const attempts = event.expiresAfterAttempts ?? (isItem ? 1 : null);
          return {
            ...slice,
            pins: [
              ...pins,
              { ref, at: event.at, expiresAt: event.expiresAt ?? null, attemptsLeft: attempts },
            ],
          };
        }
        default:
          return slice;
      }
    },
  };
}
