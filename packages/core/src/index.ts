export * from './async';
export * from './bkt';
export * from './data';
export * from './errors';
export * from './evaluation';
export * from './random';
export { type InputIssue, parseInput, probability } from './validation';
