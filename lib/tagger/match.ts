/**
 * Gazetteer stage: longest match of gazetteer names over token sequences, clitic-aware.
 *
 * At each token every clitic analysis is tried (so `بتدمر` and `وداعش` reach their names even when another reading
 * ranks first), the article-restored key of the analysis (`للتحالف` → التحالف) opens the phrase, and the following
 * tokens must match the phrase's word keys exactly. A multi-word name written as one word (`ديرالزور`) matches too.
 * Per token the longest match wins; among equally long ones, the better-ranked analysis.
 *
 * A reading behind proclitics is tried only when it ranks at least as high as the word read whole (see lib/clitics.ts),
 * so `وكالة` is not و + a place called كالة.
 *
 * Precision guard: a one-word match taken from generated data (GeoNames, …), other than a country, a capital or a
 * city of 100,000 people, is dropped when the word is also a common word or a person-name word; after a place
 * descriptor (مدينة، قرية …) the rule stage finds it anyway. Any other one-word generated place (not a country or
 * capital) with no word of place before it is `weak`: the model reads it as a feature, the tagger does not report it.
 */
import type { Gazetteer, GazetteerEntry, Opener, Phrase } from '../gazetteer/gazetteer';
import { isMinorGenerated } from '../gazetteer/entry';
import type { CliticAnalysis } from '../clitics';
import { type Token, formOf, readings } from '../tokens';
import type { Candidate } from './types';
import { isOutsideDescriptor, ruleLexicons, type RuleLexicons } from './lexicons';
import { stripArticle } from '../gazetteer/keys';
import { matchKey } from '../normalize';

export function matchGazetteer(tokens: readonly Token[], gazetteer: Gazetteer, lex: RuleLexicons): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punctuation') continue;
    const steps = planOf(t, gazetteer, lex);
    if (steps.length === 0) continue;
    const rs = readings(t);
    let best: Candidate | null = null;
    for (const s of steps) {
      const a = rs[s.reading];
      const found = s.opener ? longest(tokens, i, s.opener, gazetteer, lex) : null;
      let phrase = found?.phrase;
      let end = found?.end ?? i + 1;
      if (!phrase) {
        phrase = s.glued;
        end = i + 1;
      }
      if (!phrase) continue;
      const entry = phrase.entries[0];
      const e = gazetteer.entryAt(entry);
      let weak = false;
      if (end - i === 1 && phrase.keys.length === 1) {
        if (s.rejectsSingle) continue;
        // a place from generated data (GeoNames, dr5hn), other than a country or capital, needs a word of place before
        // it (في، من، قرب، شمال …) or ب: those databases name villages after everyday words (قصر، هام، ينقل)
        weak = e.facts.source !== undefined && e.facts.type !== 'country' && e.facts.type !== 'capital' && !locativeCue(tokens, i, a);
        // a Latin word inside a longer Latin name (Palmyra in "Palmyra Monitor") is not that name
        if (t.kind === 'latin' && (isCapitalisedLatin(tokens[i - 1]) || isCapitalisedLatin(tokens[i + 1]))) continue;
      }
      // a place listed with its settlement descriptor (مدينة الزاوية) is tagged without it, as the guidelines say
      const trim = e.label === 'LOC' && phrase.keys.length >= 2 && end - i >= 2 && isOutsideDescriptor(lex, phrase.keys[0]);
      const start = trim ? tokens[i + 1].start : t.start + (a.article ?? a.stem).start;
      const c: Candidate = {
        start,
        end: tokens[end - 1].end,
        tokenStart: trim ? i + 1 : i,
        tokenEnd: end,
        label: e.label,
        source: 'gazetteer',
        score: Math.min(1, 0.8 + 0.1 * (end - i) + (e.facts.source === undefined ? 0.1 : 0)),
        entry,
        elided: s.elided,
      };
      if (weak) c.weak = true;
      if (!best || c.end - c.start > best.end - best.start) best = c;
    }
    if (best) out.push(best);
  }
  return out;
}

