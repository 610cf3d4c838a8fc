/**
 * The word lists the context rules read (gazetteers/lexicon/*), as Maps and Sets keyed by match key, built once on
 * first use; the 15 K person-name words are a `KeySet` searched in place (lib/keyset.ts). Multi-word triggers
 * (الفريق أول، المتحدث باسم) are keyed by their words joined with a space.
 */
import { builtin, type LexiconRow } from '../data';
import { unpackArray } from '../packed';
import { KeySet } from '../keyset';
import { nameWords, stripArticle } from '../gazetteer/keys';
import { formOf, readings, type Token } from '../tokens';

export interface Trigger {
  /** the match keys of the trigger's words */
  keys: string[];
  en: string;
  /** titles: rank | title | role; descriptors: inside | outside; force nouns: force | party; modifiers: branch | specialty */
  kind: string;
  /** titles: only a known name word may follow (the trigger is also an everyday word: الفريق "the team") */
  nameOnly?: boolean;
  /** written with آ (آمر): matches only a word written with آ (not أمر) */
  madda?: boolean;
}

export interface Nationality {
  country: string;
  en: string;
}

export interface RuleLexicons {
  /** titles, ranks and roles that introduce a person, by first word key; longest first */
  titles: Map<string, Trigger[]>;
  placeDescriptors: Map<string, Trigger[]>;
  orgDescriptors: Map<string, Trigger[]>;
  /** force nouns and party identifiers, by key with and without the article */
  forces: Map<string, Trigger>;
  modifiers: Map<string, Trigger>;
  /** nouns of weapons, vehicles and craft (طائرة، صواريخ، طراز), keys with and without the article: what follows names a product */
  equipment: Set<string>;
  /** every key that opens a title, a descriptor or a force noun: one lookup tells a word that opens none */
  triggerWords: Set<string>;
  /** nationality adjectives (masc, fem, plural; with and without the article) → country */
  nationalities: Map<string, Nationality>;
  /** person-name words; `commonNames` are also everyday words */
  personNames: KeySet;
  commonNames: Set<string>;
  /** frequent words that are (nearly) never names */
  commonWords: Set<string>;
}

let cached: RuleLexicons | null = null;

/**
 * Triggers by the key of their first word, longest first. A bare first word (رئيس) also stands for the word with the
 * article (الرئيس) unless the article form has entries of its own; so one `get` of a word's key finds its triggers.
 */
function byFirstWord(rows: LexiconRow[], kindOf: (r: LexiconRow) => string): Map<string, Trigger[]> {
  const m = new Map<string, Trigger[]>();
  for (const r of rows) {
    if (!r.ar) continue;
    const keys = nameWords(r.ar);
    if (!keys.length) continue;
    const t: Trigger = { keys, en: r.en ?? '', kind: kindOf(r) };
    if (r.follows === 'name') t.nameOnly = true;
    if (r.ar.startsWith('آ')) t.madda = true;
    const list = m.get(keys[0]) ?? [];
    if (!list.some((x) => x.keys.join(' ') === t.keys.join(' '))) list.push(t);
    list.sort((a, b) => b.keys.length - a.keys.length);
    m.set(keys[0], list);
  }
  for (const [k, list] of [...m]) {
    if (k.startsWith('ال')) continue;
    const withArticle = 'ال' + k;
    if (!m.has(withArticle)) m.set(withArticle, list.map((t) => ({ ...t, keys: [withArticle, ...t.keys.slice(1)] })));
  }
  return m;
}

/** One-word entries keyed by their key, with and without the article. */
function byWord(rows: LexiconRow[], kindOf: (r: LexiconRow) => string): Map<string, Trigger> {
  const m = new Map<string, Trigger>();
  for (const r of rows) {
    if (!r.ar) continue;
    const keys = nameWords(r.ar);
    if (keys.length !== 1) continue;
    const t: Trigger = { keys, en: r.en ?? '', kind: kindOf(r) };
    for (const k of [keys[0], stripArticle(keys[0]), 'ال' + stripArticle(keys[0])]) if (!m.has(k)) m.set(k, t);
  }
  return m;
}

export function ruleLexicons(): RuleLexicons {
  if (cached) return cached;
  const lx = builtin.lexicon;
  const nationalities = new Map<string, Nationality>();
  for (const r of lx.nationalities) {
    const n: Nationality = { country: r.country, en: r.en };
    for (const col of ['masc', 'fem', 'plural']) {
      for (const form of (r[col] ?? '').split('|')) {
        if (!form) continue;
        const [k] = nameWords(form);
        if (!k) continue;
        const bare = stripArticle(k);
        for (const key of [bare, 'ال' + bare]) if (!nationalities.has(key)) nationalities.set(key, n);
      }
    }
  }
  const personNames = new KeySet(lx.personNames, unpackArray(lx.personNameSlots));
  const commonNames = new Set(lx.commonNames ? lx.commonNames.split('\n') : []);
  const inside = (r: LexiconRow) => (r.inside === 'yes' ? 'inside' : 'outside');
  const titles = byFirstWord(lx.titles, (r) => r.kind);
  const placeDescriptors = byFirstWord(lx.placeDescriptors, inside);
  const orgDescriptors = byFirstWord(lx.orgDescriptors, inside);
  const forces = byWord(lx.forceNouns, (r) => r.kind || 'force');
  cached = {
    titles,
    placeDescriptors,
    orgDescriptors,
    forces,
    triggerWords: new Set([...titles.keys(), ...placeDescriptors.keys(), ...orgDescriptors.keys(), ...forces.keys()]),
    modifiers: byWord(lx.forceModifiers, (r) => r.kind || 'branch'),
    equipment: new Set(byWord(lx.equipment, () => 'equipment').keys()),
    nationalities,
    personNames,
    commonNames,
    commonWords: new Set(lx.commonWords ? lx.commonWords.split('\n') : []),
  };
  return cached;
}

/**
 * Is this word key a one-word descriptor that stays outside the name after it (مدينة، قرية، تنظيم …)? With the article
 * it is not (البادية in البادية السورية is part of the name). `org` adds the organisation descriptors to the places'.
 */
export function isOutsideDescriptor(lex: RuleLexicons, key: string, org = false): boolean {
  if (key.startsWith('ال')) return false;
  const outside = (list: Trigger[] | undefined) => list?.some((t) => t.keys.length === 1 && t.kind === 'outside') ?? false;
  return outside(lex.placeDescriptors.get(key)) || (org && outside(lex.orgDescriptors.get(key)));
}

/** Do the words of a trigger after its first (which the caller matched against token i) follow token i? */
export function triggerFollows(tokens: readonly Token[], i: number, keys: readonly string[]): boolean {
  if (i + keys.length > tokens.length) return false;
  for (let k = 1; k < keys.length; k++) if (tokens[i + k].norm !== keys[k]) return false;
  return true;
}

/** Does some reading of the token open a title, descriptor or force noun? Kept per word form (the lexicons are fixed). */
export function opensTrigger(t: Token, lex: RuleLexicons): boolean {
  const f = formOf(t);
  if (f && f.opensTrigger !== undefined) return f.opensTrigger;
  let opens = false;
  for (const a of readings(t)) {
    if (lex.triggerWords.has(a.norm)) {
      opens = true;
      break;
    }
  }
  if (f) f.opensTrigger = opens;
  return opens;
}
