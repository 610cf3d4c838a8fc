/**
 * The gazetteer: entries indexed for tagging (a hash over the match keys of each name's words, longest phrase
 * first) and for lookup across scripts (Arabic keys, Latin keys, phonetic skeletons, romanised Arabic), with an edit
 * distance (fast-levenshtein) for spelling variants and typos.
 *
 * All indexes are Maps, and entry facts are null-prototype objects: a name or id such as `__proto__` is plain data.
 */
import levenshtein from 'fast-levenshtein';
import { builtin } from '../data';
import { argTypeError, argValueError, rejectUnknownOptions, requireOptions, requireString } from '../errors';
import { isLabel, type Label } from '../labels';
import { matchKey } from '../normalize';
import { romanize } from '../translit/romanize';
import { entryProblem, toEntry, type EntryInput, type GazetteerEntry } from './entry';
import { latinKey, nameWords, phoneticKey, stripArticle } from './keys';
import { scan } from '../tokens';
import { defaultLexicon } from '../lexicon';

export type { GazetteerEntry, EntryInput } from './entry';

/** A phrase of the tagging index: the match keys of one name's words, and the entries that bear that name. */
export interface Phrase {
  keys: string[];
  /** entry indexes, best first (curated before generated, then by population) */
  entries: number[];
}

export type MatchKind = 'exact' | 'clitic' | 'joined' | 'latin' | 'phonetic' | 'romanized' | 'fuzzy';

export interface LookupResult {
  entry: GazetteerEntry;
  /** 1 for an exact name, less for clitic-stripped, phonetic and fuzzy matches */
  score: number;
  /** the entry's name that matched */
  name: string;
  how: MatchKind;
}

export interface LookupOptions {
  /** how many results at most (default 5) */
  limit?: number;
  /** only these labels */
  labels?: Label[];
  /** allow spelling variants and typos by edit distance (default true) */
  fuzzy?: boolean;
}

export interface CreateGazetteerOptions {
  /** start from the built-in entries (default true); false starts empty */
  builtin?: boolean;
}

interface LatinIndex {
  latin: Map<string, number[]>;
  phonetic: Map<string, number[]>;
  /** every phonetic key with its entries, for fuzzy search */
  phoneticKeys: string[];
}

interface ArabicFuzzyIndex {
  /** full-name keys (article stripped), for edit distance */
  keys: string[];
  /** first words of multi-word names (article stripped) */
  heads: Map<string, number[]>;
}

const ARABIC = /[\u0600-\u06FF]/;
const editDistance = (a: string, b: string): number => levenshtein.get(a, b);
const RANK: Record<MatchKind, number> = { exact: 1, joined: 0.95, clitic: 0.95, latin: 1, phonetic: 0.85, romanized: 0.7, fuzzy: 0.8 };

export class Gazetteer {
  private readonly entries: GazetteerEntry[] = [];
  private readonly priority: number[] = [];
  private readonly byId = new Map<string, number>();
  /** full key of a name (words joined by a space) → phrase */
  private readonly phrases = new Map<string, Phrase>();
  /** first word key → phrases opening with it, longest first */
  private readonly byFirst = new Map<string, Phrase[]>();
  /** glued key of a multi-word name (دير الزور → ديرالزور) → phrase */
  private readonly glued = new Map<string, Phrase>();
  private readonly stopNames: Set<string>;
  /** article-less keys of every word of every Arabic name: they rank clitic analyses (see lib/clitics.ts) */
  private readonly nameStems = new Set<string>();
  private latinIndex: LatinIndex | null = null;
  private fuzzyIndex: ArabicFuzzyIndex | null = null;
  private surnames: Map<string, number> | null = null;

  /** @internal use `createGazetteer` */
  constructor(stopNames: Iterable<string> = []) {
    this.stopNames = new Set([...stopNames].map((s) => matchKey(s)));
  }

  /** How many entries. */
  get size(): number {
    return this.entries.length;
  }

