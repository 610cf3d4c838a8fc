import { defineConfig } from 'tsup';

/**
 * Two entry points: the library (`index`) and the command line (`cli`).
 * - ESM (.mjs) and CJS (.js) for the library, with .d.ts / .d.mts types.
 * - The built-in data (build/data.json, made by `npm run data`) is bundled into the library, so it works without a
 *   file system (the browser demo imports dist/index.mjs).
 * - The CLI and its worker-thread entry are CJS only and load the library from ./index.js at run time (kept
 *   external), so the data ships once.
 */
export default defineConfig([
  {
    entry: { index: 'lib/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'node18',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    // bundle the edit distance in, so dist/index.mjs has no bare imports and loads in a browser as it is
    noExternal: ['fast-levenshtein', 'fastest-levenshtein'],
    outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.js' }),
    // keep Arabic as UTF-8 in the bundle: escaped as \uXXXX it would be three times larger
    esbuildOptions: (o) => {
      o.charset = 'utf8';
    },
  },
  {
    entry: { cli: 'lib/cli/main.ts', worker: 'lib/cli/worker.ts' },
    format: ['cjs'],
    dts: false,
    clean: false,
    target: 'node18',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    external: ['../index', './index.js'],
    outExtension: () => ({ js: '.js' }),
  },
]);
