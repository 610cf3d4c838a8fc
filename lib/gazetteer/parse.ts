/**
 * Reads gazetteer files: TSV (the format of `gazetteers/*.tsv`, see gazetteers/README.md) or JSON lines (one
 * `EntryInput` object a line). Every line is checked; a bad file throws one `DataError` naming the file and the first
 * bad line (all problems are in `error.problems`), and nothing of it is loaded.
 */
import { DataError } from '../errors';
import { entryProblem, toEntry, type EntryInput, type GazetteerEntry } from './entry';

export const TSV_HEADER = 'id\tlabel\tar\tar_variants\ten\ten_aliases\tfacts';
const COLUMNS = TSV_HEADER.split('\t');

export interface ParseOptions {
  /** the file name used in error messages (default '<input>') */
  file?: string;
  /** 'tsv' or 'jsonl' (default: from the file name's ending, else 'tsv') */
  format?: 'tsv' | 'jsonl';
}

/** A gazetteer file with problems: `message` is the first (`file:line: reason`), `problems` all of them. */
export class GazetteerFileError extends DataError {
  constructor(readonly problems: DataError[]) {
    super('ERR_GAZETTEER', problems[0].file, problems[0].line, problems[0].reason + (problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''));
    this.name = 'GazetteerFileError';
  }
}

/** Parses a gazetteer file's text. Throws `GazetteerFileError` if any line is bad. */
export function parseGazetteer(text: string, options: ParseOptions = {}): GazetteerEntry[] {
  const file = options.file ?? '<input>';
  const format = options.format ?? (/\.jsonl?$/i.test(file) ? 'jsonl' : 'tsv');
  const problems: DataError[] = [];
  const bad = (line: number, reason: string) => problems.push(new DataError('ERR_GAZETTEER', file, line, reason));
  const entries: GazetteerEntry[] = [];
  const seen = new Map<string, number>();
  if (text.charCodeAt(0) === 0xfeff) bad(1, 'file starts with a byte-order mark (BOM); save it as UTF-8 without BOM');
  const lines = text.split('\n');
  let header = format === 'jsonl';
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i];
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.endsWith('\r')) {
      bad(lineNo, 'line ends with CR (Windows CRLF line ends); save the file with LF line ends');
      line = line.slice(0, -1);
    }
    if (!line.trim() || line.startsWith('#')) continue;
    let input: EntryInput;
    if (format === 'jsonl') {
      try {
        input = JSON.parse(line);
      } catch (err) {
        bad(lineNo, `invalid JSON: ${(err as Error).message}`);
        continue;
      }
    } else {
      if (!header) {
        if (line !== TSV_HEADER) bad(lineNo, `expected the header line '${COLUMNS.join('<TAB>')}'`);
        header = true;
        continue;
      }
      const cols = line.split('\t');
      if (cols.length !== COLUMNS.length) {
        bad(lineNo, `expected ${COLUMNS.length} tab-separated columns (${COLUMNS.join(', ')}), got ${cols.length}`);
        continue;
      }
      const [id, label, ar, arv, en, ena, facts] = cols;
      const factObj: Record<string, string> = Object.create(null);
      let factsBad = false;
      for (const pair of facts ? facts.split(';') : []) {
        const eq = pair.indexOf('=');
        if (eq <= 0 || eq === pair.length - 1) {
          bad(lineNo, `facts must be key=value pairs separated by ';', got ${JSON.stringify(pair)}`);
          factsBad = true;
          break;
        }
        factObj[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      if (factsBad) continue;
      const list = (s: string) => (s ? s.split('|') : []);
      input = { id, label: label as EntryInput['label'], ar, arVariants: list(arv), en, enAliases: list(ena), facts: factObj };
    }
    const problem = entryProblem(input);
    if (problem) {
      bad(lineNo, problem);
      continue;
    }
    const prev = seen.get(input.id);
    if (prev !== undefined) {
      bad(lineNo, `duplicate id '${input.id}' (first on line ${prev})`);
      continue;
    }
    seen.set(input.id, lineNo);
    entries.push(toEntry(input));
  }
  if (format === 'tsv' && !header) bad(1, `file has no header line '${COLUMNS.join('<TAB>')}'`);
  if (problems.length) throw new GazetteerFileError(problems);
  return entries;
}

/** Serialises entries as gazetteer TSV (the inverse of `parseGazetteer`). */
export function formatGazetteer(entries: readonly GazetteerEntry[]): string {
  const rows = entries.map((e) =>
    [e.id, e.label, e.ar, e.arVariants.join('|'), e.en, e.enAliases.join('|'), Object.entries(e.facts).map(([k, v]) => `${k}=${v}`).join(';')].join('\t'),
  );
  return [TSV_HEADER, ...rows].join('\n') + '\n';
}
