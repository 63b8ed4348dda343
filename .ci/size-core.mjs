// The core-only path: events, the learner model and store, BKT — an app that records and
// estimates without pacing. size-limit bundles it with zod.
export {
  createBkt,
  createCatalog,
  createLearnerModel,
  createLearnerStore,
  createSkillGraph,
  parseEvent,
} from '../packages/core/dist/index.js';
