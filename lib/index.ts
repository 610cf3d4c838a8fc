/**
 * arabic-ner: people, places, organisations and military units named in Arabic text.
 *
 * The public API. Everything else under lib/ is internal.
 */
export { tag, createTagger } from './tagger/tagger';
export type { ModelPolicy, Tagger, TaggerOptions } from './tagger/tagger';
export type { Doc, Entity, EntitySource, PersonTitle } from './tagger/types';

export { tokenize } from './tokenize';
export type { Token, TokenKind, TokenizeOptions, CliticAnalysis, Span, StemLexicon } from './tokenize';
export type { Sentence } from './sentences';

export { normalize, normalizeWithMap, toOriginal } from './normalize';
export type { NormalizeOptions, NormalizedText } from './normalize';

export { createGazetteer, lookup } from './gazetteer/gazetteer';
export type { Gazetteer, GazetteerEntry, EntryInput, LookupOptions, LookupResult, MatchKind, CreateGazetteerOptions } from './gazetteer/gazetteer';
export { parseGazetteer, formatGazetteer, GazetteerFileError } from './gazetteer/parse';
export type { ParseOptions } from './gazetteer/parse';

export { transliterate } from './translit/transliterate';
export type { Scheme } from './translit/transliterate';

export { score, Scorer, OVERALL } from './eval/score';
export type { Mention, Scores, LabelScore, Counts } from './eval/score';
export { parseGoldJsonl } from './eval/gold';
export type { GoldDoc, GoldMention } from './eval/gold';
export { evaluate, formatEvaluation } from './eval/bench';
export type { EvaluateOptions, Evaluation } from './eval/bench';
export { scoreTable } from './eval/report';

export { LABELS } from './labels';
export type { Label } from './labels';
export { DataError } from './errors';
export type { ErrorCode } from './errors';

export { toConll, bioTags, readConll } from './formats/conll';
export type { ReadConllOptions } from './formats/conll';
export { toBrat, readBrat } from './formats/brat';
export { toHTML, escapeHtml, HTML_STYLE, LABEL_COLOURS } from './formats/html';
export type { HtmlOptions } from './formats/html';
export { toPretty } from './formats/pretty';
export { toRecord, toSpacy } from './formats/json';
export type { EntityRecord } from './formats/json';
