import type { LearnerModelPlugin, LearnerState } from '@pacekit/core';
import { getOwn } from '@pacekit/core';
import * as z from 'zod/mini';

/** Key of the struggle slice in `LearnerState.extensions`. */
export const STRUGGLE_KEY = 'struggle';

/**
 * When a learner counts as struggling on a skill, and how the policy escalates (wheel-spinning,
 * Beck & Gong 2013: no mastery after about ten attempts).
 */
export const StruggleOptionsSchema = z.object({
  /** Misses in a row on a skill not yet mastered from which an easier item comes first. */
  after: z._default(z.int().check(z.gte(1)), 3),
  /** Misses in a row from which the learner takes a break from the skill (and again at each multiple). */
  breakAfter: z._default(z.int().check(z.gte(2)), 5),
  /** Attempts on other skills a break lasts. */
  breakAttempts: z._default(z.int().check(z.gte(1)), 2),
  /** Longest a break lasts, in minutes (a new session starts fresh). */
  breakMinutes: z._default(z.number().check(z.gt(0)), 30),
  /** Attempts on a skill without mastering it that count as wheel-spinning. */
  wheelSpinAfter: z._default(z.int().check(z.gte(2)), 10),
  /**
   * A pause between two answers at least this long, in minutes, ends a session. Sessions tell
   * the policy which learners stop early after misses (see {@link SessionTrack}).
   */
  sessionGapMinutes: z._default(z.number().check(z.gt(0)), 30),
});

/** Struggle options (see {@link StruggleOptionsSchema}). */
export type StruggleOptions = z.output<typeof StruggleOptionsSchema>;

/** Default struggle options. */
export const DEFAULT_STRUGGLE_OPTIONS: Readonly<StruggleOptions> = Object.freeze(
  StruggleOptionsSchema.parse({}),
);

/** One skill a learner has missed and not yet mastered: a struggle episode. */
export interface SkillStruggle {
  /** The skill. */
  skillId: string;
  /** Time of the first miss of the episode. */
  since: number;
  /** Attempts on the skill since the episode began. */
  attempts: number;
  /**
   * How many of them were missed (absent in episodes folded before it was kept: then the
   * wheel-spinning rule does not look at accuracy).
   */
  misses?: number;
  /** Misses in a row, now. */
  missesInRow: number;
  /** The last item missed (never served again straight away when the skill has another). */
  lastMissedItemId: string | null;
  /** When the current (or last) break from the skill began, or null. */
  breakAt: number | null;
  /** Attempts on other skills left in the current break (0 when not on a break). */
  breakLeft: number;
  /** Breaks taken in this episode. */
  breaks: number;
  /** When the learner was flagged as needing a person's help on this skill, or null. */
  needsHelpAt: number | null;
}

/** The struggle slice of a learner's state (plain JSON in `state.extensions.struggle`). */
export interface StruggleState {
  /** Open episodes, in the order they began. */
  skills: SkillStruggle[];
  /** Attempts since the learner last mastered a skill (any skill): progress, or its absence. */
  attemptsSinceMastery: number;
  /**
   * How many of those attempts were right (absent in states folded before it was kept: then
   * the stall rule does not look at accuracy).
   */
  rightSinceMastery?: number;
  /** Misses in a row across skills, now (a learner who keeps missing may give up). */
  missesInRow: number;
  /** The learner's sessions (absent in states folded before it was kept). */
  session?: SessionTrack;
}

/**
 * A learner's sessions, as their answers show them: a pause of `sessionGapMinutes` or more ends
 * one. A session that ended in a run of 2 or more misses and was shorter than 0.8 of the
 * learner's usual session (or ended before the learner has one) is an *early stop*: the learner
 * may have given up. The policy offers quick wins to learners who stopped early lately.
 */
export interface SessionTrack {
  /** First answer of the current session. */
  start: number;
  /** Latest answer. */
  last: number;
  /** Sessions that have ended. */
  ended: number;
  /**
   * The learner's usual session length in minutes (first to last answer), from sessions that
   * did not stop early; the longer ones count most. Null until one has ended that way.
   */
  usualMinutes: number | null;
  /** `ended` when the latest early stop ended, or null if there was none. */
  earlyStopAt: number | null;
}

