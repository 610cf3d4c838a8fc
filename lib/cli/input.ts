/**
 * Streaming input for the CLI: a file (or standard input) is read in chunks and cut into documents without holding it
 * all in memory. Plain text is cut at line breaks (no name spans one), so entity offsets stay offsets into the whole
 * file; JSON lines give one document per line. Bytes that are not UTF-8 stop the read with the byte offset.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';

export class InputError extends Error {}

export interface InputDoc {
  /** the record id (JSONL `id`, or the file name and line) */
  id: string;
  text: string;
  /** offset of `text` in the file (plain text), 0 for JSONL */
  offset: number;
}

export type InputFormat = 'text' | 'jsonl';

/** Checks that a path is a readable file; the error is one line. */
export function checkFile(file: string): number {
  if (file === '-') return 0;
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  const st = statSync(file);
  if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a file`);
  return st.size;
}

/** Chunks of decoded text, rejecting invalid UTF-8. `onBytes` reports progress. */
async function* decodedChunks(file: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const stream = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError(`${file}: invalid UTF-8 in bytes ${bytes}–${bytes + chunk.length}`);
    }
    bytes += chunk.length;
    onBytes(bytes);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new InputError(`${file}: invalid UTF-8 at the end of the file (a truncated character)`);
  }
}

/** Documents of a file: JSON lines (`{"id", "text"}`) or plain text cut at line breaks into pieces of ~`chunk` chars. */
export async function* readDocs(file: string, format: InputFormat, onBytes: (n: number) => void = () => {}, chunk = 1 << 16): AsyncGenerator<InputDoc> {
  let buffer = '';
  let offset = 0; // file offset of buffer[0]
  let line = 0;
  const name = file === '-' ? '<stdin>' : file;
  for await (const text of decodedChunks(file, onBytes)) {
    buffer += text;
    if (format === 'jsonl') {
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        line++;
        const doc = parseRecord(buffer.slice(0, nl), name, line);
        buffer = buffer.slice(nl + 1);
        if (doc) yield doc;
      }
    } else if (buffer.length >= chunk) {
      const cut = buffer.lastIndexOf('\n');
      if (cut < 0) continue;
      yield { id: name, text: buffer.slice(0, cut + 1), offset };
      offset += cut + 1;
      buffer = buffer.slice(cut + 1);
    }
  }
  if (format === 'jsonl') {
    if (buffer.trim()) {
      const doc = parseRecord(buffer, name, line + 1);
      if (doc) yield doc;
    }
  } else if (buffer) yield { id: name, text: buffer, offset };
}

function parseRecord(raw: string, file: string, line: number): InputDoc | null {
  const s = raw.replace(/\r$/, '');
  if (!s.trim()) return null;
  let o: unknown;
  try {
    o = JSON.parse(s);
  } catch (e) {
    throw new InputError(`${file}:${line}: invalid JSON (${(e as Error).message})`);
  }
  const r = o as { id?: unknown; text?: unknown };
  if (!r || typeof r !== 'object' || typeof r.text !== 'string') throw new InputError(`${file}:${line}: expected an object with a string "text" field`);
  return { id: r.id === undefined ? `${file}:${line}` : String(r.id), text: r.text, offset: 0 };
}