  /** The entry with this id, if any. */
  get(id: string): GazetteerEntry | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[i];
  }

  /** Every entry, in the order added. */
  [Symbol.iterator](): IterableIterator<GazetteerEntry> {
    return this.entries[Symbol.iterator]();
  }

  /**
   * Adds entries (validated: a bad one throws a TypeError naming it and its problem, and nothing of the call is
   * added). An entry whose id is already present replaces nothing: it throws.
   */
  add(...inputs: EntryInput[]): this {
    const checked: GazetteerEntry[] = [];
    const ids = new Set<string>();
    inputs.forEach((input, i) => {
      const problem = entryProblem(input);
      if (problem) throw new TypeError(`gazetteer.add: entries[${i}] (id ${JSON.stringify((input as EntryInput | null)?.id)}): ${problem}`);
      if (this.byId.has(input.id) || ids.has(input.id)) throw argValueError('gazetteer.add', `entries[${i}]`, `has the id '${input.id}', which is already in the gazetteer`);
      ids.add(input.id);
      checked.push(toEntry(input));
    });
    for (const e of checked) this.insert(e);
    return this;
  }

  /** @internal adds an entry known to be valid and indexes its names */
  insert(e: GazetteerEntry): void {
    const index = this.register(e);
    for (const name of [e.ar, ...e.arVariants]) if (name) this.indexName(name, index, true);
    if (e.facts.source === undefined) for (const name of [e.en, ...e.enAliases]) if (name && name.length >= 4) this.indexName(name, index, false);
    this.latinIndex = null;
    this.fuzzyIndex = null;
    this.surnames = null;
  }

  /** Adds an entry to the list, the id map and the priorities; returns its index. */
  private register(e: GazetteerEntry): number {
    const index = this.entries.length;
    this.entries.push(e);
    this.byId.set(e.id, index);
    const generated = e.facts.source !== undefined;
    const population = Number(e.facts.population) || 0;
    // curated before generated; then settlements before the district or governorate of the same name; then population
    const settlement = e.facts.type === 'capital' || e.facts.type === 'city' || e.facts.type === 'country' ? 2e9 : e.facts.type === 'town' ? 1e9 : 0;
    this.priority.push((generated ? 0 : 1e10) + settlement + population);
    return index;
  }

  /**
   * @internal The phrase index in compact form, for the build: one `key key…<TAB>entry,entry…` line a phrase, the
   * phrases of each first word longest first, entries best first (indexes in insertion order).
   */
  exportIndex(): string {
    const lines: string[] = [];
    for (const list of this.byFirst.values()) for (const p of list) lines.push(`${p.keys.join(' ')}\t${p.entries.join(',')}`);
    return lines.join('\n');
  }

  /** @internal Registers entries and takes their phrase index as `exportIndex` wrote it (the built-in data). */
  loadCompiled(entries: readonly GazetteerEntry[], index: string): void {
    for (const e of entries) this.register(e);
    const multi: Phrase[] = [];
    for (const line of index ? index.split('\n') : []) {
      const tab = line.indexOf('\t');
      const full = line.slice(0, tab);
      const keys = full.split(' ');
      const phrase: Phrase = { keys, entries: line.slice(tab + 1).split(',').map(Number) };
      this.phrases.set(full, phrase);
      const list = this.byFirst.get(keys[0]);
      if (list) list.push(phrase);
      else this.byFirst.set(keys[0], [phrase]);
      if (ARABIC.test(full)) {
        for (const k of keys) this.nameStems.add(stripArticle(k));
        if (keys.length > 1) multi.push(phrase);
      }
    }
    for (const p of multi) {
      const g = p.keys.join('');
      if (!this.glued.has(g) && !this.phrases.has(g)) this.glued.set(g, p);
    }
    this.latinIndex = null;
    this.fuzzyIndex = null;
  }

  private indexName(name: string, index: number, arabic: boolean): void {
    const keys = nameWords(name);
    if (keys.length === 0) return;
    if (keys.length === 1 && (this.stopNames.has(keys[0]) || this.stopNames.has(stripArticle(keys[0])))) return;
    if (arabic && keys.length === 1 && stripArticle(keys[0]).length < 2) return;
    if (arabic) for (const k of keys) this.nameStems.add(stripArticle(k));
    const full = keys.join(' ');
    let phrase = this.phrases.get(full);
    if (!phrase) {
      phrase = { keys, entries: [] };
      this.phrases.set(full, phrase);
      const list = this.byFirst.get(keys[0]);
      if (list) {
        // keep longest first: insert before the first shorter phrase
        let at = list.length;
        while (at > 0 && list[at - 1].keys.length < keys.length) at--;
        list.splice(at, 0, phrase);
      } else this.byFirst.set(keys[0], [phrase]);
      if (keys.length > 1 && arabic) {
        const g = keys.join('');
        if (!this.glued.has(g) && !this.phrases.has(g)) this.glued.set(g, phrase);
      }
    }
    if (!phrase.entries.includes(index)) {
      // keep best first: insert before the first entry of lower priority
      const list = phrase.entries;
      let at = list.length;
      while (at > 0 && this.priority[list[at - 1]] < this.priority[index]) at--;
      list.splice(at, 0, index);
    }
  }

  /**
   * @internal The best person whose Arabic name (of two words or more) ends with this word key: الأسد → بشار الأسد.
   */
  personBySurname(key: string): number | undefined {
    if (!this.surnames) {
      this.surnames = new Map();
      this.entries.forEach((e, i) => {
        if (e.label !== 'PER') return;
        for (const name of [e.ar, ...e.arVariants]) {
          const words = name ? nameWords(name) : [];
          const last = words[words.length - 1];
          if (words.length >= 2 && last.length >= 3) {
            const prev = this.surnames!.get(last);
            if (prev === undefined || this.priority[i] > this.priority[prev]) this.surnames!.set(last, i);
          }
        }
      });
    }
    return this.surnames.get(key);
  }

  /** @internal is this article-less word key part of an Arabic name here? */
  hasStem(key: string): boolean {
    return this.nameStems.has(key);
  }

  /** @internal phrases that open with this word key, longest first */
  phrasesFrom(key: string): readonly Phrase[] | undefined {
    return this.byFirst.get(key);
  }

  /** @internal the phrase of a multi-word name written as one word (ديرالزور) */
  gluedPhrase(key: string): Phrase | undefined {
    return this.glued.get(key);
  }

  /** @internal the entry at an index */
  entryAt(i: number): GazetteerEntry {
    return this.entries[i];
  }

  /**
   * Finds entries by a name in either script, ranked by score: exact names first, then a name behind proclitics
   * (بتدمر), a multi-word name written as one word (ديرالزور), Latin names and their phonetic skeletons (Townshend →
   * Townsend), romanised Arabic names (for entries with no Latin name) and edit-distance matches on Arabic keys
   * (تاونزند → تاونسند).
   *
   * @example lookup('Palmyra')[0].entry.ar // 'تدمر'
   */
  lookup(query: string, options?: LookupOptions): LookupResult[] {
    requireString('lookup', 'query', query);
    requireOptions('lookup', options);
    rejectUnknownOptions('lookup', options, ['limit', 'labels', 'fuzzy']);
    const limit = options?.limit ?? 5;
    if (!Number.isInteger(limit) || limit < 1) throw argValueError('lookup', 'options.limit', `must be a positive integer, got ${String(limit)}`);
    const labels = options?.labels;
    if (labels !== undefined && (!Array.isArray(labels) || !labels.every(isLabel))) throw argTypeError('lookup', 'options.labels', 'an array of PER, LOC, ORG, UNIT', labels);
    const fuzzy = options?.fuzzy ?? true;
    const q = query.trim();
    if (!q) return [];

    const best = new Map<number, LookupResult>();
    const offer = (entries: readonly number[], how: MatchKind, name: string, quality = 1) => {
      for (const i of entries) {
        const entry = this.entries[i];
        if (labels && !labels.includes(entry.label)) continue;
        const score = Math.round(RANK[how] * quality * 1000) / 1000;
        const prev = best.get(i);
        if (!prev || prev.score < score) best.set(i, { entry, score, name, how });
      }
    };

    if (ARABIC.test(q)) this.lookupArabic(q, fuzzy, offer);
    else this.lookupLatin(q, fuzzy, offer);

    return [...best.values()]
      .sort((a, b) => b.score - a.score || this.priority[this.byId.get(b.entry.id)!] - this.priority[this.byId.get(a.entry.id)!])
      .slice(0, limit);
  }

  private lookupArabic(q: string, fuzzy: boolean, offer: (e: readonly number[], how: MatchKind, name: string, quality?: number) => void): void {
    const tokens = scan(q, defaultLexicon());
    const keys = tokens.map((t) => t.norm);
    const full = keys.join(' ');
    const hit = this.phrases.get(full);
    if (hit) offer(hit.entries, 'exact', q);
    const glued = this.glued.get(keys.join(''));
    if (glued) offer(glued.entries, 'joined', q);
    // behind proclitics: every analysis of the first word
    for (const a of tokens[0]?.analyses ?? []) {
      if (a.proclitics.length === 0) continue;
      const p = this.phrases.get([a.norm, ...keys.slice(1)].join(' '));
      if (p) offer(p.entries, 'clitic', q, a.score >= 1.5 ? 1 : 0.95);
    }
    // a name with the article the query lacks, or without the article the query has
    const bare = keys.map((k, i) => (i === 0 ? stripArticle(k) : k)).join(' ');
    for (const alt of [bare, 'ال' + bare]) {
      const p = alt !== full ? this.phrases.get(alt) : undefined;
      if (p) offer(p.entries, 'exact', q, 0.9);
    }
    // romanised: entries known only by a Latin name
    const latin = this.latin();
    const ph = phoneticKey(romanize(q));
    if (ph.length >= 3) {
      const e = latin.phonetic.get(ph);
      if (e) offer(e, 'romanized', q);
      if (fuzzy && ph.length >= 4) this.nearPhonetic(ph, (entries, k, quality) => offer(entries, 'romanized', k, quality));
    }
    if (!fuzzy) return;
    const fz = this.fuzzy();
    const target = keys.map(stripArticle).join(' ');
    const max = target.length < 8 ? 1 : 2;
    if (target.length >= 4) {
      for (const k of fz.keys) {
        if (Math.abs(k.length - target.length) > max) continue;
        const d = editDistance(k, target);
        if (d === 0 || d > max) continue;
        const p = this.phrases.get(k) ?? this.phrases.get(this.withArticle(k));
        if (p) offer(p.entries, 'fuzzy', k, 1 - d / Math.max(k.length, target.length));
      }
      if (keys.length === 1) {
        // a single word against the first word of longer names (التظيم → تنظيم الدولة), at half weight
        for (const [head, entries] of fz.heads) {
          if (Math.abs(head.length - target.length) > 1) continue;
          const d = editDistance(head, target);
          if (d <= 1) offer(entries, 'fuzzy', head, 0.5 * (1 - d / Math.max(head.length, target.length)));
        }
      }
    }
  }

  private withArticle(k: string): string {
    return 'ال' + k;
  }

  private lookupLatin(q: string, fuzzy: boolean, offer: (e: readonly number[], how: MatchKind, name: string, quality?: number) => void): void {
    const idx = this.latin();
    const lk = latinKey(q);
    const exact = idx.latin.get(lk);
    if (exact) offer(exact, 'latin', q);
    const ph = phoneticKey(q);
    if (!ph) return;
    const pe = idx.phonetic.get(ph);
    if (pe) offer(pe, 'phonetic', q);
    if (!fuzzy || ph.length < 4) return;
    this.nearPhonetic(ph, (entries, k, quality) => offer(entries, 'phonetic', k, quality));
  }

  /** Phonetic keys one edit away from `ph`, with a quality that falls with the key's shortness. */
  private nearPhonetic(ph: string, found: (entries: readonly number[], key: string, quality: number) => void): void {
    const idx = this.latin();
    for (const k of idx.phoneticKeys) {
      if (Math.abs(k.length - ph.length) > 1) continue;
      if (editDistance(k, ph) === 1) found(idx.phonetic.get(k)!, k, 0.85 * (1 - 1 / Math.max(k.length, ph.length)));
    }
  }

  /** The Latin and phonetic indexes, built on first use (tagging never needs them). */
  private latin(): LatinIndex {
    if (this.latinIndex) return this.latinIndex;
    const latin = new Map<string, number[]>();
    const phonetic = new Map<string, number[]>();
    const push = (m: Map<string, number[]>, k: string, i: number) => {
      if (!k) return;
      const list = m.get(k);
      if (!list) m.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    this.entries.forEach((e, i) => {
      const names = [e.en, ...e.enAliases].filter(Boolean);
      if (names.length === 0 && e.ar) names.push(romanize(e.ar));
      for (const n of names) {
        push(latin, latinKey(n), i);
        push(phonetic, phoneticKey(n), i);
      }
    });
    this.latinIndex = { latin, phonetic, phoneticKeys: [...phonetic.keys()] };
    return this.latinIndex;
  }

  private fuzzy(): ArabicFuzzyIndex {
    if (this.fuzzyIndex) return this.fuzzyIndex;
    const keys: string[] = [];
    const heads = new Map<string, number[]>();
    for (const [full, phrase] of this.phrases) {
      if (!ARABIC.test(full)) continue;
      const bare = phrase.keys.map((k, i) => (i === 0 ? stripArticle(k) : k)).join(' ');
      keys.push(bare);
      if (phrase.keys.length > 1) {
        const h = stripArticle(phrase.keys[0]);
        if (h.length >= 4) heads.set(h, [...(heads.get(h) ?? []), ...phrase.entries]);
      }
    }
    this.fuzzyIndex = { keys, heads };
    return this.fuzzyIndex;
  }
}

