export { type InputIssue, parseInput } from './parseInput';
export { probability } from './schemas';
