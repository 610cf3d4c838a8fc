/**
 * The gazetteer: entries indexed for tagging (a hash over the match keys of each name's words, longest phrase
 * first) and for lookup across scripts (Arabic keys, Latin keys, phonetic skeletons, romanised Arabic), with an edit
 * distance (fast-levenshtein) for spelling variants and typos.
 *
 * All indexes are Maps, and entry facts are null-prototype objects: a name or id such as `__proto__` is plain data.
 */
import type Levenshtein from 'fast-levenshtein';
import { builtin } from '../data';
import { argTypeError, argValueError, rejectUnknownOptions, requireOptions, requireString } from '../errors';
import { isLabel, type Label } from '../labels';
import { matchKey } from '../normalize';
import { romanize } from '../translit/romanize';
import { entryProblem, standsAlone, toEntry, type EntryInput, type GazetteerEntry } from './entry';
import { isGluedProclitic, latinKey, nameWords, phoneticKey, stripArticle } from './keys';
import { byCodeUnits, SortedLines } from './lines';
import { scan } from '../tokens';
import { defaultLexicon } from '../lexicon';

export type { GazetteerEntry, EntryInput } from './entry';

/** A phrase of the tagging index: the match keys of one name's words, and the entries that bear that name. */
export interface Phrase {
  keys: string[];
  /** entry indexes, best first (curated before generated, then by population) */
  entries: number[];
}

/**
 * @internal What a first word opens (see `opener`): its one-word phrases, and by second word the phrases that go on
 * with it (one-word phrases after them). Of the built-in index, a first word met in text is compiled this way: by
 * second word, the line where that word's phrases start (compiled one after another) until a text meets the pair.
 */
export interface Opener {
  readonly first: string;
  /** the one-word phrases, best first */
  readonly singles: readonly Phrase[];
  /** null when the word opens one-word phrases only */
  readonly bySecond: Map<string, number | Phrase[]> | null;
  /** the end of the word's compiled lines (0 for phrases not compiled) */
  readonly to: number;
}

/** @internal The compiled index (`exportIndex`, `loadCompiled`): lines of `key…<TAB>value`, sorted by key. */
export interface CompiledIndex {
  /** `key key…<TAB>entry,entry…`: the phrases; a first word's by second word, then longest first; entries best first */
  phrases: string;
  /** `gluedkey<TAB>phrase line` */
  glued: string;
  /** `key<TAB>labels`: the labels of the multi-word names holding each word */
  wordLabels: string;
  /** `surname<TAB>entry`: the best person whose name of two words or more ends with the word */
  surnames: string;
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
const LABEL_BITS: Record<Label, number> = { PER: 1, LOC: 2, ORG: 4, UNIT: 8 };
/** fast-levenshtein, loaded on the first fuzzy lookup: it builds an `Intl.Collator` when loaded (~4 ms of cold start) */
let levenshtein: typeof Levenshtein | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const editDistance = (a: string, b: string): number => (levenshtein ??= require('fast-levenshtein') as typeof Levenshtein).get(a, b);
const RANK: Record<MatchKind, number> = { exact: 1, joined: 0.95, clitic: 0.95, latin: 1, phonetic: 0.85, romanized: 0.7, fuzzy: 0.8 };

export class Gazetteer {
  /** entries by index; built-in rows are parsed on first use (see `entry`) */
  private readonly entries: Array<GazetteerEntry | undefined> = [];
  /** the raw TSV row of each built-in entry not parsed yet */
  private readonly rows: Array<string | undefined> = [];
  /** ranking of each entry (NaN until computed) */
  private readonly priority: number[] = [];
  /** id → index, complete only once `ids()` has run over the built-in rows */
  private readonly byId = new Map<string, number>();
  private idsComplete = true;
  /** full key of a name (words joined by a space) → phrase */
  private readonly phrases = new Map<string, Phrase>();
  /** first word key → phrases opening with it, longest first (built-in groups parsed on first use) */
  private readonly byFirst = new Map<string, Phrase[]>();
  /** the phrases of a first word of `byFirst` by their second word key, built on use */
  private readonly openers = new Map<string, Opener>();
  /** the compiled first words met whose phrases are not all parsed: their one-word phrases and other lines */
  private readonly groups = new Map<string, Opener>();
  /**
   * The compiled index of the built-in data, read in place (lib/gazetteer/lines.ts) until everything is parsed:
   * phrase lines by first word, glued names (`glued<TAB>phrase line`), word labels (`key<TAB>mask`).
   */
  private phraseLines: SortedLines | null = null;
  private gluedLines: SortedLines | null = null;
  private wordLabelLines: SortedLines | null = null;
  /** glued key of a multi-word name (دير الزور → ديرالزور) → phrase (the compiled ones once read) */
  private readonly glued = new Map<string, Phrase>();
  private readonly stopNames: Set<string>;
  /** article-less keys of the Arabic names' words: they rank clitic analyses (see lib/clitics.ts and `hasStem`) */
  private readonly nameStems = new Set<string>();
  /** the later words of place and organisation names without the article, which may be a glued proclitic (`hasStem`) */
  private readonly laterStems = new Set<string>();
  private latinIndex: LatinIndex | null = null;
  private fuzzyIndex: ArabicFuzzyIndex | null = null;
  /** the best person by surname among the entries added after the compiled ones (all of them when none were) */
  private surnames: Map<string, number> | null = null;
  /** the compiled entries' best person by surname (`surname<TAB>entry` lines), and how many entries were compiled */
  private surnameLines: SortedLines | null = null;
  private compiledCount = 0;
  /** word key → labels of the multi-word Arabic names holding it (bit mask), once the compiled lines are read */
  private readonly labelsOfWord = new Map<string, number>();

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
    const i = this.ids().get(id);
    return i === undefined ? undefined : this.entry(i);
  }