/** Misses in a row at the end of a session that, in a session shorter than usual, make it an early stop. */
const EARLY_STOP_MISSES = 2;
/** Share of the learner's usual session length below which a session that ended in misses stopped early. */
const EARLY_STOP_SHARE = 0.8;

/**
 * The sessions after an answer at `at`: the same session, or a new one (judging the one that
 * ended: early if it ended in `missesInRow` ≥ {@link EARLY_STOP_MISSES} misses and was shorter
 * than {@link EARLY_STOP_SHARE} of the usual, or the first to end in misses).
 */
function nextSession(
  track: SessionTrack | undefined,
  at: number,
  missesInRow: number,
  gapMinutes: number,
): SessionTrack {
  if (!track) return { start: at, last: at, ended: 0, usualMinutes: null, earlyStopAt: null };
  if (at - track.last < gapMinutes * 60_000) return { ...track, last: Math.max(track.last, at) };
  const minutes = (track.last - track.start) / 60_000;
  const usual = track.usualMinutes;
  const ended = track.ended + 1;
  const early = missesInRow >= EARLY_STOP_MISSES && (usual === null || minutes < EARLY_STOP_SHARE * usual);
  return {
    start: at,
    last: at,
    ended,
    // From sessions that did not stop early: up at once to a longer one, down slowly after shorter ones.
    usualMinutes: early ? usual : usual === null ? minutes : Math.max(minutes, 0.7 * usual + 0.3 * minutes),
    earlyStopAt: early ? ended : track.earlyStopAt,
  };
}

const EMPTY: StruggleState = Object.freeze({
  skills: [],
  attemptsSinceMastery: 0,
  rightSinceMastery: 0,
  missesInRow: 0,
}) as StruggleState;

/** The struggle slice of `state` (no episodes when there is none). */
export function struggleOf(state: LearnerState): StruggleState {
  return (state.extensions[STRUGGLE_KEY] as StruggleState | undefined) ?? EMPTY;
}

/** The open struggle episode on `skillId`, if any. */
export function struggleOn(state: LearnerState, skillId: string): SkillStruggle | undefined {
  return struggleOf(state).skills.find((s) => s.skillId === skillId);
}

/** Skills on which the learner is flagged as needing a person's help. */
export function needsHelp(state: LearnerState): SkillStruggle[] {
  return struggleOf(state).skills.filter((s) => s.needsHelpAt !== null);
}

/**
 * The plugin that keeps struggle as a state rather than a loop: per skill missed and not yet
 * mastered, the misses in a row, attempts since the first miss, breaks, and a `needs-help`
 * flag a teacher sees. An episode ends when the skill is mastered or a teacher overrides it.
 *
 * Escalation, on misses: at `breakAfter` misses in a row (and each multiple) a break from the
 * skill begins; `after` more misses in a row after a break, `wheelSpinAfter` attempts on the
 * skill with a break among them or most of them missed (wheel-spinning), twice `wheelSpinAfter`
 * attempts, or — across
 * skills — twice `wheelSpinAfter` attempts with nothing mastered and a break on any skill, or
 * `after` misses in a row on this one, or fewer than half of them right, flag the learner as
 * needing help.
 */
