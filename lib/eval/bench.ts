/**
 * The corpus benchmark: scores a tagger on gold documents and measures its speed (tokens per second, after a
 * warm-up pass, over at least `seconds` of repeated tagging).
 */
import { createTagger, type TaggerOptions } from '../tagger/tagger';
import { argTypeError } from '../errors';
import { scoreTable } from './report';
import { Scorer, type Mention, type Scores } from './score';
import type { GoldDoc } from './gold';

export interface EvaluateOptions extends TaggerOptions {
  /** how long to time tagging for, in seconds (default 1; 0 skips timing) */
  seconds?: number;
  /**
   * score as CoNLL scores ANERcorp (default false): entities widened to whole white-space tokens (proclitics
   * included: للأمم المتحدة), UNIT counted as ORG, gold PERS read as PER and gold labels other than PER, LOC and ORG
   * (MISC) left out; the tagger's `model` policy then defaults to 'only', the model alone, which learned ANERcorp's
   * conventions (the gazetteer and rules follow corpus/GUIDELINES.md)
   */
  conll?: boolean;
}

export interface Evaluation {
  scores: Scores;
  docs: number;
  tokens: number;
  /** full tag() speed; 0 when not timed */
  tokensPerSecond: number;
}

export function evaluate(docs: readonly GoldDoc[], options: EvaluateOptions = {}): Evaluation {
  if (!Array.isArray(docs)) throw argTypeError('evaluate', 'docs', 'an array of gold documents (parseGoldJsonl, [readConll(…)])', docs);
  const { seconds = 1, conll = false, ...taggerOptions } = options;
  const tagger = createTagger(conll ? { ...taggerOptions, model: taggerOptions.model ?? 'only' } : taggerOptions);
  const scorer = new Scorer();
  let tokens = 0;
  for (const d of docs) {
    const doc = tagger.tag(d.text);
    if (conll) scorer.add(conllGold(d.entities), doc.entities.map((e) => wholeTokens(d.text, e)));
    else scorer.add(d.entities, doc.entities);
    tokens += doc.tokens.length;
  }
  let tokensPerSecond = 0;
  if (seconds > 0 && tokens > 0) {
    let n = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < seconds * 1000) {
      for (const d of docs) tagger.tag(d.text);
      n++;
      elapsed = performance.now() - t0;
    }
    tokensPerSecond = (tokens * n) / (elapsed / 1000);
  }
  return { scores: scorer.scores(), docs: docs.length, tokens, tokensPerSecond };
}

const CONLL_GOLD: Record<string, string> = { PER: 'PER', PERS: 'PER', LOC: 'LOC', ORG: 'ORG' };

function conllGold(mentions: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) if (CONLL_GOLD[m.label]) out.push({ start: m.start, end: m.end, label: CONLL_GOLD[m.label] });
  return out;
}

/** The entity widened to the white-space tokens it touches, UNIT as ORG. */
function wholeTokens(text: string, e: Mention): Mention {
  let start = e.start;
  let end = e.end;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  while (end < text.length && !/\s/.test(text[end])) end++;
  return { start, end, label: e.label === 'UNIT' ? 'ORG' : e.label };
}

/** The evaluation as a plain-text report. */
export function formatEvaluation(e: Evaluation, title: string): string {
  const speed = e.tokensPerSecond ? `; tag(): ${Math.round(e.tokensPerSecond).toLocaleString('en-US')} tokens/s` : '';
  return [title, scoreTable(e.scores), `${e.docs} documents, ${e.tokens} tokens${speed}`].join('\n');
}
