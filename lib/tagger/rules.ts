/**
 * Context rules: names the gazetteer lacks, found by the words around them (gazetteers/lexicon/*).
 *
 * - PER after a title, rank or role (العقيد، الفريق أول، الرئيس، المتحدث باسم …), past an organisation, place or
 *   nationality that qualifies the role (المتحدث باسم البيت الأبيض، وزير الخارجية الروسي), and inside quotes if any;
 *   and a known leader's surname after the word for his regime (نظام الأسد، إدارة ترامب).
 * - LOC after a place descriptor: outside ones (مدينة، بلدة، قرية، محافظة، ريف، منطقة) stay out of the span, facility
 *   heads (مطار، قاعدة، حقل، جبل، طريق، متحف) are part of it. A descriptor with the article (المدينة) is an anaphor.
 * - ORG after an organisation descriptor, the same way (وكالة، وزارة، حزب inside; تنظيم، صحيفة outside).
 * - UNIT from a force noun (جيش، قوات، سلاح، فرقة، لواء …) followed by identifiers: a nationality (الروسية), a party
 *   (النظام، المعارضة، التحالف), a specialty (الهندسة), a number (الفرقة 17), an organisation, place or person
 *   the gazetteer knows (قوات التحالف الدولي), coordinated ones (الروسية والسورية), with branch words between
 *   (القوات البرية الروسية، سلاح الجو الروسي). A bare force noun (الجيش، القوات) is not a unit.
 */
import type { Label } from '../labels';
import { type Token, formOf, reading, readings } from '../tokens';
import type { CliticAnalysis } from '../clitics';
import { opensTrigger, triggerFollows, type RuleLexicons, type Trigger } from './lexicons';
import type { Candidate } from './types';
import { stripArticle } from '../gazetteer/keys';

const OPEN_QUOTES = new Set(['“', '«', '"', '‹', '„', "'"]);
const CLOSE_QUOTES = new Set(['”', '»', '"', '›', '“', "'"]);
const MAX_NAME = 4;
const COMPOUND = new Set(['عبد', 'ابو', 'ابن', 'بن', 'ام', 'بنت']);
/** the compounds, and آل (the family of: آل مكتوم), whose next word always belongs to the name */
const JOINS = new Set([...COMPOUND, 'ال']);
/** the words that open a kunya (أبو محمد، أم أحمد) */
const KUNYA = new Set(['ابو', 'ام']);
/** words of direction: they end a name (حي الدورة جنوبي العاصمة "south of the capital") */
const DIRECTIONS = new Set(['شمال', 'جنوب', 'شرق', 'غرب', 'شمالي', 'جنوبي', 'شرقي', 'غربي']);

interface Context {
  /** the best person whose full name ends with this word key (نظام الأسد → بشار الأسد) */
  surname: (key: string) => number | undefined;
  text: string;
  tokens: readonly Token[];
  lex: RuleLexicons;
  /** gazetteer candidates by the token they start at (a slot a token) */
  gaz: ReadonlyArray<Candidate | undefined>;
}

export function applyRules(text: string, tokens: readonly Token[], lex: RuleLexicons, gazetteerCandidates: readonly Candidate[], surname: Context['surname']): Candidate[] {
  const gaz = new Array<Candidate | undefined>(tokens.length);
  for (const c of gazetteerCandidates) gaz[c.tokenStart] = c;
  const ctx: Context = { surname, text, tokens, lex, gaz };
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // every rule opens with a trigger word: a title, a descriptor or a force noun
    if (tokens[i].kind === 'punctuation' || !opensTrigger(tokens[i], lex)) continue;
    for (const rule of [personRule, placeRule, orgRule, unitRule]) {
      const c = rule(ctx, i);
      if (c) out.push(c);
    }
  }
  return out;
}

/** The trigger of a lexicon that opens at token i (any clitic reading), with the token after it. */
function triggerAt(ctx: Context, i: number, lexicon: TriggerLexicon): { trigger: Trigger; analysis: CliticAnalysis; next: number } | null {
  for (const { trigger: t, analysis: a } of triggerReadings(ctx.lex, ctx.tokens[i], lexicon)) {
    if (triggerFollows(ctx.tokens, i, t.keys)) return { trigger: t, analysis: a, next: i + t.keys.length };
  }
  return null;
}

/** the trigger lexicons of the rules */
type TriggerLexicon = 'titles' | 'placeDescriptors' | 'orgDescriptors';

