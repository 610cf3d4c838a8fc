/** Plain-text tables of scores, for the CLI and the benchmark. */
import { OVERALL, type Scores } from './score';

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

export function scoreTable(scores: Scores): string {
  const labels = Object.keys(scores.strict).filter((l) => l !== OVERALL);
  const rows = [
    `${'label'.padEnd(6)} ${'support'.padStart(7)} | ${'strict P'.padStart(8)} ${'R'.padStart(6)} ${'F1'.padStart(6)} | ${'partial P'.padStart(9)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`,
  ];
  for (const l of [...labels, OVERALL]) {
    const s = scores.strict[l];
    const p = scores.partial[l] ?? { precision: 0, recall: 0, f1: 0 };
    rows.push(`${l.padEnd(6)} ${String(s.support).padStart(7)} | ${pct(s.precision).padStart(8)} ${pct(s.recall)} ${pct(s.f1)} | ${pct(p.precision).padStart(9)} ${pct(p.recall)} ${pct(p.f1)}`);
  }
  return rows.join('\n');
}
