import type { ItemInput, SkillInput } from '@pacekit/core';

/** A course to simulate: skills with prerequisites and items. */
export interface SimCourse {
  /** Name in reports. */
  name: string;
  skills: SkillInput[];
  items: ItemInput[];
}

/** Item difficulties (logit) of each skill's four practice items: from easy to hard. */
const DIFFICULTIES = [-1, -0.3, 0.3, 1];

function withItems(name: string, skills: SkillInput[]): SimCourse {
  const items = skills.flatMap((s) =>
    DIFFICULTIES.map((difficulty, k) => ({ id: `${s.id}-${k}`, skills: [s.id], difficulty })),
  );
  return { name, skills, items };
}

/** 40 skills in one line: each builds on the one before. */
export function chainCourse(size = 40): SimCourse {
  return withItems(
    'Deep chain',
    Array.from({ length: size }, (_, i) => ({ id: `s${i}`, prerequisites: i > 0 ? [`s${i - 1}`] : [] })),
  );
}

/** Five strands of eight skills; each strand's skills build in order, each strand on the one before. */
export function layeredCourse(): SimCourse {
  return withItems(
    'Layered',
    Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      prerequisites: [...(i % 8 > 0 ? [`s${i - 1}`] : []), ...(i >= 8 && i % 8 === 0 ? [`s${i - 8}`] : [])],
    })),
  );
}

/** Ten independent foundations with three skills built on each: wide and shallow. */
export function wideCourse(): SimCourse {
  return withItems(
    'Wide, shallow',
    Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, prerequisites: i < 10 ? [] : [`s${i % 10}`] })),
  );
}

/** The graph shapes of the benchmark. */
export const COURSES: readonly (() => SimCourse)[] = [chainCourse, layeredCourse, wideCourse];
