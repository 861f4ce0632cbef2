import { describe, expect, it } from 'vitest';
import { indexEmails } from '../../electron/core/email-index';

/** What the index must answer, the plain way: a Map of each email's first client. */
function reference(emails: readonly string[]) {
  const first = new Map<string, number>();
  emails.forEach((email, index) => {
    if (!first.has(email)) first.set(email, index);
  });
  return {
    firstOf: emails.map((email) => first.get(email)),
    repeats: first.size < emails.length,
    first: (email: string) => first.get(email),
  };
}

function randomEmails(seed: number, count: number, alphabet: string): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () => {
    const length = 1 + (next() % 4);
    return Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  });
}

describe('the index of client emails', () => {
  it('names each client the first client with its email, and says whether any email repeats', () => {
    for (const [seed, count, alphabet] of [
      [1, 0, 'ab'],
      [2, 1, 'ab'],
      [3, 7, 'abcdefgh'],
      // Many repeats in a small table: probes run past taken slots.
      [4, 500, 'ab'],
      [5, 3000, 'abcdefghijklmnop'],
      // Astral characters are two UTF-16 units, the empty email one more value.
      [6, 800, 'a😀é\u0000'],
    ] as const) {
      const emails = randomEmails(seed, count, alphabet);
      if (seed === 6) emails.push('', '');
      const index = indexEmails(emails);
      const expected = reference(emails);
      expect([...index.firstOf]).toEqual(expected.firstOf);
      expect(index.repeats).toBe(expected.repeats);
      for (const email of [...new Set(emails), 'not-a-client', 'zzzzzz', '😀😀😀😀😀'])
        expect(index.first(email)).toBe(expected.first(email));
    }
  });

  it('tells emails apart that differ only where a hash would not look twice', () => {
    const emails = [
      'user@example.com',
      'user@example.con',
      'User@example.com',
      'user@example.com ',
      'user@example.com',
    ];
    const index = indexEmails(emails);
    expect([...index.firstOf]).toEqual([0, 1, 2, 3, 0]);
    expect(index.repeats).toBe(true);
    expect(index.first('user@example.co')).toBeUndefined();
  });
});