/** Can a name of the gazetteer start at this token (some reading opens a phrase or is a glued name)? */
export function opensName(t: Token, gazetteer: Gazetteer): boolean {
  return planOf(t, gazetteer, ruleLexicons()) !== OPENS_NOTHING;
}

/**
 * What the matcher tries at a word, worked out once per word form (kept on the form): the readings that may start a
 * name, each with what it opens in the gazetteer. A word that opens nothing costs one test a token. Most words open
 * nothing, or nothing worth trying: they share the two empty plans below (a form is kept for every word of a text).
 */
type MatchPlan = readonly Step[];
/** no reading opens a phrase or is a glued name */
const OPENS_NOTHING: MatchPlan = Object.freeze([]);
/** some reading does, but none is worth trying (below the bar, or a one-word name it can never be) */
const TRIES_NOTHING: MatchPlan = Object.freeze([]);

/** A reading of a word form that may start a name. */
interface Step {
  /** its index in `readings(token)` */
  reading: number;
  /** the phrases it opens, if any */
  opener: Opener | undefined;
  /** the multi-word name it is, written as one word (tried when no phrase matches) */
  glued: Phrase | undefined;
  /** a one-word match of it is dropped in any context (see `rejectsAlone`) */
  rejectsSingle: boolean;
  /** its article is the elided ل of لل (للتحالف): the name's normalised form gets its alef back */
  elided: boolean;
}

function planOf(t: Token, gazetteer: Gazetteer, lex: RuleLexicons): MatchPlan {
  const f = formOf(t);
  // (kept for the built-in lexicons, the only ones the tagger passes)
  const keep = f !== undefined && lex === ruleLexicons();
  if (keep && f.gazetteer === gazetteer && f.gazetteerRevision === gazetteer.revision) return f.matchPlan as MatchPlan;
  const rs = readings(t);
  // the reading with no proclitic sets the bar: a reading that ranks below it is not tried (وكالة is not و + كالة)
  const bar = rs.find((a) => a.proclitics.length === 0)?.score ?? 0;
  const steps: Step[] = [];
  let opens = false;
  for (let r = 0; r < rs.length; r++) {
    const a = rs[r];
    if (a.score < bar) {
      opens ||= gazetteer.opensPhrase(a.norm) || gazetteer.gluedPhrase(a.norm) !== undefined;
      continue;
    }
    const opener = gazetteer.opener(a.norm);
    const glued = gazetteer.gluedPhrase(a.norm);
    if (!opener && !glued) continue;
    opens = true;
    // the phrase a match of this word alone gives (glued names are tried only when the reading opens no phrase)
    const single = opener?.singles[0] ?? (glued?.keys.length === 1 ? glued : undefined);
    const rejectsSingle = single !== undefined && rejectsAlone(t, a, gazetteer.entryAt(single.entries[0]), lex);
    // a reading whose only match is a one-word name it can never be is not tried
    if (rejectsSingle && !opener?.bySecond) continue;
    steps.push({ reading: r, opener, glued, rejectsSingle, elided: a.article !== null && matchKey(a.article.text) === 'ل' });
  }
  const plan = steps.length > 0 ? steps : opens ? TRIES_NOTHING : OPENS_NOTHING;
  if (keep) {
    f.gazetteer = gazetteer;
    f.gazetteerRevision = gazetteer.revision;
    f.matchPlan = plan;
  }
  return plan;
}

/**
 * Is a one-word match of reading `a` of the token, naming entry `e`, dropped whatever the context? The precision
 * guard's tests of the word alone (the tests of its context are `matchGazetteer`'s).
 */