let builtinGazetteer: Gazetteer | null = null;

/** The built-in gazetteer, parsed on first use and shared. */
export function defaultGazetteer(): Gazetteer {
  if (!builtinGazetteer) {
    builtinGazetteer = new Gazetteer(builtin.lexicon.stopNames);
    loadBuiltin(builtinGazetteer);
  }
  return builtinGazetteer;
}

let builtinEntries: GazetteerEntry[] | null = null;

/** The built-in entries, parsed once (the rows compile-data wrote: TSV without header). */
function parseBuiltinEntries(): GazetteerEntry[] {
  if (builtinEntries) return builtinEntries;
  builtinEntries = [];
  for (const line of builtin.gazetteer ? builtin.gazetteer.split('\n') : []) {
    const [id, label, ar, arv, en, ena, facts] = line.split('\t');
    const f: Record<string, string> = Object.create(null);
    if (facts) for (const pair of facts.split(';')) {
      const eq = pair.indexOf('=');
      f[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    builtinEntries.push({ id, label: label as Label, ar, arVariants: arv ? arv.split('|') : [], en, enAliases: ena ? ena.split('|') : [], facts: f });
  }
  return builtinEntries;
}

function loadBuiltin(g: Gazetteer): void {
  g.loadCompiled(parseBuiltinEntries(), builtin.phrases);
}

/**
 * A new gazetteer: the built-in entries (unless `{ builtin: false }`) plus `entries`. Entries are validated; a bad one
 * throws a TypeError naming it.
 */
export function createGazetteer(entries: Iterable<EntryInput> = [], options?: CreateGazetteerOptions): Gazetteer {
  if (entries === null || typeof (entries as Iterable<EntryInput>)[Symbol.iterator] !== 'function') throw argTypeError('createGazetteer', 'entries', 'an iterable of entries', entries);
  requireOptions('createGazetteer', options);
  rejectUnknownOptions('createGazetteer', options, ['builtin']);
  const g = new Gazetteer(builtin.lexicon.stopNames);
  if (options?.builtin ?? true) loadBuiltin(g);
  g.add(...entries);
  return g;
}

/** Looks a name up in the built-in gazetteer (see `Gazetteer.lookup`). */
export function lookup(query: string, options?: LookupOptions): LookupResult[] {
  return defaultGazetteer().lookup(query, options);
}
