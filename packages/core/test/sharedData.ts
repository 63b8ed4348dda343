import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared ASSISTments 2009 skill-builder training split, beside the repository. */
export const ASSISTMENTS_TRAIN = fileURLToPath(
  new URL('../../../../shared/data/assistments-2009-builder/train.csv', import.meta.url),
);

/** Throws a clear error when the shared data is missing, so a test never passes without it. */
export function requireSharedData(path: string): string {
  if (!existsSync(path)) {
    throw new Error(
      `Shared learner data not found at ${path}. The real-data tests need the repository's sibling folder ` +
        '../shared/data (see its README); they do not pass without it.',
    );
  }
  return path;
}