function rejectsAlone(t: Token, a: CliticAnalysis, e: GazetteerEntry, lex: RuleLexicons): boolean {
  const bare = stripArticle(a.norm);
  // a nationality adjective (سوري) is no place, whatever a place database says
  if (lex.nationalities.has(a.norm) && e.facts.type !== 'country') return true;
  // the whole word also reads as proclitic + common word (وأنه = و + أنه): too ambiguous for one word
  if (a.proclitics.length === 0 && readings(t).some((x) => x.proclitics.length > 0 && x.stemNorm.length >= 2 && lex.commonWords.has(x.stemNorm))) return true;
  // a common word is no name on its own (آفاد folds to افاد, "he reported"), a rare person name no minor place
  // (a name with the article, التحالف، الجزيرة, was listed as such on purpose; verbs never take the article)
  if (!a.norm.startsWith('ال') && (lex.commonWords.has(a.norm) || lex.commonWords.has(bare))) return true;
  return isMinorGenerated(e) && (lex.personNames.has(bare) || lex.commonWords.has(t.norm));
}

function isCapitalisedLatin(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'latin' && t.text.charCodeAt(0) >= 0x41 && t.text.charCodeAt(0) <= 0x5a;
}

/**
 * The longest phrase from token i. A trailing adjective stays outside when the name without it is the same entry's
 * name too (حزب الله اللبناني → حزب الله; مطار تدمر العسكري → مطار تدمر), as the guidelines say.
 */
function longest(tokens: readonly Token[], i: number, opener: Opener, gazetteer: Gazetteer, lex: RuleLexicons): { phrase: Phrase; end: number } | null {
  const phrases = gazetteer.phrasesAfter(opener, i + 1 < tokens.length ? tokens[i + 1].norm : '');
  for (const p of phrases) {
    const n = p.keys.length;
    if (i + n > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < n; k++) {
      if (tokens[i + k].norm !== p.keys[k]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const e = gazetteer.entryAt(p.entries[0]);
    if (n >= 2 && isTrailingAdjective(p.keys[n - 1], lex, e)) {
      // (a one-word name keeps its adjective: التحالف الدولي is not التحالف + an adjective)
      const shorter = n >= 3 ? phrases.find((q) => q.keys.length === n - 1 && q.keys.every((k, m) => k === p.keys[m]) && q.entries[0] === p.entries[0]) : undefined;
      if (shorter) return { phrase: shorter, end: i + n - 1 };
      // a club listed with its nationality to tell it from its city (ليون الفرنسي) is that club; the nationality
      // stays outside the mention
      if (e.facts.type === 'club' && lex.nationalities.has(p.keys[n - 1])) return { phrase: p, end: i + n - 1 };
    }
    return { phrase: p, end: i + n };
  }
  return null;
}

/**
 * A nisba adjective with the article that qualifies a name without being part of it: ال…ي / ال…ية (العسكري،
 * النفطي); a nationality only after a group or party (حزب الله اللبناني), since an institution keeps its country
 * (المجلس الأعلى للأمن القومي الإيراني، وزارة الدفاع الأمريكية).
 */
function isTrailingAdjective(key: string, lex: RuleLexicons, e: GazetteerEntry): boolean {
  if (!key.startsWith('ال')) return false;
  if (lex.nationalities.has(key)) return e.facts.type === 'group' || e.facts.type === 'party' || e.facts.type === 'club';
  return key.length >= 5 && (key.endsWith('ي') || key.endsWith('يه'));
}

const LOCATIVE = new Set(['في', 'من', 'الي', 'قرب', 'نحو', 'حول', 'داخل', 'خارج', 'شمال', 'جنوب', 'شرق', 'غرب', 'شمالي', 'جنوبي', 'شرقي', 'غربي', 'باتجاه', 'عند', 'ريف', 'بين', 'حتي', 'عبر', 'بلده', 'مدينه', 'قريه']);
/** Is there a word of place right before token i (في، قرب، شمال …), or is ب its proclitic? */
function locativeCue(tokens: readonly Token[], i: number, a: CliticAnalysis): boolean {
  if (a.proclitics.some((p) => p.text === 'ب')) return true;
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (LOCATIVE.has(prev.norm)) return true;
  const pa = readings(prev)[0];
  return pa !== undefined && LOCATIVE.has(pa.stemNorm);
}
