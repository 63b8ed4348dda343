export { createRandom, type Random } from './createRandom';
export { hashString } from './hashString';
