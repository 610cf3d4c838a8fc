/**
 * Entity-level scoring, as conlleval / seqeval count it, micro-averaged per label and overall, in two modes:
 * - strict: a prediction is right when a gold mention has the same start, end and label;
 * - partial: a gold mention is found when some prediction of its label overlaps it (each prediction and each gold
 *   mention counted at most once, matched greedily in text order).
 * Spans are half-open UTF-16 offsets `[start, end)`.
 */
export interface Mention {
  start: number;
  end: number;
  label: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface LabelScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
  /** how many gold mentions */
  support: number;
}

export interface Scores {
  strict: Record<string, LabelScore>;
  partial: Record<string, LabelScore>;
}

/** The key of the overall (micro-averaged) row in `Scores`. */
export const OVERALL = 'ALL';

function finish(c: Counts): LabelScore {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1, support: c.tp + c.fn };
}

/** Accumulates counts over documents; `scores()` gives the table. */
export class Scorer {
  private readonly strict = new Map<string, Counts>();
  private readonly partial = new Map<string, Counts>();

  /** Adds one document's gold and predicted mentions. */
  add(gold: readonly Mention[], predicted: readonly Mention[]): void {
    const count = (m: Map<string, Counts>, label: string, k: keyof Counts) => {
      for (const l of [label, OVERALL]) {
        let c = m.get(l);
        if (!c) m.set(l, (c = { tp: 0, fp: 0, fn: 0 }));
        c[k]++;
      }
    };
    const key = (x: Mention) => `${x.start}:${x.end}:${x.label}`;
    // strict: each gold mention matches at most one prediction
    const unmatched = new Map<string, number>();
    for (const g of gold) unmatched.set(key(g), (unmatched.get(key(g)) ?? 0) + 1);
    for (const p of predicted) {
      const left = unmatched.get(key(p)) ?? 0;
      if (left > 0) unmatched.set(key(p), left - 1);
      count(this.strict, p.label, left > 0 ? 'tp' : 'fp');
    }
    for (const g of gold) {
      const left = unmatched.get(key(g)) ?? 0;
      if (left > 0) {
        unmatched.set(key(g), left - 1);
        count(this.strict, g.label, 'fn');
      }
    }

    const used = new Set<number>();
    const sortedPred = predicted.map((p, i) => ({ p, i })).sort((a, b) => a.p.start - b.p.start || a.p.end - b.p.end);
    for (const g of [...gold].sort((a, b) => a.start - b.start || a.end - b.end)) {
      const hit = sortedPred.find(({ p, i }) => !used.has(i) && p.label === g.label && p.start < g.end && g.start < p.end);
      if (hit) {
        used.add(hit.i);
        count(this.partial, g.label, 'tp');
      } else count(this.partial, g.label, 'fn');
    }
    for (const { p, i } of sortedPred) if (!used.has(i)) count(this.partial, p.label, 'fp');
  }

  scores(): Scores {
    const table = (m: Map<string, Counts>) => {
      const out: Record<string, LabelScore> = Object.create(null);
      const labels = [...m.keys()].filter((l) => l !== OVERALL).sort();
      for (const l of [...labels, OVERALL]) out[l] = finish(m.get(l) ?? { tp: 0, fp: 0, fn: 0 });
      return out;
    };
    return { strict: table(this.strict), partial: table(this.partial) };
  }
}

/** Scores one set of documents: `pairs` of gold and predicted mentions. */
export function score(pairs: Iterable<[readonly Mention[], readonly Mention[]]>): Scores {
  const s = new Scorer();
  for (const [g, p] of pairs) s.add(g, p);
  return s.scores();
}
