import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
export default {
  // The monorepo root (one lockfile): where the workspace's packages are linked from.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
};