interface TriggerReading {
  trigger: Trigger;
  /** offsets from the word's start */
  analysis: CliticAnalysis;
}

/**
 * The triggers of one lexicon the readings of a word may open, each with its reading, in the order `triggerAt` tries
 * them. Whether a trigger's first word fits a reading depends on the word alone, so the list is kept on the word form
 * (one list a lexicon: the titles, the place descriptors, the organisation descriptors).
 */
function triggerReadings(lex: RuleLexicons, t: Token, lexicon: TriggerLexicon): readonly TriggerReading[] {
  const form = formOf(t);
  const kept = form?.ruleTriggers as Partial<Record<TriggerLexicon, readonly TriggerReading[]>> | undefined;
  let list = kept?.[lexicon];
  if (list) return list;
  list = findTriggerReadings(lex, t, lex[lexicon]);
  if (form) ((form.ruleTriggers ??= {}) as Partial<Record<TriggerLexicon, readonly TriggerReading[]>>)[lexicon] = list;
  return list;
}

function findTriggerReadings(lex: RuleLexicons, t: Token, table: Map<string, Trigger[]>): TriggerReading[] {
  const out: TriggerReading[] = [];
  const all = readings(t);
  // a known name word read whole is not ف or ك and a trigger (فراس is Firas, not "so" + راس "head"; كبير is "big",
  // not "like" + بير "well"); بدير، لمدينة stay a preposition and a descriptor
  let nameWord: boolean | undefined; // looked up when a reading opens with ف or ك
  for (const a of all) {
    if (a.proclitics.length > 0 && (a.proclitics[0].text === 'ف' || a.proclitics[0].text === 'ك') && (nameWord ??= all[0].proclitics.length === 0 && lex.personNames.has(t.norm))) continue;
    for (const trigger of table.get(a.norm) ?? []) {
      // آمر "commander" is not أمر "order": the match key folds the madda as it folds the hamza
      if (trigger.madda && !a.stem.text.startsWith('آ')) continue;
      // وادي، والي open with وا: a word written و + أ/إ is the conjunction and another word (وأدى "and led to")
      if (trigger.keys[0].startsWith('وا') && /^و[أإ]/.test(a.stem.text)) continue;
      out.push({ trigger, analysis: a });
    }
  }
  return out;
}

function hasArticle(a: CliticAnalysis): boolean {
  return a.article !== null;
}

/** A word that can be part of a name: not a common word (unless a known name word), not a nationality, not a trigger. */
function nameLike(ctx: Context, t: Token | undefined): boolean {
  if (!t || (t.kind !== 'word' && t.kind !== 'mixed' && t.kind !== 'latin')) return false;
  if (reading(t)?.proclitics.length) return false; // وX، بX، لX: a conjunction or preposition ends the name
  const { lex } = ctx;
  const k = t.norm;
  if (t.kind === 'word' && k.length < 2) return false;
  if (lex.nationalities.has(k) || lex.forces.has(k) || lex.titles.has(k)) return false;
  // a common word (also with the accusative alif of tanween: وفدا) is a name only if it is a known name word too
  const common = lex.commonWords.has(k) || (k.endsWith('ا') && lex.commonWords.has(k.slice(0, -1)));
  if (common) return lex.personNames.has(k) && !lex.commonNames.has(k);
  // a word that reads as proclitics + a common word (وأكد، فإن، بأنه، لحقوق) is that, unless a known name word (فراس)
  if (t.kind === 'word' && !lex.personNames.has(k) && readings(t).some((a) => a.proclitics.length > 0 && a.stemNorm.length >= 2 && (lex.commonWords.has(a.norm) || lex.commonWords.has(a.stemNorm)))) return false;
  return true;
}

/** A nisba adjective after a name (ال…ي، ال…يه): it qualifies the name and stays outside (مطار تدمر العسكري). */
function isAdjective(ctx: Context, t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const k = t.norm;
  return ctx.lex.nationalities.has(k) || (k.startsWith('ال') && (k.endsWith('ي') || k.endsWith('يه')) && k.length >= 5);
}

function candidate(ctx: Context, startToken: number, start: number, endToken: number, label: Label, score: number, extra: Partial<Candidate> = {}): Candidate {
  return { start, end: ctx.tokens[endToken - 1].end, tokenStart: startToken, tokenEnd: endToken, label, source: 'rule', score, contextual: true, ...extra };
}

