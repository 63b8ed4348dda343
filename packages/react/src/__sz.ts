export { parseEvent } from '@pacekit/core';
export { createIndexedDbStorage } from '@pacekit/core/browser';
export { createPacer, describeReason } from '@pacekit/pacing';
export { createLearnerStore, PacekitProvider, useMastery, useNextActivity, useRecord } from '@pacekit/react';
