/**
 * The tagger: text → tokens → candidate mentions (gazetteer, rules, model) → resolved entities.
 */
import { argTypeError, argValueError, rejectUnknownOptions, requireOptions, requireString } from '../errors';
import { defaultGazetteer, type Gazetteer } from '../gazetteer/gazetteer';
import { isLabel, LABELS, type Label } from '../labels';
import { defaultLexicon } from '../lexicon';
import { stripMarks } from '../normalize';
import { splitSentences, type Sentence } from '../sentences';
import { scan, WordForms, type Token } from '../tokens';
import { romanize, romanizePerson } from '../translit/romanize';
import { ruleLexicons, type RuleLexicons } from './lexicons';
import { matchGazetteer } from './match';
import { choose, complete, isFree, resolve } from './resolve';
import { applyRules } from './rules';
import { defaultModel, isPlausibleName, modelCandidates, modelTags } from '../model/model';
import type { Candidate, Doc, Entity } from './types';

export interface TaggerOptions {
  /** the gazetteer to match (default: the built-in one; see `createGazetteer`) */
  gazetteer?: Gazetteer;
  /** which labels to report (default all: PER, LOC, ORG, UNIT) */
  labels?: Label[];
  /**
   * apply the context rules (default true): names after titles, descriptors and force nouns, and lone surnames of
   * persons found in full. With false, only the gazetteer's names (and the model's) are reported.
   */
  rules?: boolean;
  /**
   * how the trained sequence model combines with the gazetteer and rules: 'fill' (default: the gazetteer and rules
   * decide, the model adds names where they found none), 'first' (the model decides, the gazetteer and rules fill
   * the gaps), 'only' (the model's spans alone, the gazetteer as its features: closest to ANERcorp's conventions) or
   * 'off'. See the README for the measurements behind the default.
   */
  model?: ModelPolicy;
}

export type ModelPolicy = 'fill' | 'first' | 'only' | 'off';
const MODEL_POLICIES: readonly ModelPolicy[] = ['fill', 'first', 'only', 'off'];

export interface Tagger {
  /** Tags one text. */
  tag(text: string): Doc;
}

/** Node's util.inspect.custom, without importing node:util (the library also runs in browsers). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

class DocImpl implements Doc {
  #sentences: Sentence[] | undefined;

  constructor(
    readonly text: string,
    readonly tokens: Token[],
    readonly entities: Entity[],
  ) {}

  /** split on first read (most callers read only the entities: splitting cost ~5% of a gazetteer-only tag()) */
  get sentences(): Sentence[] {
    return (this.#sentences ??= splitSentences(this.text, this.tokens));
  }

  set sentences(value: Sentence[]) {
    this.#sentences = value;
  }

  /** A compact view for the REPL: the entities, not the token objects. */
  [INSPECT](_depth: number, options: { stylize: (s: string, style: string) => string }): string {
    const head = `Doc(${this.tokens.length} tokens, ${this.sentences.length} sentences, ${this.entities.length} entities)`;
    const rows = this.entities.map(
      (e) => `  ${options.stylize(e.label.padEnd(4), 'special')} ${e.text}  [${e.start}, ${e.end})  ${e.latin}${e.id ? `  ${options.stylize(e.id, 'undefined')}` : ''}`,
    );
    return [head, ...rows].join('\n');
  }

  toJSON(): Doc {
    return { text: this.text, tokens: this.tokens, sentences: this.sentences, entities: this.entities };
  }
}

/** A reusable tagger with its own gazetteer, labels and rule switch. */
export function createTagger(options?: TaggerOptions): Tagger {
  requireOptions('createTagger', options);
  rejectUnknownOptions('createTagger', options, ['gazetteer', 'labels', 'rules', 'model']);
  const gazetteer = options?.gazetteer ?? defaultGazetteer();
  if (typeof (gazetteer as Gazetteer | undefined)?.phrasesFrom !== 'function') throw argTypeError('createTagger', 'options.gazetteer', 'a Gazetteer (from createGazetteer)', gazetteer);
  const labels = options?.labels ?? LABELS;
  if (!Array.isArray(labels)) throw argTypeError('createTagger', 'options.labels', 'an array of labels', labels);
  for (const l of labels) if (!isLabel(l)) throw argValueError('createTagger', 'options.labels', `has an unknown label ${JSON.stringify(l)} (known: ${LABELS.join(', ')})`);
  const wanted = new Set<Label>(labels);
  const useRules = options?.rules ?? true;
  if (typeof useRules !== 'boolean') throw argTypeError('createTagger', 'options.rules', 'a boolean', useRules);
  // linking lone surnames is a context rule too
  const resolveOptions = { surnames: useRules };
  const policy = options?.model ?? 'fill';
  if (!MODEL_POLICIES.includes(policy)) throw argValueError('createTagger', 'options.model', `must be one of ${MODEL_POLICIES.join(', ')}, got ${JSON.stringify(policy)}`);
  const lex = ruleLexicons();
  const builtinStems = defaultLexicon();
  // the gazetteer's own name words rank clitic analyses too (a user's entry makes وX read as و + X)
  const isCommon = (k: string) => lex.commonWords.has(k);
  const stems = options?.gazetteer === undefined ? builtinStems : { has: (k: string) => builtinStems.has(k) || gazetteer.hasStem(k, isCommon) };
  const weights = policy === 'off' ? null : defaultModel();
  // what the tagger caches per word form (clitic analyses, model features) holds while the gazetteer does not change
  let revision = -1;
  let forms: WordForms;
  let wordLabels: (key: string) => number;
  let named: NameCache;

  return {
    tag(text: string): Doc {
      requireString('tag', 'text', text);
      if (gazetteer.revision !== revision) {
        revision = gazetteer.revision;
        forms = new WordForms(stems);
        wordLabels = (key: string) => gazetteer.wordLabels(key);
        named = new Map();
      }
      const tokens = scan(text, stems, true, forms);
      const { matched, candidates } = ruleStage(text, tokens, gazetteer, lex, useRules);
      let resolved: Candidate[];
      if (weights) {
        // the model reads what the gazetteer and rules alone resolve to
        const choice = choose(tokens, candidates, lex, resolveOptions);
        let fromModel = modelCandidates(tokens, modelTags(tokens, weights, lex, { matches: matched, resolved: complete(choice), wordLabels }));
        // ('fill' takes a model span only where the choice left its tokens free: the others need no test)
        if (policy === 'fill') fromModel = fromModel.filter((c) => isFree(choice.taken, c) && isPlausibleName(tokens, c, lex, gazetteer));
        else if (policy === 'first') fromModel = fromModel.filter((c) => isPlausibleName(tokens, c, lex, gazetteer));
        // 'fill' completes the same choice with the model's spans
        resolved = policy === 'only' ? resolve(tokens, fromModel, lex, [], resolveOptions) : policy === 'first' ? resolve(tokens, fromModel, lex, candidates, resolveOptions) : complete(choice, fromModel);
      } else {
        resolved = resolve(tokens, candidates, lex, [], resolveOptions);
      }
      const entities = resolved
        .filter((c) => wanted.has(c.label))
        .map((c) => toEntity(text, c, gazetteer, named));
      return new DocImpl(text, tokens, entities);
    },
  };
}

