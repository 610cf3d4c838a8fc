/**
 * CoNLL / BIO (IOB2) over the tokenizer's tokens: one `token<TAB>tag` line a token, a blank line between sentences.
 *
 * The clitic rule: tags are per whole token, so a token that holds an entity behind proclitics is tagged with it
 * (`بتدمر` → B-LOC), as ANERcorp and most Arabic NER data do. Reading a CoNLL file back gives whole-token spans.
 */
import { DataError } from '../errors';
import type { Doc } from '../tagger/types';
import type { GoldDoc, GoldMention } from '../eval/gold';

/** BIO tags of every token of a doc. */
export function bioTags(doc: Pick<Doc, 'tokens' | 'entities'>): string[] {
  const tags = new Array<string>(doc.tokens.length).fill('O');
  let e = 0;
  const ents = [...doc.entities].sort((a, b) => a.start - b.start);
  for (let i = 0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i];
    while (e < ents.length && ents[e].end <= t.start) e++;
    const ent = ents[e];
    if (!ent || ent.start >= t.end) continue;
    const first = i === 0 || doc.tokens[i - 1].end <= ent.start;
    tags[i] = (first ? 'B-' : 'I-') + ent.label;
  }
  return tags;
}

/** The doc as CoNLL lines: `token<TAB>tag`, sentences separated by a blank line. */
export function toConll(doc: Doc): string {
  const tags = bioTags(doc);
  const lines: string[] = [];
  for (const s of doc.sentences) {
    for (let i = s.tokenStart; i < s.tokenEnd; i++) lines.push(`${doc.tokens[i].text.replace(/\s/g, '_')}\t${tags[i]}`);
    lines.push('');
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

export interface ReadConllOptions {
  /** file name for error messages */
  file?: string;
  /**
   * the original text the tokens come from: tokens are aligned to it in order (white space between them skipped), so
   * the offsets are offsets into it. Without it the text is rebuilt: tokens joined by spaces, sentences by newlines.
   */
  text?: string;
}

/**
 * Reads CoNLL/BIO (`token TAG` or `token<TAB>…<TAB>TAG`: the first field is the token, the last the tag) into a gold
 * document. Entities follow conlleval: an I- after O or after another type starts an entity.
 */
export function readConll(content: string, options: ReadConllOptions = {}): GoldDoc {
  const file = options.file ?? '<input>';
  const src = options.text;
  let text = '';
  const entities: GoldMention[] = [];
  let open: { start: number; end: number; label: string } | null = null;
  let prevBlank = true;
  const close = () => {
    if (open) entities.push({ ...open, text: (src ?? text).slice(open.start, open.end) });
    open = null;
  };
  let cursor = 0;
  content.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      close();
      if (!prevBlank && src === undefined) text += '\n';
      prevBlank = true;
      return;
    }
    const fields = line.split(/\t| /).filter(Boolean);
    if (fields.length < 2) throw new DataError('ERR_FORMAT', file, i + 1, `expected 'token TAG', got ${JSON.stringify(line)}`);
    const token = fields[0];
    const tag = fields[fields.length - 1];
    if (!/^(O|[BI]-[A-Za-z_]+)$/.test(tag)) throw new DataError('ERR_FORMAT', file, i + 1, `invalid BIO tag ${JSON.stringify(tag)}`);
    let start: number;
    if (src !== undefined) {
      const at = src.indexOf(token, cursor);
      if (at < 0 || src.slice(cursor, at).trim() !== '') throw new DataError('ERR_FORMAT', file, i + 1, `token ${JSON.stringify(token)} not found in the text at offset ${cursor}`);
      start = at;
      cursor = at + token.length;
    } else {
      if (!prevBlank) text += ' ';
      start = text.length;
      text += token;
    }
    prevBlank = false;
    const end = start + token.length;
    const label = tag.slice(2);
    if (tag === 'O') close();
    else if (tag.startsWith('B-') || !open || open.label !== label) {
      close();
      open = { start, end, label };
    } else open.end = end;
  });
  close();
  return { id: file, text: src ?? text.replace(/\n$/, ''), entities };
}
