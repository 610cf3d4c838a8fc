import { score, OVERALL, type Mention } from '../lib/eval/score';

const m = (start: number, end: number, label: string): Mention => ({ start, end, label });

describe('score', () => {
  test('perfect prediction', () => {
    const g = [m(0, 4, 'LOC'), m(10, 15, 'PER')];
    const s = score([[g, g]]);
    expect(s.strict[OVERALL]).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  });

  test('a boundary error is a false positive and a false negative in strict mode, a hit in partial mode', () => {
    const s = score([[[m(0, 10, 'LOC')], [m(0, 6, 'LOC')]]]);
    expect(s.strict.LOC).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(s.partial.LOC).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
  });

  test('a label error counts against both labels', () => {
    const s = score([[[m(0, 4, 'ORG')], [m(0, 4, 'UNIT')]]]);
    expect(s.strict.ORG).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(s.strict.UNIT).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    expect(s.partial[OVERALL]).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  test('touching spans do not overlap (half-open offsets)', () => {
    const s = score([[[m(0, 4, 'LOC')], [m(4, 8, 'LOC')]]]);
    expect(s.partial.LOC).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  test('one prediction overlapping two gold mentions is counted once in partial mode', () => {
    const s = score([[[m(0, 4, 'LOC'), m(5, 9, 'LOC')], [m(0, 9, 'LOC')]]]);
    expect(s.partial.LOC).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });

  test('empty gold and empty prediction give zeros, not NaN', () => {
    const s = score([[[], []]]);
    expect(s.strict[OVERALL]).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
  });

  test('micro-average over documents and labels', () => {
    const s = score([
      [[m(0, 4, 'LOC'), m(5, 9, 'PER')], [m(0, 4, 'LOC')]],
      [[m(0, 3, 'ORG')], [m(0, 3, 'ORG'), m(4, 6, 'ORG')]],
    ]);
    expect(s.strict[OVERALL]).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(s.strict[OVERALL].precision).toBeCloseTo(2 / 3);
    expect(s.strict[OVERALL].recall).toBeCloseTo(2 / 3);
    expect(s.strict.ORG.precision).toBeCloseTo(0.5);
    expect(s.strict.PER.recall).toBe(0);
  });

  test('duplicate predictions of one gold mention: one tp, one fp', () => {
    const s = score([[[m(0, 4, 'LOC')], [m(0, 4, 'LOC'), m(0, 4, 'LOC')]]]);
    expect(s.strict.LOC).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });
});
