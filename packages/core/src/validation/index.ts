export { type InputIssue, parseInput } from './parseInput';
export { getOwn, setOwn } from './records';
export { id, probability, text } from './schemas';
