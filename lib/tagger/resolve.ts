/**
 * Resolution: the one place that decides which candidate mentions become entities.
 *
 * 1. Filters: a one-word place name that is a nationality form (سورية، روسية) right after an indefinite noun or
 *    another nationality (طائرات حربية روسية وسورية) is an adjective, not a place; a gazetteer name that opens with an
 *    outside descriptor (تنظيم الدولة الإسلامية) gives way to the name after it (الدولة الإسلامية).
 * 2. Overlaps: the longest candidate wins (outermost name wins, as the guidelines say); among equal spans a
 *    contextual rule beats the gazetteer (صحيفة الشرق الأوسط is ORG, not LOC), the gazetteer beats a plain rule, a
 *    rule beats the model; then the higher score, then the earlier start. So a rule never overrides a longer gazetteer
 *    match, and a longer rule span (قوات التحالف الدولي) contains a gazetteer one (التحالف الدولي).
 *    Candidates of a lower layer (`fill`) are then taken where they overlap nothing chosen.
 * 3. A person's title from a rule is kept on the entity that wins its span.
 * 4. Surnames, a context rule (off with the tagger's rules: its mentions are `source: 'rule'`): the last word of a
 *    person found with two or more words (بشار الأسد → الأسد; رامي عبد الرحمن → عبد الرحمن) names that person
 *    wherever it stands alone in the same document.
 */
import { type Token, reading, readings } from '../tokens';
import { isOutsideDescriptor, type RuleLexicons } from './lexicons';
import type { Candidate, EntitySource } from './types';
import { ByteChunks, ScratchBytes } from '../scratch';

/** `complete`'s copy of the choice's taken tokens, which does not outlive the call */
const TAKEN = new ScratchBytes();
/** each choice's taken tokens (kept with the choice) */
const CHOICE_TAKEN = new ByteChunks();

const SOURCE_RANK: Record<EntitySource, number> = { gazetteer: 2, rule: 1, model: 0 };
const COMPOUND_HEADS = new Set(['عبد', 'ابو', 'بن', 'ابن', 'ام', 'ال', 'اب', 'عبدال']);

export interface ResolveOptions {
  /** link lone surnames to the persons found in full (step 4; default true) */
  surnames?: boolean;
}

export function resolve(tokens: readonly Token[], candidates: Candidate[], lex: RuleLexicons, fill: readonly Candidate[] = [], options?: ResolveOptions): Candidate[] {
  return complete(choose(tokens, candidates, lex, options), fill);
}

/**
 * The first part of resolution (steps 1 and 2 without the lower layer): the candidates of the upper layer chosen by
 * precedence. The tagger completes one choice twice with the 'fill' policy (alone, for the model's features, then
 * with the model's spans), so the choosing is done once.
 */
export interface Choice {
  tokens: readonly Token[];
  candidates: readonly Candidate[];
  /** the chosen candidates, in order of precedence */
  chosen: readonly Candidate[];
  /** 1 for each token a chosen candidate covers */
  taken: Uint8Array;
  valid: (c: Candidate) => boolean;
  /** does a completion link lone surnames (step 4)? */
  surnames: boolean;
  /** where the surnames of the last completion stand (`complete` keeps them: the next one mostly has the same) */
  surnameSpots?: SurnameSpots;
}

export function choose(tokens: readonly Token[], candidates: readonly Candidate[], lex: RuleLexicons, options?: ResolveOptions): Choice {
  let gazByStart: Array<Candidate | undefined> | undefined;
  const gazetteerAt = (k: number) => {
    if (!gazByStart) {
      gazByStart = new Array(tokens.length);
      for (const c of candidates) if (c.source === 'gazetteer') gazByStart[c.tokenStart] = c;
    }
    return gazByStart[k];
  };
  const valid = (c: Candidate) => !isNationalityAdjective(tokens, c, lex) && !opensWithOutsideDescriptor(tokens, c, lex, gazetteerAt);
  // the order of precedence, compared on plain records of one shape (candidates come in several)
  const kept = candidates
    .filter(valid)
    .map((c) => ({ c, length: c.end - c.start, rank: (c.contextual ? 4 : 0) + SOURCE_RANK[c.source], score: c.score, start: c.start }))
    .sort((a, b) => b.length - a.length || b.rank - a.rank || b.score - a.score || a.start - b.start);
  const taken = CHOICE_TAKEN.take(tokens.length);
  const chosen: Candidate[] = [];
  for (const k of kept) select(k.c, taken, chosen);
  return { tokens, candidates, chosen, taken, valid, surnames: options?.surnames ?? true };
}

