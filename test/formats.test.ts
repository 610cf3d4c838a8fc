import { createGazetteer, createTagger, readBrat, readConll, toBrat, toConll, toHTML, toPretty, toSpacy, parseGoldJsonl, bioTags } from '../lib/index';
import { splitGoldLines } from '../lib/eval/gold';

const gazetteer = createGazetteer(
  [
    { id: 'loc:palmyra', label: 'LOC', ar: 'تدمر', en: 'Palmyra' },
    { id: 'loc:homs', label: 'LOC', ar: 'حمص', en: 'Homs' },
    { id: 'org:isis', label: 'ORG', ar: 'داعش', en: 'Islamic State' },
    { id: 'org:coalition', label: 'ORG', ar: 'التحالف الدولي', en: 'International Coalition' },
  ],
  { builtin: false },
);
const tagger = createTagger({ gazetteer, rules: false, model: 'off' });
const TEXT = 'قصف التحالف الدولي مواقع لداعش بتدمر.\nوعاد إلى حمص.';
const doc = tagger.tag(TEXT);

test('the doc under test has its entities', () => {
  expect(doc.entities.map((e) => [e.label, e.text])).toEqual([['ORG', 'التحالف الدولي'], ['ORG', 'داعش'], ['LOC', 'تدمر'], ['LOC', 'حمص']]);
});

describe('CoNLL / BIO', () => {
  test('whole-token tags with the clitic rule: بتدمر is B-LOC', () => {
    const conll = toConll(doc);
    expect(conll).toContain('بتدمر\tB-LOC');
    expect(conll).toContain('لداعش\tB-ORG');
    expect(conll).toContain('التحالف\tB-ORG\nالدولي\tI-ORG');
    expect(conll.split('\n\n')).toHaveLength(3); // two sentences and the final newline
  });

  test('round trip against the original text: the same entities, as whole tokens', () => {
    const back = readConll(toConll(doc), { text: TEXT });
    expect(back.entities.map((e) => [e.label, e.text])).toEqual([['ORG', 'التحالف الدولي'], ['ORG', 'لداعش'], ['LOC', 'بتدمر'], ['LOC', 'حمص']]);
    for (const e of back.entities) expect(TEXT.slice(e.start, e.end)).toBe(e.text);
  });

  test('conlleval rules: I- after O starts an entity, a type change ends one', () => {
    const g = readConll('a I-LOC\nb I-LOC\nc I-ORG\nd O\ne B-PER\nf I-PER\n');
    expect(g.entities.map((e) => [e.label, e.text])).toEqual([['LOC', 'a b'], ['ORG', 'c'], ['PER', 'e f']]);
  });

  test('bad lines name the file and line', () => {
    expect(() => readConll('a O\nb X-LOC\n', { file: 'x.conll' })).toThrow('x.conll:2: invalid BIO tag');
    expect(() => readConll('a O\nzzz O\n', { file: 'x.conll', text: 'a b' })).toThrow('x.conll:2: token "zzz" not found');
  });

  test('bioTags gives one tag a token', () => expect(bioTags(doc)).toHaveLength(doc.tokens.length));
});

describe('BRAT', () => {
  test('round trip gives the same entities', () => {
    const ann = toBrat(doc.text, doc.entities);
    expect(ann.split('\n')[0]).toBe(`T1\tORG ${doc.entities[0].start} ${doc.entities[0].end}\tالتحالف الدولي`);
    const back = readBrat(doc.text, ann);
    expect(back.entities.map(({ start, end, label }) => ({ start, end, label }))).toEqual(doc.entities.map(({ start, end, label }) => ({ start, end, label })));
  });
  test('a span outside the text or a wrong surface is an error with file and line', () => {
    expect(() => readBrat('تدمر', 'T1\tLOC 0 9\tتدمر', 'a.ann')).toThrow('a.ann:1: span [0, 9) is outside');
    expect(() => readBrat('تدمر', 'T1\tLOC 0 4\tحمص', 'a.ann')).toThrow('a.ann:1: annotation text');
  });
});

describe('JSON', () => {
  test('gold JSONL round trip', () => {
    const line = JSON.stringify({ id: 'x', text: doc.text, entities: doc.entities.map(({ start, end, label, text }) => ({ start, end, label, text })) });
    const [back] = parseGoldJsonl(line);
    expect(back.entities.map((e) => e.text)).toEqual(doc.entities.map((e) => e.text));
  });
  test('spaCy shape', () => {
    expect(toSpacy(doc).ents[2]).toEqual({ start: doc.entities[2].start, end: doc.entities[2].end, label: 'LOC' });
  });
  test('gold errors name the line', () => {
    expect(() => parseGoldJsonl('{"text":"abc","entities":[{"start":0,"end":2,"label":"LOC","text":"xx"}]}', 'g.jsonl')).toThrow('g.jsonl:1: entities[0] text "xx" does not match');
    expect(() => parseGoldJsonl('{"text":"abc"}\n{bad', 'g.jsonl')).toThrow('g.jsonl:2: invalid JSON');
  });
});

describe('HTML and pretty', () => {
  test('escapes everything from the text', () => {
    const d = tagger.tag('<script>alert("x")</script> في تدمر & حمص');
    const html = toHTML(d);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp;');
    expect(html).toContain('title="Palmyra · loc:palmyra"');
    expect(html.match(/<mark /g)).toHaveLength(2);
    expect(toHTML(d, { page: true })).toMatch(/^<!doctype html>[\s\S]*dir="rtl"/);
  });
  test('pretty without colour has no escape codes and lists every entity', () => {
    const p = toPretty(doc, false);
    expect(p).not.toContain('\x1b[');
    expect(p).toContain('[تدمر]');
    expect(p.trim().split('\n').slice(-4)).toHaveLength(4);
    expect(toPretty(doc, true)).toContain('\x1b[44;97m');
  });
});

test('splitGoldLines: one document a sentence, offsets relative to it', () => {
  const doc = readConll('زار O\nدمشق B-LOC\n\nثم O\nبغداد B-LOC\nأمس O\n');
  const [a, b] = splitGoldLines(doc);
  expect(a).toMatchObject({ text: 'زار دمشق', entities: [{ start: 4, end: 8, label: 'LOC', text: 'دمشق' }] });
  expect(b.text.slice(b.entities[0].start, b.entities[0].end)).toBe('بغداد');
  expect(() => splitGoldLines({ id: 'x', text: 'أ\nب', entities: [{ start: 0, end: 3, label: 'LOC', text: 'أ\nب' }] })).toThrow(/crosses a line break/);
});
