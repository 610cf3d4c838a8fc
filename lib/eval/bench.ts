/**
 * The corpus benchmark: scores a tagger on gold documents and measures its speed (tokens per second, after a
 * warm-up pass, over at least `seconds` of repeated tagging).
 */
import { createTagger, type TaggerOptions } from '../tagger/tagger';
import { scoreTable } from './report';
import { Scorer, type Scores } from './score';
import type { GoldDoc } from './gold';

export interface EvaluateOptions extends TaggerOptions {
  /** how long to time tagging for, in seconds (default 1; 0 skips timing) */
  seconds?: number;
}

export interface Evaluation {
  scores: Scores;
  docs: number;
  tokens: number;
  /** full tag() speed; 0 when not timed */
  tokensPerSecond: number;
}

export function evaluate(docs: readonly GoldDoc[], options: EvaluateOptions = {}): Evaluation {
  const { seconds = 1, ...taggerOptions } = options;
  const tagger = createTagger(taggerOptions);
  const scorer = new Scorer();
  let tokens = 0;
  for (const d of docs) {
    const doc = tagger.tag(d.text);
    scorer.add(d.entities, doc.entities);
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

/** The evaluation as a plain-text report. */
export function formatEvaluation(e: Evaluation, title: string): string {
  const speed = e.tokensPerSecond ? `; tag(): ${Math.round(e.tokensPerSecond).toLocaleString('en-US')} tokens/s` : '';
  return [title, scoreTable(e.scores), `${e.docs} documents, ${e.tokens} tokens${speed}`].join('\n');
}