/** Takes `c` unless a token of it is taken already. */
function select(c: Candidate, taken: Uint8Array, chosen: Candidate[]): void {
  if (!isFree(taken, c)) return;
  for (let k = c.tokenStart; k < c.tokenEnd; k++) taken[k] = 1;
  chosen.push(c);
}

/** Are the candidate's tokens all free? */
export function isFree(taken: Uint8Array, c: Candidate): boolean {
  for (let k = c.tokenStart; k < c.tokenEnd; k++) if (taken[k]) return false;
  return true;
}

/**
 * The rest of resolution (the lower layer, titles, surnames, text order). `choice` keeps its choosing as it was; only
 * where its surnames stand is kept on it for the next completion.
 */
export function complete(choice: Choice, fill: readonly Candidate[] = []): Candidate[] {
  const { tokens, candidates, valid } = choice;
  const taken = TAKEN.copyOf(choice.taken);
  const chosen = choice.chosen.slice();
  // a lower layer (the model's spans, or with the 'first' policy the gazetteer's and rules') fills what is left
  for (const c of fill) if (valid(c)) select(c, taken, chosen);
  // titles found by the person rule stay with the person
  const titles = new Map<number, Candidate['title']>();
  for (const x of candidates) if (x.title && x.label === 'PER' && !titles.has(x.tokenStart)) titles.set(x.tokenStart, x.title);
  for (const c of chosen) if (c.label === 'PER' && !c.title && titles.has(c.tokenStart)) c.title = titles.get(c.tokenStart);
  if (choice.surnames) propagateSurnames(choice, chosen, taken);
  // in text order: the chosen spans share no token
  const byToken = new Array<Candidate | undefined>(tokens.length);
  for (const c of chosen) byToken[c.tokenStart] = c;
  const out: Candidate[] = [];
  for (const c of byToken) if (c) out.push(c);
  return out;
}

function isNationalityAdjective(tokens: readonly Token[], c: Candidate, lex: RuleLexicons): boolean {
  if (c.label !== 'LOC' || c.tokenEnd - c.tokenStart !== 1) return false;
  const t = tokens[c.tokenStart];
  const a = readings(t).find((x) => t.start + x.stem.end === c.end && t.start + (x.article ?? x.stem).start === c.start);
  if (!a || a.article || !lex.nationalities.has(a.norm)) return false;
  const prev = tokens[c.tokenStart - 1];
  if (!prev || prev.kind !== 'word') return false;
  const p = reading(prev)?.norm ?? prev.norm;
  if (lex.nationalities.has(p)) return true; // روسية وسورية
  if (reading(prev)?.article) return false;
  return /(ات|يه|ي)$/.test(p) && !lex.commonWords.has(p); // طائرات حربية سورية
}

function opensWithOutsideDescriptor(tokens: readonly Token[], c: Candidate, lex: RuleLexicons, gazetteerAt: (tokenStart: number) => Candidate | undefined): boolean {
  if (c.source !== 'gazetteer' || c.tokenEnd - c.tokenStart < 2) return false;
  // any reading of the first word: بتنظيم الدولة الإسلامية is ب + تنظيم + the name
  if (!readings(tokens[c.tokenStart]).some((a) => !a.article && isOutsideDescriptor(lex, a.norm, true))) return false;
  const inner = gazetteerAt(c.tokenStart + 1);
  return inner !== undefined && inner.end === c.end;
}

