import { describe, expect, it } from 'vitest';
import { parseEvent } from '../events';
import { createSkillGraph } from '../graph';
import { createCatalog } from '../items';
import { createLearnerModel } from '../state';
import { masteryStatements, parseIsoDuration, statementsToEvents, type XapiStatement } from './xapi';

// The "simple CBT" example statement of the xAPI specification (Appendix A, Example Statements),
// and the same statement with the verb "answered".
const simpleCbt: XapiStatement = {
  id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
  timestamp: '2015-12-18T12:17:00+00:00',
  actor: { objectType: 'Agent', name: 'Example Learner', mbox: 'mailto:example.learner@adlnet.gov' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  object: {
    id: 'http://example.adlnet.gov/xapi/example/simpleCBT',
    definition: {
      name: { 'en-US': 'simple CBT course' },
      description: { 'en-US': 'A fictitious example CBT course.' },
    } as never,
  },
  result: { score: { scaled: 0.95 }, success: true, completion: true, duration: 'PT1234S' },
};
const answered: XapiStatement = {
  ...simpleCbt,
  id: 'b1b2',
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
};

describe('statementsToEvents', () => {
  it('maps an answered statement to a valid attempt: success, scaled score, ISO duration, timestamp', () => {
    const { events, rejected } = statementsToEvents([answered]);
    expect(rejected).toEqual([]);
    expect(events).toEqual([
      {
        id: 'b1b2',
        learnerId: 'example.learner@adlnet.gov',
        at: Date.UTC(2015, 11, 18, 12, 17),
        type: 'attempt',
        itemId: 'http://example.adlnet.gov/xapi/example/simpleCBT',
        correct: true,
        score: 0.95,
        responseTimeMs: 1_234_000,
      },
    ]);
    expect(parseEvent(events[0]).type).toBe('attempt');
  });

  it('reports the spec example’s "attempted" verb, and every other unmappable statement, with the reason', () => {
    const noEvidence: XapiStatement = {
      ...answered,
      id: 'c',
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      result: { completion: true },
    };
    const badScore: XapiStatement = { ...answered, id: 'd', result: { score: { scaled: -0.5 } } };
    const noTime: XapiStatement = { ...answered, id: 'e', timestamp: undefined };
    const { events, rejected } = statementsToEvents(
      [simpleCbt, noEvidence, badScore, noTime, { nope: true } as never],
      {
        items: { 'http://example.adlnet.gov/xapi/example/simpleCBT': 'cbt' },
      },
    );
    expect(events).toEqual([]);
    expect(rejected.map((r) => [r.index, r.statementId, r.reason])).toEqual([
      [
        0,
        '7ccd3322-e1a5-411a-a67d-6a735c76f119',
        'verb http://adlnet.gov/expapi/verbs/attempted is not one Pacekit maps (answered, completed, experienced)',
      ],
      [
        1,
        'c',
        'a "experienced" statement without result.success or result.score.scaled is no evidence of mastery',
      ],
      [2, 'd', 'result.score.scaled is -0.5: Pacekit takes scores in [0, 1]'],
      [3, 'e', 'no valid timestamp (or stored time)'],
      [4, undefined, 'not an xAPI statement (actor, verb and object are required)'],
    ]);
  });

  it('maps activities to items and context activities to skills, accounts to learners', () => {
    const statement: XapiStatement = {
      ...answered,
      id: 'f',
      actor: { account: { homePage: 'https://lms.example.com', name: 'ada' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      result: { success: false },
      context: { contextActivities: { parent: [{ id: 'https://lms.example.com/units/fractions' }] } },
    };
    const { events } = statementsToEvents([statement], {
      items: { 'http://example.adlnet.gov/xapi/example/simpleCBT': 'q1' },
      skills: { 'https://lms.example.com/units/fractions': 'fractions' },
    });
    expect(events[0]).toMatchObject({
      learnerId: 'ada',
      itemId: 'q1',
      correct: false,
      skillIds: ['fractions'],
    });
    const unknown = statementsToEvents([{ ...statement, object: { id: 'https://other' } }], { items: {} });
    expect(unknown.rejected[0]!.reason).toBe('activity https://other is not mapped to an item');
  });

  it('parses ISO 8601 durations', () => {
    expect(parseIsoDuration('PT1M30.5S')).toBe(90_500);
    expect(parseIsoDuration('P1DT2H')).toBe(26 * 3_600_000);
    expect(parseIsoDuration('P1W')).toBe(7 * 86_400_000);
    expect(parseIsoDuration('P1Y')).toBeUndefined();
    expect(parseIsoDuration('PT')).toBeUndefined();
    expect(parseIsoDuration('1 minute')).toBeUndefined();
  });
});

describe('masteryStatements', () => {
  it('emits progressed and mastered when a skill crosses the levels, with P(L) as the scaled score', () => {
    const graph = createSkillGraph([{ id: 'add' }]);
    const learner = createLearnerModel({
      bkt: {
        kind: 'bkt',
        schemaVersion: 1,
        skills: { add: { pInit: 0.4, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 } },
      },
      graph,
      catalog: createCatalog([{ id: 'q', skills: ['add'] }], graph),
    });
    const s0 = learner.initialState('ada');
    const s1 = learner.replay('ada', [
      { id: 'e1', learnerId: 'ada', at: 1000, type: 'attempt', itemId: 'q', correct: true },
    ]);
    const s2 = learner.apply(
      s1,
      parseEvent({ id: 'e2', learnerId: 'ada', at: 2000, type: 'attempt', itemId: 'q', correct: true }),
    );
    const actor = { account: { homePage: 'https://lms.example.com', name: 'ada' } };
    // 0.4 → 0.8 crosses 0.5; 0.8 → 18.2/19 ≈ 0.958 crosses the mastery threshold 0.95.
    const first = masteryStatements(learner, s0, s1, { actor });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/progressed' },
      result: { score: { scaled: 0.8 } },
    });
    const second = masteryStatements(learner, s1, s2, { actor });
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/mastered' },
      object: { id: 'urn:pacekit:skill:add' },
      result: { success: true, score: { scaled: 0.9579 } },
      timestamp: '1970-01-01T00:00:02.000Z',
    });
    expect(masteryStatements(learner, s2, s2, { actor })).toEqual([]);
  });
});
