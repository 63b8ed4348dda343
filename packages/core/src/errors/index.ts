export { describeValue, PacekitError, type PacekitErrorCode } from './pacekitError';