/**
 * Where the surnames of a completion stand: the tokens a reading of which is a surname key, or the first word of a
 * two-word one (`keys`), taken or not. Two completions of a choice mostly have the same surnames ('fill': the model's
 * spans seldom add a person), so the second reads only these tokens.
 */
interface SurnameSpots {
  keys: Map<string, Candidate>;
  at: number[];
}

function propagateSurnames(choice: Choice, chosen: Candidate[], taken: Uint8Array): void {
  const { tokens } = choice;
  const surnames = new Map<string, Candidate>();
  for (const c of chosen) {
    if (c.label !== 'PER' || c.tokenEnd - c.tokenStart < 2) continue;
    const last = tokens[c.tokenEnd - 1].norm;
    const before = tokens[c.tokenEnd - 2].norm;
    if (c.tokenEnd - c.tokenStart >= 3 && COMPOUND_HEADS.has(before)) surnames.set(`${before} ${last}`, c);
    else if (!COMPOUND_HEADS.has(last) && last.length >= 3) surnames.set(last, c);
    // a name written with its compound glued (عبدالرحمن) also names the person
    if (COMPOUND_HEADS.has(before)) surnames.set(before + last, c);
  }
  if (surnames.size === 0) return;
  // first words of the two-word surnames, so the two-word key is built only when it can match
  const heads = new Set([...surnames.keys()].filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' '))));
  const kept = choice.surnameSpots;
  const spots = kept && sameKeys(kept.keys, surnames) ? kept.at : (choice.surnameSpots = { keys: surnames, at: findSpots(tokens, surnames, heads) }).at;
  for (const i of spots) {
    if (taken[i]) continue;
    for (const a of readings(tokens[i])) {
      const two = heads.has(a.norm) && i + 1 < tokens.length && !taken[i + 1] ? surnames.get(`${a.norm} ${tokens[i + 1].norm}`) : undefined;
      const one = two ? undefined : surnames.get(a.norm);
      const src = two ?? one;
      if (!src) continue;
      const end = two ? i + 2 : i + 1;
      for (let k = i; k < end; k++) taken[k] = 1;
      chosen.push({ start: tokens[i].start + (a.article ?? a.stem).start, end: tokens[end - 1].end, tokenStart: i, tokenEnd: end, label: 'PER', source: 'rule', score: 0.7, entry: src.entry });
      break;
    }
  }
}

function sameKeys(a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of b.keys()) if (!a.has(k)) return false;
  return true;
}

/** `findSpots`' table of last letters by length (kept: a typed array of its own is an allocation outside V8's heap) */
const MAY_BE = new Uint32Array(32);

/** The tokens a reading of which is a one-word surname key or the first word of a two-word one, in text order. */
function findSpots(tokens: readonly Token[], surnames: Map<string, Candidate>, heads: Set<string>): number[] {
  // a cheap first test of a word against every key and head: its length and last letter
  const mayBe = MAY_BE.fill(0);
  // every reading of a word ends as the word does (clitics come first), so its last letter rules most words out
  let lastLetters = 0;
  const mark = (k: string) => {
    const bit = 1 << (k.charCodeAt(k.length - 1) & 31);
    mayBe[Math.min(k.length, 31)] |= bit;
    lastLetters |= bit;
  };
  for (const k of surnames.keys()) if (!k.includes(' ')) mark(k);
  heads.forEach(mark);
  const at: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].norm;
    if (!((lastLetters >>> (w.charCodeAt(w.length - 1) & 31)) & 1)) continue;
    for (const a of readings(tokens[i])) {
      const n = a.norm;
      if (!((mayBe[Math.min(n.length, 31)] >>> (n.charCodeAt(n.length - 1) & 31)) & 1)) continue;
      if (heads.has(n) || surnames.has(n)) {
        at.push(i);
        break;
      }
    }
  }
  return at;
}
