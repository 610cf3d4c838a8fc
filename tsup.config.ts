import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The CommonJS build reads its data from dist/data.bin instead of carrying it as JavaScript: a one-line JSON header
 * (UTF-8) with every long string replaced by `{"$s": n}`, then those strings one after another in two runs: the ones
 * with a character beyond Latin-1 (the Arabic) as UTF-16 text, decoded by a copy (UTF-8 Arabic costs ~20 ms to
 * decode), then the rest (the models' and tables' base64) as Latin-1, one byte a character. The loader takes the
 * strings as slices of the two decoded runs: no JSON parsing of megabytes of strings. The ESM build keeps the data
 * inside, so dist/index.mjs loads in a browser as it is.
 */
const dataFromFile: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'data-from-file',
  setup(build) {
    build.onResolve({ filter: /build\/data\.json$/ }, () => ({ path: 'data-file', namespace: 'arabic-ner-data' }));
    build.onLoad({ filter: /.*/, namespace: 'arabic-ner-data' }, () => ({
      loader: 'js',
      contents: `
        const file = require('node:path').join(__dirname, 'data.bin');
        let bytes;
        try {
          bytes = require('node:fs').readFileSync(file);
        } catch (e) {
          throw new Error('arabic-ner: cannot read its data file ' + file + ' (' + e.code + '): the CommonJS build needs data.bin beside it; when bundling, copy it next to the bundle or use the ESM build');
        }
        const end = bytes.indexOf(10);
        const { data, segments, wide } = JSON.parse(bytes.toString('utf8', 0, end));
        const runs = [bytes.toString('utf16le', end + 1, end + 1 + wide), bytes.toString('latin1', end + 1 + wide)];
        const revive = (v) => {
          if (v === null || typeof v !== 'object') return v;
          if (typeof v.$s === 'number') {
            const [run, from, to] = segments[v.$s];
            return runs[run].slice(from, to);
          }
          for (const k of Object.keys(v)) v[k] = revive(v[k]);
          return v;
        };
        module.exports = revive(data);`,
    }));
  },
};

/** Writes dist/data.bin (see `dataFromFile`) from build/data.json. */
function writeDataFile(): void {
  const segments: Array<[number, number, number]> = [];
  const runs = ['', ''];
  const lift = (v: unknown): unknown => {
    if (typeof v === 'string' && v.length >= 256) {
      const run = /^[\u0000-\u00ff]*$/.test(v) ? 1 : 0;
      segments.push([run, runs[run].length, runs[run].length + v.length]);
      runs[run] += v;
      return { $s: segments.length - 1 };
    }
    if (Array.isArray(v)) return v.map(lift);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lift(x)]));
    return v;
  };
  const data = lift(JSON.parse(readFileSync('build/data.json', 'utf8')));
  const wide = Buffer.from(runs[0], 'utf16le');
  // JSON.stringify escapes line breaks inside strings, so the header's first byte 10 is its end
  const header = Buffer.from(JSON.stringify({ data, segments, wide: wide.length }) + '\n', 'utf8');
  writeFileSync('dist/data.bin', Buffer.concat([header, wide, Buffer.from(runs[1], 'latin1')]));
}

/**
 * Writes dist/index.node.mjs, the entry `import` takes in Node (package.json, the "node" condition): the CommonJS
 * build re-exported by name, so Node's ESM users load the data from data.bin too (the inline data of index.mjs costs
 * ~40 ms more to load) and share one copy of the library with CommonJS code in the same process. The names are read
 * from the built module, so they cannot drift from lib/index.ts.
 */
function writeNodeEsmEntry(): void {
  const file = resolve('dist/index.js');
  const names = Object.keys(createRequire(__filename)(file)).sort();
  writeFileSync(
    'dist/index.node.mjs',
    `// Node's ESM entry (tsup.config.ts): the CommonJS build, which reads its data from data.bin, re-exported.\n` +
      `import { createRequire } from 'node:module';\n` +
      `const lib = createRequire(import.meta.url)('./index.js');\n` +
      `export const { ${names.join(', ')} } = lib;\n`,
  );
}

/**
 * Two entry points: the library (`index`) and the command line (`cli`).
 * - ESM (.mjs) and CJS (.js) for the library, with .d.ts / .d.mts types.
 * - The built-in data (build/data.json, made by `npm run data`) is bundled into the ESM build, so it works without a
 *   file system (the browser demo imports dist/index.mjs); the CJS build reads it from dist/data.bin (see above), and
 *   Node's `import` gets the CJS build through dist/index.node.mjs (see `writeNodeEsmEntry`).
 * - The CLI and its worker-thread entry are CJS only and load the library from ./index.js at run time (kept
 *   external), so the data ships once.
 */
/** What the two library builds share. */
const library: Options = {
  entry: { index: 'lib/index.ts' },
  dts: true,
  sourcemap: false,
  // dist/ is emptied by `npm run build` before tsup: the builds run in parallel, and a clean in one could remove
  // what another wrote (dist/data.bin)
  clean: false,
  target: 'node18',
  platform: 'neutral',
  splitting: false,
  treeshake: true,
  // bundle the edit distance in, so dist/index.mjs has no bare imports and loads in a browser as it is
  noExternal: ['fast-levenshtein', 'fastest-levenshtein'],
  // keep Arabic as UTF-8 in the bundle: escaped as \uXXXX it would be three times larger
  esbuildOptions: (o) => {
    o.charset = 'utf8';
  },
};

export default defineConfig([
  { ...library, format: ['esm'], outExtension: () => ({ js: '.mjs' }) },
  {
    ...library,
    format: ['cjs'],
    outExtension: () => ({ js: '.js' }),
    esbuildPlugins: [dataFromFile],
    onSuccess: async () => {
      writeDataFile();
      writeNodeEsmEntry();
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
