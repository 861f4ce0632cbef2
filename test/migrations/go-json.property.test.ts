// Property: for generated panel-like JSON texts — random nesting, keys that collide (also after
// decoding), every kind of character and escape (controls, HTML-sensitive, U+2028/9, BOM, astral,
// paired and lone surrogates), numbers at float64's edges in many spellings, compact, loosely spaced
// or pretty layout — goUnmarshal → goMarshal gives exactly what a second, independent model of Go's
// rules predicts, and rejects exactly when that model says Go's decoder fails.
// The model (test/support/go-json-model.ts) works differently from the production code on purpose.
// GO_JSON_SEED=<n> runs another seed.
import { describe, expect, it } from 'vitest';
import { decodeExactly, goUnmarshal } from '../../electron/panel/go-json-decode';
import { goMarshal } from '../../electron/panel/go-json';
import { generate, prng, spell } from '../support/go-json-generator';
import { modelGo } from '../support/go-json-model';

const SEED = Number(process.env.GO_JSON_SEED ?? 20261202);
const RUNS = 1500;

describe('goUnmarshal → goMarshal against an independent model of Go 1.25', () => {
  it(`agrees on ${RUNS} generated documents in three layouts (seed ${SEED})`, () => {
    const random = prng(SEED);
    let accepted = 0;
    let rejected = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const doc = generate(random, 1 + random.int(5), true);
      const expected = modelGo(doc);
      const layout = random.pick(['compact', 'spaced', 'pretty'] as const);
      const text = spell(doc, layout, random);
      const context = `run ${run} (seed ${SEED}), ${layout}: ${JSON.stringify(text)}`;
      const fast = goUnmarshal(text);
      const exact = decodeExactly(text);
      expect(fast.ok, context).toBe(expected !== null);
      expect(exact.ok, context).toBe(expected !== null);
      if (fast.ok && exact.ok) {
        expect(goMarshal(fast.value), context).toBe(expected);
        expect(goMarshal(exact.value), context).toBe(expected);
        // Go's output is a fixed point: decoding and encoding it again changes nothing.
        const again = goUnmarshal(goMarshal(fast.value));
        expect(again.ok && goMarshal(again.value), context).toBe(expected);
        accepted += 1;
      } else rejected += 1;
    }
    // Both outcomes must be exercised, or the property proves little.
    expect(accepted).toBeGreaterThan(RUNS / 3);
    expect(rejected).toBeGreaterThan(RUNS / 50);
  });

  it('rejects every corruption Go rejects: BOM or no-break space in front, garbage after, any truncation', () => {
    const random = prng(SEED + 1);
    for (let run = 0; run < 400; run += 1) {
      const doc = generate(random, 1 + random.int(4), true);
      const text = spell(doc, random.pick(['compact', 'spaced', 'pretty'] as const), random);
      const corrupt = random.pick([
        `\uFEFF${text}`,
        `\u00a0${text}`,
        `${text}${random.pick([' x', ',', '}', ' {}', '\u000b'])}`,
        text.slice(0, 1 + random.int(text.length - 1)),
      ]);
      const context = `run ${run} (seed ${SEED + 1}): ${JSON.stringify(corrupt)}`;
      expect(goUnmarshal(corrupt).ok, context).toBe(false);
      expect(decodeExactly(corrupt).ok, context).toBe(false);
    }
  });
});
