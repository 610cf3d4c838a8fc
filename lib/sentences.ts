/**
 * Sentence splitting over tokens, with offsets into the original text.
 *
 * A sentence ends after a token of . ! ? ؟ … (or a run of them) and at every line break. Not at a `.` inside a number
 * (the tokenizer keeps `3.5` whole) nor at the dots of an abbreviation of single letters (`أ.ب`, `U.S.`). Closing
 * quotes and brackets right after the end mark stay with the sentence.
 */
import type { Token } from './tokens';

export interface Sentence {
  /** `text.slice(start, end)`: from the first token's start to the last token's end */
  text: string;
  start: number;
  end: number;
  /** the sentence's tokens are `tokens.slice(tokenStart, tokenEnd)` */
  tokenStart: number;
  tokenEnd: number;
}

const END_MARK = /^[.!?؟…]+$/;
const CLOSERS = new Set(['”', '»', ')', '"', "'", '’', ']', '}', '›']);

function isSingleLetter(t: Token | undefined): boolean {
  return t !== undefined && t.kind !== 'punctuation' && t.kind !== 'number' && t.norm.length === 1;
}

export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last < first) return;
    const start = tokens[first].start;
    const end = tokens[last].end;
    out.push({ text: text.slice(start, end), start, end, tokenStart: first, tokenEnd: last + 1 });
    first = last + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'punctuation' && END_MARK.test(t.text)) {
      const prev = tokens[i - 1];
      const abbreviation =
        t.text === '.' && isSingleLetter(prev) && prev.end === t.start && (next === undefined || (isSingleLetter(next) && next.start === t.end) || (prev !== undefined && tokens[i - 2]?.text === '.' && tokens[i - 2].end === prev.start));
      if (!abbreviation) {
        let last = i;
        while (tokens[last + 1] && CLOSERS.has(tokens[last + 1].text) && tokens[last + 1].start === tokens[last].end) last++;
        close(last);
        i = last;
        continue;
      }
    }
    if (next !== undefined && hasLineBreak(text, t.end, next.start)) close(i);
  }
  close(tokens.length - 1);
  return out;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