/** What an entity's surface gives with a label and entry: its normalised form, Latin name and link. */
interface Name extends Pick<Entity, 'normalized' | 'latin' | 'id' | 'canonical'> {
  label: Label;
  elided: boolean;
  entry: number | undefined;
}
/** names by surface (one surface can have several labels or entries) */
type NameCache = Map<string, Name[]>;
/** beyond this many surfaces the cache starts again (a text stream's names are unbounded) */
const NAME_CACHE_SIZE = 50_000;

/**
 * @internal The gazetteer and rule stage: every gazetteer match (`matched`: the weak ones are the model's features, not
 * reported; see lib/tagger/match.ts) and the candidates it proposes (`candidates`: the strong matches and the rules').
 * The training script builds the model's input with it, as the tagger does.
 */
export function ruleStage(text: string, tokens: readonly Token[], gazetteer: Gazetteer, lex: RuleLexicons, useRules = true): { matched: Candidate[]; candidates: Candidate[] } {
  const matched = matchGazetteer(tokens, gazetteer, lex);
  const fromGazetteer = matched.some((c) => c.weak) ? matched.filter((c) => !c.weak) : matched;
  const candidates = useRules ? [...fromGazetteer, ...applyRules(text, tokens, lex, fromGazetteer, (k) => gazetteer.personBySurname(k))] : fromGazetteer;
  return { matched, candidates };
}

function toEntity(text: string, c: Candidate, gazetteer: Gazetteer, named: NameCache): Entity {
  const surface = text.slice(c.start, c.end);
  const elided = !!c.elided;
  let names = named.get(surface);
  if (!names) {
    if (named.size >= NAME_CACHE_SIZE) named.clear();
    named.set(surface, (names = []));
  }
  let name = names.find((n) => n.label === c.label && n.elided === elided && n.entry === c.entry);
  if (!name) names.push((name = nameOf(surface, c, gazetteer)));
  const e: Entity = {
    start: c.start,
    end: c.end,
    label: c.label,
    text: surface,
    normalized: name.normalized,
    latin: name.latin,
    source: c.source,
    score: Math.round(c.score * 100) / 100,
  };
  if (name.id) e.id = name.id;
  if (name.canonical) e.canonical = name.canonical;
  if (c.title) e.title = c.title;
  return e;
}

function nameOf(surface: string, c: Candidate, gazetteer: Gazetteer): Name {
  const clean = stripMarks(surface).replace(/\s+/g, ' ');
  const normalized = c.elided ? 'ا' + clean : clean;
  // a name the rules or the model found is linked when the gazetteer has it under the same label
  const index = c.entry ?? gazetteer.entryNamed(normalized, c.label);
  const entry = index !== undefined ? gazetteer.entryAt(index) : undefined;
  const linked = entry && entry.label === c.label ? entry : undefined;
  return { label: c.label, elided: !!c.elided, entry: c.entry, normalized, latin: entry?.en || (c.label === 'PER' ? romanizePerson(normalized) : romanize(normalized)), id: linked?.id, canonical: linked?.ar || undefined };
}

let shared: Tagger | null = null;

/**
 * Finds the people, places, organisations and military units named in Arabic text.
 *
 * @example
 * const doc = tag('قصف التحالف مواقع لداعش في تدمر');
 * doc.entities.map(e => [e.label, e.text]) // [['ORG','التحالف'], ['ORG','داعش'], ['LOC','تدمر']]
 */
export function tag(text: string, options?: TaggerOptions): Doc {
  requireString('tag', 'text', text);
  if (options !== undefined) return createTagger(options).tag(text);
  if (!shared) shared = createTagger();
  return shared.tag(text);
}
