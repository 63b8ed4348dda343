import { createRandom, type EventInput } from '@pacekit/core';
import { createPacer } from '@pacekit/pacing';
import { createPopulation, followPacer } from '@pacekit/pacing/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, startService } from './__fixtures__/service';
import { createSqlRosters } from './classes';
import { bkt, items, skills } from './course';

// The class routes on a loopback port, over PGlite, with a class of simulated learners.
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const NOW = T0 + DAY + 30 * 60_000;
const pacer = createPacer({ skills, items, bkt });
let base = '';
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ base, stop } = await startService(pacer, () => NOW));
});
afterAll(() => stop());

/** Two days of 15 minutes for 12 simulated learners; learners 2, 6 and 10 can never learn. */
function simulateClass(): { events: Map<string, EventInput[]>; strugglers: string[] } {
  const population = createPopulation({ size: 12, seed: 5 });
  const events = new Map<string, EventInput[]>();
  const strugglers: string[] = [];
  for (const [i, learner] of population.entries()) {
    if (i % 4 === 2) {
      learner.learnRate = 0;
      strugglers.push(learner.id);
    }
    const random = createRandom(2).fork(i);
    events.set(
      learner.id,
      followPacer({ pacer, learner, random, start: T0, days: 2, minutes: 15, stepMs: 60_000 }).events,
    );
  }
  return { events, strugglers };
}

const put = (classId: string, body: unknown) =>
  fetch(`${base}/classes/${classId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('class routes', () => {
  it('puts learners made to struggle first in oneOnOne, with groups and the mastery matrix', async () => {
    const { events, strugglers } = simulateClass();
    for (const [learnerId, log] of events) {
      const response = await fetch(`${base}/learners/${learnerId}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(log),
      });
      expect(response.status).toBe(200);
    }
    const roster = [...events.keys(), 'newcomer'];
    const created = await put('year-5', { learnerIds: roster });
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ classId: 'year-5', learnerIds: roster });
    const overview = await (await fetch(`${base}/classes/year-5/overview`)).json();
    expect(overview.learners.map((l: { learnerId: string }) => l.learnerId)).toEqual(roster);
    expect(overview.learners.at(-1)).toMatchObject({ learnerId: 'newcomer', status: 'not-started' });
    const order: string[] = overview.oneOnOne.map((o: { learnerId: string }) => o.learnerId);
    // The three who cannot learn come first, each with a reason.
    expect(order.slice(0, 3).sort()).toEqual([...strugglers].sort());
    for (const o of overview.oneOnOne.slice(0, 3)) expect(o.reasons.length).toBeGreaterThan(0);
    for (const g of overview.groups) expect(['ready', 'stuck']).toContain(g.kind);
    expect(overview.mastery.learnerIds).toEqual(roster);
    expect(overview.mastery.pMastery[0]).toHaveLength(skills.length);
    // The same overview as the SDK computes from the same states.
    const again = await (await fetch(`${base}/classes/year-5/overview?now=${NOW}`)).json();
    expect(again).toEqual(overview);
  });

  it('replaces a roster, answers 404 for an unknown class and 400 for bad input', async () => {
    expect((await put('tiny', { learnerIds: ['a', 'b'] })).status).toBe(200);
    expect((await put('tiny', { learnerIds: ['b'] })).status).toBe(200);
    expect((await (await fetch(`${base}/classes/tiny/overview`)).json()).learners).toHaveLength(1);
    expect((await fetch(`${base}/classes/nope/overview`)).status).toBe(404);
    const duplicate = await put('tiny', { learnerIds: ['a', 'a'] });
    expect(duplicate.status).toBe(400);
    expect((await duplicate.json()).error).toContain('distinct');
    expect((await put('tiny', { learnerIds: ['bad id!'] })).status).toBe(400);
    expect((await put('tiny', { pupils: [] })).status).toBe(400);
    expect((await fetch(`${base}/classes/tiny/overview?now=soon`)).status).toBe(400);
  });

  it('offers a learner distinct choices', async () => {
    const { events } = simulateClass();
    const learnerId = [...events.keys()][0]!;
    const body = await (await fetch(`${base}/learners/${learnerId}/next?choices=3`)).json();
    const skillIds = body.recommendations.map((r: { skillId: string }) => r.skillId);
    expect(new Set(skillIds).size).toBe(skillIds.length);
    expect(skillIds.length).toBeGreaterThan(0);
    expect(skillIds.length).toBeLessThanOrEqual(3);
    expect((await fetch(`${base}/learners/${learnerId}/next?choices=0`)).status).toBe(400);
  });

  // A pool of 20 connections on a server runs the setups at once (PGlite has one connection).
  it('creates the rosters table once when 16 instances set up a fresh database together', async () => {
    const db = await freshDatabase();
    try {
      await Promise.all(Array.from({ length: 16 }, () => createSqlRosters(db).setup()));
      const rosters = createSqlRosters(db);
      await rosters.put('c1', ['ada']);
      expect(await rosters.get('c1')).toEqual(['ada']);
    } finally {
      await db.close();
    }
  });
});
