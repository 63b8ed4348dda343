export { issueMessage } from './issueMessage';
export { type InputIssue, parseInput } from './parseInput';
export { getOwn, setOwn } from './records';
export { id, isText, probability, text } from './schemas';
