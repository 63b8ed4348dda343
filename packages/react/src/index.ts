// One package for a React app: the hooks, plus the core and pacing surface.
export * from '@pacekit/core';
export * from '@pacekit/pacing';
export { PacekitContext, type PacekitContextValue } from './context';
export { PacekitProvider, type PacekitProviderProps } from './PacekitProvider';
export { useGoalPlan } from './useGoalPlan';
export { useLearner } from './useLearner';
export { useMastery } from './useMastery';
export { useNextActivity } from './useNextActivity';
export { useRecord } from './useRecord';
export { useSessionPlan } from './useSessionPlan';
export { useUndo } from './useUndo';
