export * from './async';
export * from './bkt';
export * from './errors';
export * from './events';
export * from './graph';
export * from './items';
export * from './random';
export * from './state';
export { type InputIssue, parseInput, probability } from './validation';