  /** Every entry, in the order added. */
  *[Symbol.iterator](): IterableIterator<GazetteerEntry> {
    for (let i = 0; i < this.entries.length; i++) yield this.entry(i);
  }

  /** The entry at an index, parsing a built-in row on first use. */
  private entry(i: number): GazetteerEntry {
    let e = this.entries[i];
    if (e === undefined) {
      e = parseRow(this.rows[i]!);
      this.entries[i] = e;
      this.rows[i] = undefined;
    }
    return e;
  }

  /** The id map, completed over the built-in rows on first use. */
  private ids(): Map<string, number> {
    if (!this.idsComplete) {
      this.rows.forEach((row, i) => {
        if (row !== undefined) this.byId.set(row.slice(0, row.indexOf('\t')), i);
        else if (this.entries[i]) this.byId.set(this.entries[i]!.id, i);
      });
      this.idsComplete = true;
    }
    return this.byId;
  }

  private prio(i: number): number {
    let p = this.priority[i];
    if (Number.isNaN(p)) {
      const e = this.entry(i);
      const generated = e.facts.source !== undefined;
      const population = Number(e.facts.population) || 0;
      // curated before generated; then settlements before the district or governorate of the same name; then population
      const settlement = e.facts.type === 'capital' || e.facts.type === 'city' || e.facts.type === 'country' ? 2e9 : e.facts.type === 'town' ? 1e9 : 0;
      p = (generated ? 0 : 1e10) + settlement + population;
      this.priority[i] = p;
    }
    return p;
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
      if (this.ids().has(input.id) || ids.has(input.id)) throw argValueError('gazetteer.add', `entries[${i}]`, `has the id '${input.id}', which is already in the gazetteer`);
      ids.add(input.id);
      checked.push(toEntry(input));
    });
    for (const e of checked) this.insert(e);
    return this;
  }

  /** @internal counts the entries added since creation: taggers drop what they cached about words when it moves */
  revision = 0;

  /** @internal adds an entry known to be valid and indexes its names */
  insert(e: GazetteerEntry): void {
    this.revision++;
    this.parseAllPhrases();
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
    this.rows.push(undefined);
    this.byId.set(e.id, index);
    this.priority.push(NaN);
    return index;
  }

  /**
   * @internal The phrase index in compact form, for the build: one `key key…<TAB>entry,entry…` line a phrase, the
   * phrases of each first word longest first, entries best first (indexes in insertion order).
   */
  exportIndex(): CompiledIndex {
    this.parseAllPhrases();
    this.readCompiledWordLabels();
    // each part sorted by its key, so that `loadCompiled` can search it in place
    const lines: string[] = [];
    const lineOf = new Map<Phrase, number>();
    for (const [, list] of [...this.byFirst].sort((a, b) => byCodeUnits(a[0], b[0]))) {
      // within a first word, by second word (a one-word phrase first; the sort is stable, so longest first within
      // a second word), so that the phrases of a pair of words are lines one after another (`phrasesFromPair`)
      for (const p of [...list].sort((a, b) => byCodeUnits(a.keys[1] ?? '', b.keys[1] ?? ''))) {
        lineOf.set(p, lines.length);
        lines.push(`${p.keys.join(' ')}\t${p.entries.join(',')}`);
      }
    }
    const glued = [...this.glued].sort((a, b) => byCodeUnits(a[0], b[0])).map(([g, p]) => `${g}\t${lineOf.get(p)}`);
    const labels = [...this.labelsOfWord].sort((a, b) => byCodeUnits(a[0], b[0])).map(([k, m]) => `${k}\t${m}`);
    const surnames = [...this.surnameMap(0)].sort((a, b) => byCodeUnits(a[0], b[0])).map(([k, i]) => `${k}\t${i}`);
    return { phrases: lines.join('\n'), glued: glued.join('\n'), wordLabels: labels.join('\n'), surnames: surnames.join('\n') };
  }

  /**
   * @internal Takes the built-in data as compiled: raw entry rows (parsed on first use) and the phrase index as
   * `exportIndex` wrote it (a first word's lines parsed as a text meets them). Only for an empty gazetteer.
   */
  loadCompiled(rows: readonly string[], index: CompiledIndex): void {
    for (const row of rows) {
      this.entries.push(undefined);
      this.rows.push(row);
      this.priority.push(NaN);
    }
    this.idsComplete = rows.length === 0;
    this.phraseLines = index.phrases ? new SortedLines(index.phrases) : null;
    this.gluedLines = index.glued ? new SortedLines(index.glued) : null;
    this.wordLabelLines = index.wordLabels ? new SortedLines(index.wordLabels) : null;
    this.surnameLines = index.surnames ? new SortedLines(index.surnames) : null;
    this.compiledCount = rows.length;
    this.surnames = null;
    this.latinIndex = null;
    this.fuzzyIndex = null;
  }

  /** Parses the compiled lines of one first word into phrases (the word's phrases are then in `byFirst`). */
  private parseGroup(key: string): Phrase[] | undefined {
    const lines = this.phraseLines;
    const [from, to] = lines ? lines.range(key) : [0, 0];
    if (from === to) return undefined;
    const list: Phrase[] = [];
    for (let i = from; i < to; i++) list.push(this.phraseAt(i));
    // compiled by second word; `byFirst` keeps the longest first (stable: longest first within a length as compiled)
    list.sort((a, b) => b.keys.length - a.keys.length);
    this.byFirst.set(key, list);
    this.groups.delete(key);
    return list;
  }

  /** The phrase of compiled line i, parsed once (`phrases` holds it by its full key). */
  private phraseAt(i: number): Phrase {
    const line = this.phraseLines!.line(i);
    const tab = line.indexOf('\t');
    const full = line.slice(0, tab);
    let phrase = this.phrases.get(full);
    if (!phrase) {
      phrase = { keys: full.split(' '), entries: line.slice(tab + 1).split(',').map(Number) };
      this.phrases.set(full, phrase);
    }
    return phrase;
  }

  /** Parses every compiled line (lookup and user additions need the whole index). */
  private parseAllPhrases(): void {
    const lines = this.phraseLines;
    if (!lines) return;
    for (let i = 0; i < lines.length; i++) {
      const key = lines.key(i);
      if (!this.byFirst.has(key)) this.parseGroup(key);
    }
    const glued = this.gluedLines;
    for (let i = 0; glued && i < glued.length; i++) this.gluedPhrase(glued.key(i));
    this.phraseLines = null;
    this.gluedLines = null;
    this.groups.clear();
  }

  /** Reads the compiled word-label lines into the map, once (user additions and the build need the whole map). */
  private readCompiledWordLabels(): void {
    const lines = this.wordLabelLines;
    if (!lines) return;
    for (let i = 0; i < lines.length; i++) this.labelsOfWord.set(lines.key(i), Number(lines.value(i)));
    this.wordLabelLines = null;
  }

  private indexName(name: string, index: number, arabic: boolean): void {
    const keys = nameWords(name);
    if (keys.length === 0) return;
    if (keys.length === 1 && (this.stopNames.has(keys[0]) || this.stopNames.has(stripArticle(keys[0])))) return;
    if (arabic && keys.length === 1 && stripArticle(keys[0]).length < 2) return;
    if (arabic) {
      const person = this.entries[index]!.label === 'PER';
      keys.forEach((k, i) => (i > 0 && !person && !k.startsWith('ال') ? this.laterStems.add(k) : this.nameStems.add(stripArticle(k))));
      if (keys.length > 1) {
        this.readCompiledWordLabels();
        const bit = LABEL_BITS[this.entries[index]!.label];
        for (const k of keys) this.labelsOfWord.set(k, (this.labelsOfWord.get(k) ?? 0) | bit);
      }
    }
    const full = keys.join(' ');
    let phrase = this.phrases.get(full);
    if (!phrase) {
      phrase = { keys, entries: [] };
      this.phrases.set(full, phrase);
      const list = this.byFirst.get(keys[0]);
      this.openers.delete(keys[0]);
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
      while (at > 0 && this.prio(list[at - 1]) < this.prio(index)) at--;
      list.splice(at, 0, index);
    }
  }

  /**
   * @internal The best person whose Arabic name (of two words or more) ends with this word key: الأسد → بشار الأسد.
   * The compiled entries' answers are compiled too (`exportIndex`), so the first call parses no person entry; the
   * entries added since are indexed on first use.
   */
  personBySurname(key: string): number | undefined {
    this.surnames ??= this.surnameMap(this.surnameLines ? this.compiledCount : 0);
    const added = this.surnames.get(key);
    const line = this.surnameLines?.find(key) ?? -1;
    if (line < 0) return added;
    const compiled = Number(this.surnameLines!.value(line));
    // an added entry comes later, so it wins only with a higher priority, as in one pass over every entry
    return added !== undefined && this.prio(added) > this.prio(compiled) ? added : compiled;
  }

  /** The best person by surname among the entries from index `from` on (the first of equal priority wins). */
  private surnameMap(from: number): Map<string, number> {
    const surnames = new Map<string, number>();
    for (let i = from; i < this.entries.length; i++) {
      const row = this.rows[i];
      if (row !== undefined && !row.startsWith('per:')) continue;
      const e = this.entry(i);
      if (e.label !== 'PER') continue;
      for (const name of [e.ar, ...e.arVariants]) {
        const words = name ? nameWords(name) : [];
        const last = words[words.length - 1];
        if (words.length >= 2 && last.length >= 3) {
          const prev = surnames.get(last);
          if (prev === undefined || this.prio(i) > this.prio(prev)) surnames.set(last, i);
        }
      }
    }
    return surnames;
  }

  /** @internal The labels (bit mask: PER 1, LOC 2, ORG 4, UNIT 8) of the multi-word Arabic names holding a word key. */
  wordLabels(key: string): number {
    const lines = this.wordLabelLines;
    if (lines) {
      const i = lines.find(key);
      return i < 0 ? 0 : Number(lines.value(i));
    }
    return this.labelsOfWord.get(key) ?? 0;
  }

  /**
   * @internal is this article-less word key part of an Arabic name added here? A later word of a place's or an
   * organisation's name is not when it is a proclitic glued to a common word (`isCommon`) or to the one-word name of
   * a place or organisation (بلبنان in المحكمة الخاصة بلبنان is ب + لبنان; `standsAlone`, `isGluedProclitic`), as in
   * the built-in stem lexicon (scripts/compile-data.ts).
   */
  hasStem(key: string, isCommon: (key: string) => boolean): boolean {
    if (this.nameStems.has(key)) return true;
    if (!this.laterStems.has(key)) return false;
    const oneWordName = (k: string) => !!this.phrasesFromPair(k, '')?.some((p) => p.keys.length === 1 && p.entries.some((i) => standsAlone(this.entryAt(i))));
    return !isGluedProclitic(key, (w) => isCommon(w) || isCommon('ال' + w) || oneWordName(w) || oneWordName('ال' + w));
  }

  /** @internal phrases that open with this word key, longest first */
  phrasesFrom(key: string): readonly Phrase[] | undefined {
    return this.byFirst.get(key) ?? this.parseGroup(key);
  }

  /** @internal does a phrase open with this word key? (Nothing is parsed.) */
  opensPhrase(key: string): boolean {
    return this.byFirst.has(key) || (this.phraseLines !== null && this.phraseLines.find(key) >= 0);
  }

  /**
   * @internal the phrases that open with word key `first` and go on with `second` (or have one word), longest first:
   * the part of `phrasesFrom(first)` a text can match when `second` follows (قوات opens 200 names); `second` empty:
   * the one-word phrases.
   */
  phrasesFromPair(first: string, second: string): readonly Phrase[] | undefined {
    const o = this.opener(first);
    return o && this.phrasesAfter(o, second);
  }

  /**
   * @internal What a first word key opens, if anything: the tagger keeps it per word form and asks `phrasesAfter` for
   * each second word it meets. From the compiled lines, only the phrases a text matches are parsed: a text meets
   * thousands of first words, and parsing all their phrases kept ~4 MB of phrases no text matched.
   */
  opener(first: string): Opener | undefined {
    const lines = this.phraseLines;
    if (lines && !this.byFirst.has(first)) {
      let g = this.groups.get(first);
      if (!g) {
        const [from, to] = lines.range(first);
        if (from === to) return undefined;
        const singles: Phrase[] = [];
        let bySecond: Map<string, number | Phrase[]> | null = null;
        for (let i = from; i < to; i++) {
          const k = lines.second(i);
          if (!k) singles.push(this.phraseAt(i));
          else if (!bySecond) bySecond = new Map([[k, i]]);
          else if (!bySecond.has(k)) bySecond.set(k, i);
        }
        g = { first, singles, bySecond, to };
        this.groups.set(first, g);
      }
      return g;
    }
    let o = this.openers.get(first);
    if (!o) {
      const all = this.phrasesFrom(first);
      if (!all) return undefined;
      const singles = all.filter((p) => p.keys.length === 1);
      let bySecond: Map<string, Phrase[]> | null = null;
      for (const p of all) {
        if (p.keys.length === 1) continue;
        bySecond ??= new Map();
        const list = bySecond.get(p.keys[1]);
        if (list) list.push(p);
        else bySecond.set(p.keys[1], [p]);
      }
      if (bySecond) for (const list of bySecond.values()) list.push(...singles);
      o = { first, singles, bySecond, to: 0 };
      this.openers.set(first, o);
    }
    return o;
  }

  /** @internal the phrases of `opener(first)` that go on with `second` (or have one word), longest first */
  phrasesAfter(o: Opener, second: string): readonly Phrase[] {
    const at = second ? o.bySecond?.get(second) : undefined;
    if (at === undefined) return o.singles;
    if (typeof at !== 'number') return at;
    const lines = this.phraseLines;
    // every compiled line was parsed since (`lookup`, `add`): the word's phrases are in `byFirst` now
    if (!lines) return this.phrasesFromPair(o.first, second) ?? o.singles;
    const list: Phrase[] = [];
    for (let i = at; i < o.to && lines.second(i) === second; i++) list.push(this.phraseAt(i));
    list.push(...o.singles);
    o.bySecond!.set(second, list);
    return list;
  }

  /** @internal the phrase of a multi-word name written as one word (ديرالزور) */
  gluedPhrase(key: string): Phrase | undefined {
    const known = this.glued.get(key);
    if (known || !this.gluedLines || !this.phraseLines) return known;
    const i = this.gluedLines.find(key);
    if (i < 0) return undefined;
    const phrase = this.phraseAt(Number(this.gluedLines.value(i)));
    this.glued.set(key, phrase);
    return phrase;
  }

  /** @internal the best entry with this label named exactly `name` (word keys equal), if any */
  entryNamed(name: string, label: Label): number | undefined {
    const keys = nameWords(name);
    if (keys.length === 0) return undefined;
    // parses the phrases of the name's first two words, so `phrases` holds the name if the index does
    this.phrasesFromPair(keys[0], keys[1] ?? '');
    return this.phrases.get(keys.join(' '))?.entries.find((i) => this.entry(i).label === label);
  }

  /** @internal the entry at an index */
  entryAt(i: number): GazetteerEntry {
    return this.entry(i);
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
        const entry = this.entry(i);
        if (labels && !labels.includes(entry.label)) continue;
        const score = Math.round(RANK[how] * quality * 1000) / 1000;
        const prev = best.get(i);
        if (!prev || prev.score < score) best.set(i, { entry, score, name, how });
      }
    };

    this.parseAllPhrases();
    if (ARABIC.test(q)) this.lookupArabic(q, fuzzy, offer);
    else this.lookupLatin(q, fuzzy, offer);

    return [...best.values()]
      .sort((a, b) => b.score - a.score || this.prio(this.ids().get(b.entry.id)!) - this.prio(this.ids().get(a.entry.id)!))
      .slice(0, limit);
  }

  private lookupArabic(q: string, fuzzy: boolean, offer: (e: readonly number[], how: MatchKind, name: string, quality?: number) => void): void {
    const tokens = scan(q, defaultLexicon());
    const keys = tokens.map((t) => t.norm);
    const full = keys.join(' ');
    const hit = this.phrases.get(full);
    if (hit) offer(hit.entries, 'exact', q);
    const glued = this.gluedPhrase(keys.join(''));
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
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entry(i);
      const names = [e.en, ...e.enAliases].filter(Boolean);
      if (names.length === 0 && e.ar) names.push(romanize(e.ar));
      for (const n of names) {
        push(latin, latinKey(n), i);
        push(phonetic, phoneticKey(n), i);
      }
    }
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

/** One row of the compiled gazetteer (gazetteer TSV without header) as an entry. */
function parseRow(line: string): GazetteerEntry {
  const [id, label, ar, arv, en, ena, facts] = line.split('\t');
  const f: Record<string, string> = Object.create(null);
  if (facts) {
    for (const pair of facts.split(';')) {
      const eq = pair.indexOf('=');
      f[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return { id, label: label as Label, ar, arVariants: arv ? arv.split('|') : [], en, enAliases: ena ? ena.split('|') : [], facts: f };
}

let builtinRows: string[] | null = null;

function loadBuiltin(g: Gazetteer): void {
  builtinRows ??= builtin.gazetteer ? builtin.gazetteer.split('\n') : [];
  g.loadCompiled(builtinRows, { phrases: builtin.phrases, glued: builtin.glued, wordLabels: builtin.wordLabels, surnames: builtin.surnames });
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
