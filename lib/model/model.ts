/**
 * The model stage of the tagger: features over the tokens, Viterbi, and the decoded BIO spans as candidates with
 * `source: 'model'`. The shipped model (models/ner.json, trained by scripts/train-model.ts on ANERcorp) is unpacked
 * on first use.
 */
import { builtinModel } from '../data';
import type { Label } from '../labels';
import type { Token } from '../tokens';
import type { RuleLexicons } from '../tagger/lexicons';
import type { Candidate } from '../tagger/types';
import { allFeatures, gazetteerTags, triggerTags } from './features';
import { decode, TAGS, unpack, type ShippedModel, type Weights } from './perceptron';

let shipped: Weights | null | undefined;

/** The built-in model's weights, or null when the package ships none. */
export function defaultModel(): Weights | null {
  if (shipped === undefined) {
    const m = builtinModel<ShippedModel>('ner');
    shipped = m ? unpack(m) : null;
  }
  return shipped;
}

/** @internal replaces the model taggers created from now on use (the training script measures policies with it) */
export function setDefaultModel(w: Weights | null): void {
  shipped = w;
}

/** Feature buckets of every token (internal: training and tagging share it). */
export function featurize(tokens: readonly Token[], lex: RuleLexicons, gazetteerCandidates: readonly Candidate[], wordLabels: (key: string) => number): Int32Array[] {
  return allFeatures({ tokens, lex, gaz: gazetteerTags(tokens.length, gazetteerCandidates), trig: triggerTags(tokens, lex), wordLabels });
}

/**
 * Decoded BIO spans as candidates. Proclitics of the first token stay outside the span. Spans the lexicons show to
 * be no name are dropped: one common word, descriptor or force noun alone (الريف), or a span holding an indefinite
 * nationality adjective (جوي روسي: "Russian air [support]").
 */
export function modelCandidates(tokens: readonly Token[], weights: Weights, feats: readonly Int32Array[], lex: RuleLexicons): Candidate[] {
  const tags = decode(weights, feats);
  const out: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tag = TAGS[tags[i]];
    if (!tag.startsWith('B-') || tokens[i].kind === 'punctuation') {
      i++;
      continue;
    }
    const label = tag.slice(2) as Label;
    let j = i + 1;
    while (j < tokens.length && TAGS[tags[j]] === 'I-' + label) j++;
    while (j > i + 1 && tokens[j - 1].kind === 'punctuation') j--;
    const a = tokens[i].analyses[0];
    if (!plausible(tokens, i, j, lex)) {
      i = j;
      continue;
    }
    out.push({ start: a ? (a.article ?? a.stem).start : tokens[i].start, end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, label, source: 'model', score: 0.6 });
    i = j;
  }
  return out;
}

function plausible(tokens: readonly Token[], from: number, to: number, lex: RuleLexicons): boolean {
  for (let k = from; k < to; k++) {
    // the word or its stem behind a proclitic (وروسي): an indefinite nationality adjective is no name
    const a = tokens[k].analyses[0];
    const n = a && !a.article ? a.norm : tokens[k].norm;
    if (!n.startsWith('ال') && lex.nationalities.has(n)) return false;
  }
  if (to - from === 1) {
    const stem = tokens[from].analyses[0]?.stemNorm ?? tokens[from].norm;
    if (lex.commonWords.has(tokens[from].norm) || lex.commonWords.has(stem) || lex.commonWords.has('ال' + stem)) return false;
    // a descriptor, force noun or title alone (الريف، القوات، الرئيس) is no name
    if (lex.placeDescriptors.has(stem) || lex.orgDescriptors.has(stem) || lex.forces.has(stem) || lex.titles.has(stem) || lex.titles.has('ال' + stem)) return false;
  }
  return true;
}
