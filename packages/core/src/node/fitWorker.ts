// A worker thread of fitBktParallel: fits the share of skills it is sent, one after another,
// answering with each fit as it is done (or the error that stopped it).
import { parentPort, workerData } from 'node:worker_threads';
import { createEmScratch } from '../bkt/em';
import type { SkillSequences } from '../bkt/sequences';
import { fitSkill, type SkillFitOptions, type TableNames } from '../bkt/skillFit';

const { names, opts } = workerData as { names: TableNames; opts: SkillFitOptions };
const noYield = async (): Promise<void> => {};

parentPort!.on(
  'message',
  async (message: { maxLength: number; tasks: { index: number; seq: SkillSequences }[] }) => {
    const scratch = createEmScratch(message.maxLength);
    for (const { index, seq } of message.tasks) {
      try {
        parentPort!.postMessage({ index, skill: await fitSkill(names, seq, opts, scratch, noYield) });
      } catch (error) {
        parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
  },
);