/**
 * Name tokens from j: inside quotes everything up to the closing quote, else consecutive name-like words. A nisba
 * adjective may open a person's name (المصري is a surname) or a place's (العليانية) but not an organisation's
 * (تنظيم الإرهابي).
 */
function nameRun(ctx: Context, j: number, kind: 'person' | 'place' | 'org' = 'place'): { from: number; to: number } | null {
  if (kind === 'org' && isAdjective(ctx, ctx.tokens[j])) return null;
  const { tokens } = ctx;
  if (j < tokens.length && OPEN_QUOTES.has(tokens[j].text)) {
    let k = j + 1;
    while (k < tokens.length && k - j - 1 < MAX_NAME && tokens[k].kind !== 'punctuation') k++;
    if (k < tokens.length && CLOSE_QUOTES.has(tokens[k].text) && k > j + 1 && nameLike(ctx, tokens[j + 1])) return { from: j + 1, to: k };
    return null;
  }
  // a person's name does not open with a word with the article (وزيرة التعاون الدولي، الفريق الصاعد) unless it is a
  // known name word, nor with a place or organisation descriptor (حاكم إمارة دبي، رئيس مجلس الوزراء)
  if (kind === 'person' && j < tokens.length) {
    const t = tokens[j];
    const k = t.norm;
    if (ctx.lex.placeDescriptors.has(k) || ctx.lex.orgDescriptors.has(k)) return null;
    if (reading(t)?.article && !ctx.lex.personNames.has(k) && !ctx.lex.personNames.has(stripArticle(k))) return null;
  }
  let k = j;
  // a compound's second word (عبد الباقي، بن راشد، آل مكتوم) belongs to the name even when it looks like an adjective;
  // compounds do not count against the length limit (محمد بن راشد آل مكتوم)
  const joined = (k: number) => kind === 'person' && k > j && JOINS.has(tokens[k - 1].norm) && tokens[k].kind === 'word' && !reading(tokens[k])?.proclitics.length;
  let extra = 0;
  while (k < tokens.length && k - j - extra < MAX_NAME && (joined(k) || (nameLike(ctx, tokens[k]) && !(k > j && (isAdjective(ctx, tokens[k]) || DIRECTIONS.has(tokens[k].norm)))))) {
    // past two words, a name goes on only with known name words or the parts of a compound (عبد، أبو، بن …)
    if (k - j >= 2 && !ctx.lex.personNames.has(tokens[k].norm) && !JOINS.has(tokens[k - 1].norm)) break;
    if (joined(k) || JOINS.has(tokens[k].norm)) extra++;
    k++;
  }
  // a kunya's nisba is part of the name (أبو فراس الحلبي، أبو عمر الشيشاني: noms de guerre)
  if (kind === 'person' && k === j + 2 && KUNYA.has(tokens[j].norm) && k < tokens.length && isAdjective(ctx, tokens[k]) && tokens[k].norm.startsWith('ال') && !reading(tokens[k])?.proclitics.length) k++;
  return k > j ? { from: j, to: k } : null;
}

/** Within the next three tokens, after words with the article only, a quote or a name-like word without one. */
function nameFollows(ctx: Context, j: number): boolean {
  for (let k = j; k < j + 3 && k < ctx.tokens.length; k++) {
    const t = ctx.tokens[k];
    if (OPEN_QUOTES.has(t.text)) return true;
    if (!reading(t)?.article) return nameLike(ctx, t);
  }
  return false;
}

