export {
  createYielder,
  type LongWorkOptions,
  longWorkFields,
  type Progress,
  throwIfAborted,
} from './longWork';
