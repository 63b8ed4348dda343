export { createIndexedDbStorage, type IndexedDbStorageOptions } from './indexedDbStorage';
export { createWebStorage, type WebStorageOptions } from './webStorage';