function personRule(ctx: Context, i: number): Candidate | null {
  const found = triggerAt(ctx, i, 'titles');
  if (!found) return null;
  const { tokens, lex } = ctx;
  if (found.trigger.kind === 'regime') {
    // نظام الأسد، إدارة ترامب: the leader's known surname is the person; the regime word stays outside
    const t = tokens[found.next];
    const entry = t && reading(t)?.proclitics.length === 0 ? ctx.surname(t.norm) : undefined;
    return entry === undefined || hasArticle(found.analysis) ? null : candidate(ctx, found.next, t.start, found.next + 1, 'PER', 0.75, { entry, contextual: false });
  }
  if (found.trigger.nameOnly) {
    const g = ctx.gaz[found.next];
    const next = tokens[found.next];
    if (!(g && g.label === 'PER') && !(next && lex.personNames.has(next.norm))) return null;
  }
  let j = found.next;
  // a role may be qualified before the name: باسم البيت الأبيض، وزير الخارجية الروسي، قائد قوات التحالف
  for (let skipped = 0; j < tokens.length && skipped < 4; skipped++) {
    const g = ctx.gaz[j];
    const role = found.trigger.kind === 'role';
    if (role && g && g.label !== 'PER') j = g.tokenEnd;
    else if (lex.nationalities.has(tokens[j].norm) || (role && isAdjective(ctx, tokens[j]))) j++;
    else if (found.trigger.kind === 'role' && reading(tokens[j])?.article && nameFollows(ctx, j + 1)) j++; // المتحدث باسم الجيش “…”
    else break;
  }
  const g = ctx.gaz[j];
  const run = g && g.label === 'PER' ? { from: j, to: g.tokenEnd } : nameRun(ctx, j, 'person');
  if (!run) return null;
  const titleStart = tokens[i].start + (found.analysis.article ?? found.analysis.stem).start;
  const title = { text: ctx.text.slice(titleStart, tokens[found.next - 1].end), en: found.trigger.en, kind: found.trigger.kind };
  const first = tokens[run.from];
  return candidate(ctx, run.from, first.start, run.to, 'PER', 0.75, { title });
}

/** Place and organisation descriptors share one shape. */
function descriptorRule(ctx: Context, i: number, lexicon: TriggerLexicon, label: Label): Candidate | null {
  const c = descriptorCandidate(ctx, i, lexicon, label);
  // a gazetteer name from the descriptor on is the better reading (دير الزور is a name, not دير + الزور; حزب الله
  // اللبناني is حزب الله and an adjective; وكالة أعماق الآليات is وكالة أعماق and a noun), unless the rule reads one
  // more word, an adjective that is no nationality and makes another body (مجلس الأمن القومي is not مجلس الأمن)
  const g = ctx.gaz[i];
  if (!c || !g || g.start > c.start) return c;
  if (g.tokenEnd >= c.tokenEnd) return null;
  const extra = ctx.tokens.slice(g.tokenEnd, c.tokenEnd);
  return extra.length === 1 && !ctx.lex.nationalities.has(extra[0].norm) && extra[0].norm.endsWith('ي') ? c : null;
}

/** descriptor → the word before it that makes a fixed phrase of it */
const FIXED_PHRASES = new Map([
  ['طريق', 'عن'],
  ['راس', 'علي'],
]);

function descriptorCandidate(ctx: Context, i: number, lexicon: TriggerLexicon, label: Label): Candidate | null {
  const found = triggerAt(ctx, i, lexicon);
  if (!found || hasArticle(found.analysis)) return null;
  const { tokens } = ctx;
  const j = found.next;
  if (j >= tokens.length) return null;
  // a descriptor in a fixed phrase is no descriptor: عن طريق "by way of", على رأس "at the head of"
  if (found.analysis.proclitics.length === 0 && i > 0 && FIXED_PHRASES.get(found.analysis.norm) === tokens[i - 1].norm) return null;
  const inside = found.trigger.kind === 'inside';
  const headStart = ctx.tokens[i].start + found.analysis.stem.start;
  const g = ctx.gaz[j];
  // after an inside head only a name of the rule's own kind (جبهة حلب is no organisation); after an outside one
  // (صحيفة، تنظيم) the name takes the rule's label (صحيفة الشرق الأوسط)
  if (g && (inside ? g.label === label : true)) {
    if (!inside) return g.label === label ? null : { ...g, label, source: 'rule', contextual: true, score: 0.8 };
    // facility head + name(s): طريق حمص تدمر
    let end = g.tokenEnd;
    for (let next = ctx.gaz[end]; label === 'LOC' && next?.label === 'LOC' && next.start === tokens[end].start; next = ctx.gaz[end]) end = next.tokenEnd;
    return candidate(ctx, i, headStart, end, label, 0.85);
  }
  if (label === 'ORG' && inside) {
    // a genitive chain: وكالة الأنباء الرسمية السورية، وزارة الدفاع الأمريكية، شركة المهر للغاز
    let k = j;
    while (k < tokens.length && k - j < MAX_NAME) {
      const t = tokens[k];
      if (t.kind !== 'word' && t.kind !== 'mixed') break;
      const a = readings(t)[0];
      if (a.proclitics.length === 0 && (a.article || nameLike(ctx, t))) {
        k++;
        continue;
      }
      if (k > j && a.proclitics.length === 1 && ctx.tokens[k].norm.startsWith('لل')) k++;
      break;
    }
    // one everyday word is not enough (حركة الإقلاع is traffic, not a movement)
    if (k === j + 1 && (ctx.lex.commonWords.has(stripArticle(tokens[j].norm)) || ctx.lex.commonWords.has(tokens[j].norm))) return null;
    return k > j ? candidate(ctx, i, headStart, k, label, 0.7) : null;
  }
  // after a facility head (قطاع، سوق، مطار) an everyday word with the article is no name unless it is a known name
  // word (قطاع الطاقة "the energy sector", مطار المدينة "the city's airport"); after a settlement word it may be
  // (حي الدورة، حي العامل: districts of Baghdad)
  const first = reading(tokens[j]);
  if (inside && first?.article && first.proclitics.length === 0 && ctx.lex.commonWords.has(first.stemNorm) && !ctx.lex.personNames.has(first.stemNorm)) return null;
  // a quoted word after a descriptor is a figure of speech more often than a name (أشبه بمدينة «أشباح»)
  const run = OPEN_QUOTES.has(tokens[j].text) ? null : nameRun(ctx, j, label === 'ORG' ? 'org' : 'place');
  if (!run) return null;
  return inside ? candidate(ctx, i, headStart, run.to, label, 0.7) : candidate(ctx, run.from, tokens[run.from].start, run.to, label, 0.7);
}