export function createStrugglePlugin(
  options: StruggleOptions,
  isMastered: (state: LearnerState, skillId: string) => boolean,
): LearnerModelPlugin<StruggleState> {
  const onResponse = (
    slice: StruggleState,
    skillIds: readonly string[],
    itemId: string,
    right: boolean,
    at: number,
    state: LearnerState,
  ): StruggleState => {
    // An attempt on another skill counts down the breaks from the skills it does not touch.
    const skills = slice.skills.map((s) =>
      s.breakLeft > 0 && !skillIds.includes(s.skillId) ? { ...s, breakLeft: s.breakLeft - 1 } : s,
    );
    let progressed = false;
    const stalled = slice.attemptsSinceMastery + 1;
    const rightInStall =
      slice.rightSinceMastery === undefined ? undefined : slice.rightSinceMastery + (right ? 1 : 0);
    for (const skillId of skillIds) {
      const index = skills.findIndex((s) => s.skillId === skillId);
      const before = index >= 0 ? skills[index] : undefined;
      let next: SkillStruggle | undefined;
      if (isMastered(state, skillId)) {
        next = undefined;
        if (before || getOwn(state.skills, skillId)?.masteredAt === at) progressed = true;
      } else if (right) next = before && { ...before, attempts: before.attempts + 1, missesInRow: 0 };
      else {
        const e: SkillStruggle = before
          ? {
              ...before,
              attempts: before.attempts + 1,
              ...(before.misses !== undefined ? { misses: before.misses + 1 } : {}),
              missesInRow: before.missesInRow + 1,
            }
          : {
              skillId,
              since: at,
              attempts: 1,
              misses: 1,
              missesInRow: 1,
              lastMissedItemId: null,
              breakAt: null,
              breakLeft: 0,
              breaks: 0,
              needsHelpAt: null,
            };
        e.lastMissedItemId = itemId;
        if (e.missesInRow >= options.breakAfter * (e.breaks + 1)) {
          e.breakAt = at;
          e.breakLeft = options.breakAttempts;
          e.breaks += 1;
          // A second break in one episode: breaks do not help; a person should.
          if (e.breaks >= 2) e.needsHelpAt ??= at;
        } else if (e.breaks >= 1 && e.missesInRow - options.breakAfter * e.breaks >= options.after)
          // Back from a break and `after` more misses in a row: the break did not help.
          e.needsHelpAt ??= at;
        // Wheel-spinning: many attempts without mastery, and a break already did not help, or
        // most of them missed.
        if (
          e.attempts >= 2 * options.wheelSpinAfter ||
          (e.attempts >= options.wheelSpinAfter &&
            (e.breaks >= 1 || (e.misses !== undefined && 2 * e.misses > e.attempts)))
        )
          e.needsHelpAt ??= at;
        // Stalled across skills: twice `wheelSpinAfter` attempts with nothing mastered, and a
        // break (on any skill), `after` misses in a row here, or fewer than half of them right.
        if (
          stalled >= 2 * options.wheelSpinAfter &&
          (e.breaks >= 1 ||
            e.missesInRow >= options.after ||
            skills.some((s) => s.breaks >= 1) ||
            (rightInStall !== undefined && 2 * rightInStall < stalled))
        )
          e.needsHelpAt ??= at;
        next = e;
      }
      // `skills` is this call's own copy: changed in place.
      if (next === before) continue;
      if (index < 0) skills.push(next!);
      else if (next) skills[index] = next;
      else skills.splice(index, 1);
    }
    return {
      skills,
      attemptsSinceMastery: progressed ? 0 : stalled,
      rightSinceMastery: progressed ? 0 : rightInStall,
      missesInRow: right ? 0 : slice.missesInRow + 1,
      session: nextSession(slice.session, at, slice.missesInRow, options.sessionGapMinutes),
    };
  };

  return {
    key: STRUGGLE_KEY,
    initial: () => ({ skills: [], attemptsSinceMastery: 0, rightSinceMastery: 0, missesInRow: 0 }),
    apply: (slice, event, { state, skillIds, score }) => {
      switch (event.type) {
        case 'attempt':
        case 'review':
          return onResponse(slice, skillIds, event.itemId, score! >= 0.5, event.at, state);
        case 'override': {
          // A teacher's mark-mastered or reset ends the episode: a person has stepped in.
          if (event.skillId === undefined || (event.action !== 'mark-mastered' && event.action !== 'reset'))
            return slice;
          const skills = slice.skills.filter((s) => s.skillId !== event.skillId);
          return skills.length === slice.skills.length ? slice : { ...slice, skills };
        }
        default:
          return slice;
      }
    },
  };
}
