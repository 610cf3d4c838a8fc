import { copyFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/** The CommonJS build reads the data from dist/data.json (JSON.parse is quicker and lighter than the same data as
 * JavaScript source); the ESM build keeps it inside, so dist/index.mjs loads in a browser as it is. */
const dataFromFile: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'data-from-file',
  setup(build) {
    build.onResolve({ filter: /build\/data\.json$/ }, () => ({ path: './data.json', external: true }));
  },
};

/**
 * Two entry points: the library (`index`) and the command line (`cli`).
 * - ESM (.mjs) and CJS (.js) for the library, with .d.ts / .d.mts types.
 * - The built-in data (build/data.json, made by `npm run data`) is bundled into the ESM build, so it works without a
 *   file system (the browser demo imports dist/index.mjs); the CJS build reads it from dist/data.json.
 * - The CLI and its worker-thread entry are CJS only and load the library from ./index.js at run time (kept
 *   external), so the data ships once.
 */
export default defineConfig([
  {
    entry: { index: 'lib/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: false,
    // dist/ is emptied by `npm run build` before tsup: the builds run in parallel, and a clean in one could remove
    // what another wrote (dist/data.json)
    clean: false,
    target: 'node18',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    // bundle the edit distance in, so dist/index.mjs has no bare imports and loads in a browser as it is
    noExternal: ['fast-levenshtein', 'fastest-levenshtein'],
    outExtension: () => ({ js: '.mjs' }),
    // keep Arabic as UTF-8 in the bundle: escaped as \uXXXX it would be three times larger
    esbuildOptions: (o) => {
      o.charset = 'utf8';
    },
  },
  {
    entry: { index: 'lib/index.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: false,
    clean: false,
    target: 'node18',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    noExternal: ['fast-levenshtein', 'fastest-levenshtein'],
    outExtension: () => ({ js: '.js' }),
    esbuildPlugins: [dataFromFile],
    onSuccess: async () => copyFileSync('build/data.json', 'dist/data.json'),
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
