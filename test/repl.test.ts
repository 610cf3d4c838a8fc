/** The REPL views: a Doc printed by Node's util.inspect, and `arabic-ner repl` fed from standard input. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { tag } from '../lib/index';

test('a Doc inspects as a compact list of its entities, not a wall of tokens', () => {
  const shown = inspect(tag('قصف التحالف الدولي مواقع لداعش في تدمر'));
  expect(shown).toMatch(/^Doc\(\d+ tokens, 1 sentences, 3 entities\)/);
  expect(shown).toContain('LOC  تدمر');
  expect(shown).not.toContain('analyses');
  expect(shown.split('\n')).toHaveLength(4);
});

test('arabic-ner repl tags each line typed', () => {
  const r = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli.js'), 'repl'], { input: 'قصف مواقع في تدمر\n.exit\n', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('[تدمر]');
  expect(r.stdout).toContain('LOC');
});
