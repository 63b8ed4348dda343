import * as z from 'zod/mini';
import { createYielder, SLICE_MS } from '../async';
import type { PacekitError } from '../errors';
import { type LearnerEvent, parseEvent } from '../events';
import { checkOwner, notALog, pathOf, type StoredLog, StoredLogSchema } from '../store';
import { type InputIssue, issueMessage } from '../validation';

const StoredLogEnvelopeSchema = z.extend(StoredLogSchema, { events: z.array(z.unknown()) });

/**
 * `parseStoredLog` for a server reading a long log: the events are checked in slices of
 * about `SLICE_MS`, with the event loop free in between, so a learner with a million events never
 * holds up the others. @internal
 */
export async function parseStoredLogInSlices(
  learnerId: string,
  raw: unknown,
  where: string,
): Promise<StoredLog> {
  const envelope = StoredLogEnvelopeSchema.safeParse(raw, { error: issueMessage });
  if (!envelope.success) throw notALog(learnerId, where, pathOf(envelope.error.issues));
  const inputs = envelope.data.events;
  const events: LearnerEvent[] = [];
  const yieldTurn = createYielder(undefined, SLICE_MS);
  for (let i = 0; i < inputs.length; i++) {
    if ((i & 255) === 0) await yieldTurn();
    try {
      events.push(parseEvent(inputs[i]));
    } catch (error) {
      const issues = ((error as PacekitError).details?.issues ?? []) as InputIssue[];
      throw notALog(
        learnerId,
        where,
        issues.map((issue) => ({
          path: `events.${i}${issue.path ? `.${issue.path}` : ''}`,
          message: issue.message,
        })),
      );
    }
  }
  return checkOwner(learnerId, { ...envelope.data, events } as StoredLog, where);
}
