/** The command line, run as a user runs it: the built dist/cli.js (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'arabic-ner-cli-'));
const run = (args: string[], input?: string | Buffer) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('arabic-ner CLI', () => {
  test('--help and --version', () => {
    expect(run(['--help'])).toMatchObject({ code: 0 });
    expect(run(['--help']).out).toContain('tag [options] [files...]');
    expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('tag from stdin, JSON lines out', () => {
    const r = run(['tag', '-f', 'jsonl'], 'قصف مواقع في تدمر\n');
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out.trim());
    expect(rec.entities.some((e: { text: string; label: string }) => e.text === 'تدمر' && e.label === 'LOC')).toBe(true);
  });

  test('offsets of a streamed plain-text file are offsets into the whole file', () => {
    const line = 'خبر عادي بلا أسماء في هذا السطر\n';
    const text = line.repeat(5000) + 'وصلت القوات إلى تدمر\n';
    const p = file('long.txt', text);
    const r = run(['tag', '-f', 'jsonl', p]);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out.trim());
    const e = rec.entities.find((x: { text: string }) => x.text === 'تدمر');
    expect(text.slice(e.start, e.end)).toBe('تدمر');
  });

  test('JSONL input keeps ids; a truncated record exits 2 after the good ones, with no partial line', () => {
    const p = file('in.jsonl', '{"id":"a","text":"في تدمر"}\n{"id":"b","text":"في حمص"}\n{"id":"c","tex');
    const r = run(['tag', '-f', 'jsonl', p]);
    expect(r.code).toBe(2);
    const lines = r.out.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['a', 'b']);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('in.jsonl:3: invalid JSON');
  });

  test('two worker threads keep the input order', () => {
    const lines = Array.from({ length: 300 }, (_, k) => JSON.stringify({ id: `d${k}`, text: k % 2 ? 'قصف مواقع في تدمر' : 'وصل الوفد إلى حمص' }));
    const r = run(['tag', '-w', '2', '-f', 'jsonl', file('many.jsonl', lines.join('\n') + '\n')]);
    expect(r.code).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(lines.map((_, k) => `d${k}`));
    expect(out[1].entities[0].text).toBe('تدمر');
    expect(out[2].entities[0].text).toBe('حمص');
  });

  test.each([
    ['a missing file', () => [join(dir, 'nope.txt')], 'no such file'],
    ['a directory', () => [dir], 'is a directory'],
    ['invalid UTF-8', () => [file('bad.txt', Buffer.from([0xd8, 0xaa, 0xff, 0xfe, 0x0a]))], 'invalid UTF-8'],
  ])('%s exits 2 with one line', (_name, args, message) => {
    const r = run(['tag', ...args()]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test('an empty file is fine', () => {
    expect(run(['tag', '-f', 'jsonl', file('empty.txt', '')])).toMatchObject({ code: 0 });
  });

  test('bad usage exits 1', () => {
    expect(run(['tag', '-f', 'xml']).code).toBe(1);
    expect(run(['frobnicate']).code).toBe(1);
    expect(run(['translit', 'تدمر', '--scheme', 'klingon']).code).toBe(1);
  });

  test('conll, brat and html formats', () => {
    const p = file('x.txt', 'قصف مواقع بتدمر\n');
    expect(run(['tag', '-f', 'conll', p]).out).toContain('بتدمر\tB-LOC');
    expect(run(['tag', '-f', 'brat', p]).out).toMatch(/^T1\tLOC 11 15\tتدمر$/m);
    expect(run(['tag', '-f', 'html', p]).out).toContain('<mark class="ent ent-LOC"');
  });

  test('--gazetteer adds your own names; a bad line exits 2 naming file and line', () => {
    const header = 'id\tlabel\tar\tar_variants\ten\ten_aliases\tfacts';
    const good = file('mine.tsv', `${header}\nper:x-abu-test\tPER\tأبو فلان الفلاني\t\tAbu Fulan\t\t\n`);
    const r = run(['tag', '-f', 'jsonl', '-g', good, '-'], 'وقال أبو فلان الفلاني إن الهجوم فشل\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).entities).toContainEqual(expect.objectContaining({ text: 'أبو فلان الفلاني', id: 'per:x-abu-test', label: 'PER' }));
    const bad = file('bad.tsv', `${header}\nper:x-2\tPERSON\tفلان\t\tX\t\t\n`);
    const b = run(['tag', '-g', bad, '-'], 'نص\n');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/bad\.tsv:2: label must be one of/);
  });

  test('lookup and translit', () => {
    expect(run(['lookup', 'Palmyra']).out).toContain('تدمر');
    expect(run(['translit', '--scheme', 'buckwalter', 'تدمر']).out.trim()).toBe('tdmr');
  });

  test('bench prints the table and the speed', () => {
    const r = run(['bench', '--seconds', '0.2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ALL\s+310/);
    expect(r.out).toContain("policy 'fill'");
    expect(r.out).not.toContain("policy 'only'");
    expect(r.out).toContain('tokens/s');
  });

  test('bench on CoNLL/BIO gold (ANERcorp format) scores whole tokens, one sentence at a time', () => {
    // written for this test: للأمم المتحدة is one ORG of whole tokens with its proclitic; MISC is left out
    const gold = file(
      'gold.txt',
      ['قال O', 'بان B-PERS', 'كي I-PERS', 'مون I-PERS', 'في O', 'دمشق B-LOC', 'إن O', 'للأمم B-ORG', 'المتحدة I-ORG', 'دورا O', '', 'زار O', 'بغداد B-LOC', 'يوم O', 'العيد B-MISC', ''].join('\n'),
    );
    const r = run(['bench', '--gold', gold, '--model', 'fill', '--seconds', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CoNLL scoring');
    expect(r.out).toContain("policy 'fill'");
    expect(r.out).toMatch(/LOC\s+2 \|\s+100\.0\s+100\.0\s+100\.0/);
    expect(r.out).toMatch(/ORG\s+1 \|\s+100\.0\s+100\.0\s+100\.0/);
    expect(r.out).not.toMatch(/MISC/);
    expect(r.out).toContain('2 documents');
    // with no --model, CoNLL gold is scored first with the model alone (ANERcorp's conventions), then with 'fill'
    const d = run(['bench', '--gold', gold, '--seconds', '0']);
    expect(d.code).toBe(0);
    expect(d.out.indexOf("policy 'only'")).toBeGreaterThan(0);
    expect(d.out.indexOf("policy 'fill'")).toBeGreaterThan(d.out.indexOf("policy 'only'"));
    expect(run(['bench', '--model', 'everything'])).toMatchObject({ code: 1 });
  });

  test('tag --model only: the spans of the model alone', () => {
    const r = run(['tag', '-f', 'jsonl', '--model', 'only'], 'وقال الرئيس الأمريكي جورج بوش في واشنطن\n');
    expect(r.code).toBe(0);
    const entities = JSON.parse(r.out.trim()).entities as Array<{ text: string; source: string }>;
    expect(entities.map((e) => [e.text, e.source])).toEqual([['جورج بوش', 'model'], ['واشنطن', 'model']]);
  });
});

test('the CommonJS build without its data file says what is missing and what to do', () => {
  const lonely = mkdtempSync(join(tmpdir(), 'arabic-ner-lonely-'));
  copyFileSync(join(__dirname, '..', 'dist', 'index.js'), join(lonely, 'index.js'));
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(lonely, 'index.js'))})`], { encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/arabic-ner: cannot read its data file .*data\.bin \(ENOENT\).*copy it next to the bundle or use the ESM build/);
});

test("Node's ESM entry exports what the inline ESM build exports, and `import 'arabic-ner'` in Node takes it", () => {
  const dist = join(__dirname, '..', 'dist');
  const code = `
    const node = await import(${JSON.stringify(join(dist, 'index.node.mjs'))});
    const inline = await import(${JSON.stringify(join(dist, 'index.mjs'))});
    const byName = await import('arabic-ner');
    console.log(JSON.stringify({ node: Object.keys(node).sort(), inline: Object.keys(inline).sort(), same: byName.tag === node.tag, entities: byName.tag('زار الوفد تدمر').entities.map((e) => e.text) }));`;
  // run from the project, so 'arabic-ner' resolves to this package through its own "exports"
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: join(__dirname, '..') });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(out.node).toEqual(out.inline);
  expect(out.node).toContain('tag');
  expect(out.same).toBe(true);
  expect(out.entities).toEqual(['تدمر']);
});
