/** Every ```ts example in the README runs as written (against the library's source). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import * as lib from '../lib/index';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has TypeScript examples', () => expect(blocks.length).toBeGreaterThanOrEqual(2));

/** A line `expr; // 'text' …` claims that expr is 'text': the test checks it. */
function withChecks(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const m = /^(\s*)([^/].*?);\s*\/\/\s*'([^']*)'/.exec(line);
      return m ? `${m[1]}__check(${m[2]}, ${JSON.stringify(m[3])});` : line;
    })
    .join('\n');
}

test.each(blocks.map((b, i) => [i, b]))('README example %i runs and its claims hold', (_i, code) => {
  const js = ts.transpileModule(withChecks(code as string), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const logs: unknown[][] = [];
  const sandbox = {
    require: (name: string) => {
      if (name === 'arabic-ner') return lib;
      throw new Error(`the example requires ${name}`);
    },
    exports: {},
    __check: (actual: unknown, expected: string) => expect(actual).toBe(expected),
    console: { log: (...a: unknown[]) => logs.push(a) },
  };
  expect(() => runInNewContext(js, sandbox)).not.toThrow();
});
