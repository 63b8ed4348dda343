export {
  createYielder,
  type LongWorkOptions,
  longWorkFields,
  nextTurn,
  type Progress,
  SLICE_MS,
  throwIfAborted,
} from './longWork';
