// The whole public surface of the three browser packages, measured together by size-limit.
export * from '../packages/core/dist/index.js';
export * from '../packages/pacing/dist/index.js';
export * from '../packages/react/dist/index.js';