function placeRule(ctx: Context, i: number): Candidate | null {
  return descriptorRule(ctx, i, 'placeDescriptors', 'LOC');
}

function orgRule(ctx: Context, i: number): Candidate | null {
  return descriptorRule(ctx, i, 'orgDescriptors', 'ORG');
}

function unitRule(ctx: Context, i: number): Candidate | null {
  const { tokens, lex } = ctx;
  let head: CliticAnalysis | null = null;
  for (const a of readings(tokens[i])) {
    const f = lex.forces.get(a.norm);
    if (f && f.kind === 'force') {
      head = a;
      break;
    }
  }
  // بقيادة is "led by": what follows is the leader (بقيادة أليكس فيرغسون), not a unit
  if (!head || (head.norm === 'قياده' && head.proclitics.length > 0 && head.proclitics[head.proclitics.length - 1].text === 'ب')) return null;
  // the next word is itself a force noun: the unit starts there (قيادة الجيش الأمريكي → الجيش الأمريكي)
  const next = tokens[i + 1];
  if (next && reading(next)?.proclitics.length === 0 && lex.forces.get(next.norm)?.kind === 'force' && !lex.modifiers.has(next.norm)) return null;
  let j = i + 1;
  let ids = 0;
  while (j < tokens.length && j - i <= 6) {
    const t = tokens[j];
    const a = reading(t);
    const k = t.norm;
    // an indefinite head takes definite identifiers only: قوات النظام, not فصائل مسلحة كردية
    const definite = k.startsWith('ال');
    if (!head.article && !definite && t.kind !== 'number') break;
    const mod = lex.modifiers.get(k);
    if (mod) {
      if (mod.kind === 'specialty') ids++;
      j++;
      continue;
    }
    if (lex.nationalities.has(k) || lex.forces.get(k)?.kind === 'party') {
      ids++;
      j++;
      continue;
    }
    if (ids > 0 && a && a.proclitics.length === 1 && /^[وف]/.test(a.proclitics[0].text) && (lex.nationalities.has(a.norm) || lex.forces.get(a.norm)?.kind === 'party')) {
      ids++; // coordinated: الروسية والسورية
      j++;
      continue;
    }
    if (ids === 0 && t.kind === 'number') {
      ids++;
      j++;
      break;
    }
    const g = ctx.gaz[j];
    // a named force (قوات التحالف الدولي، قوات حفتر); not a person after a head that is also a rank (اللواء قاسم …)
    if (ids === 0 && g && (g.label !== 'PER' || !lex.titles.has(reading(tokens[i])?.norm ?? ''))) {
      ids++;
      j = g.tokenEnd;
      continue;
    }
    if (t.norm.startsWith('لل') && readings(t).some((x) => lex.forces.get(x.norm)?.kind === 'force')) {
      ids++; // القيادة العامة للجيش
      j++;
      break;
    }
    break;
  }
  if (ids === 0) return null;
  return candidate(ctx, i, tokens[i].start + (head.article ?? head.stem).start, j, 'UNIT', 0.8);
}
