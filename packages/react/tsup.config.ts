import { libraryConfig } from '../tsup.base';

// Hooks and the provider are client code: 'use client' marks the boundary for React Server
// Components (Next.js App Router). Server code imports from @pacekit/core and @pacekit/pacing.
export default libraryConfig({ index: 'src/index.ts' }, [], { banner: { js: "'use client';" } });
