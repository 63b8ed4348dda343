export {
  type CommitReceipt,
  createLearnerStore,
  type LearnerStore,
  type LearnerStoreOptions,
  type Selection,
} from './createLearnerStore';
export { jsonEqual, type MasteryView, selectMastery } from './selections';
export {
  applyChange,
  type Checkpoint,
  CheckpointSchema,
  checkOwner,
  createMemoryStorage,
  EMPTY_LOG,
  type EventKey,
  type LearnerStorage,
  type LogChange,
  notALog,
  parseStoredLog,
  pathOf,
  type SaveResult,
  type StoredLog,
  StoredLogSchema,
} from './storage';
