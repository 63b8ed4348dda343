export {
  type CardHistory,
  evaluateFsrs,
  evaluateFsrsTimeSeries,
  type FsrsMetrics,
  forEachPrediction,
  type ReviewLogEntry,
  type TrainFsrsOptions,
  trainFsrs,
} from './trainFsrs';
