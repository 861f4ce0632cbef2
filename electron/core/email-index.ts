// Every client's email, indexed once for the checks across inbounds: which client first has each
// email, and whether any email repeats. A 100 MB panel has ~220k clients; a JavaScript Set of their
// emails took 55–115 ms to build on the engine's thread (issue 16), an open-addressing table of
// client indices keyed by a 32-bit FNV-1a of the email ~30 ms. Emails are compared as the strings
// they are, so a hash collision costs a comparison, never a wrong answer.

const EMPTY = -1;

function hashOf(email: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let at = 0; at < email.length; at += 1) hash = Math.imul(hash ^ email.charCodeAt(at), 0x01000193);
  return hash;
}

export interface EmailIndex {
  /** Per client, the index of the first client with the same email (its own when it is the first). */
  readonly firstOf: Int32Array;
  /** Whether some email belongs to more than one client. */
  readonly repeats: boolean;
  /** The first client with `email`, or undefined when no client has it. */
  first(email: string): number | undefined;
}

export function indexEmails(emails: readonly string[]): EmailIndex {
  const count = emails.length;
  let size = 16;
  // At most half full: a probe ends after a step or two.
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(EMPTY);
  const firstOf = new Int32Array(count);
  let repeats = false;
  // The slot holding `email`'s first client, or the empty slot where it belongs.
  const slotOf = (email: string): number => {
    let slot = hashOf(email) & mask;
    for (;;) {
      const client = slots[slot] ?? EMPTY;
      if (client === EMPTY || emails[client] === email) return slot;
      slot = (slot + 1) & mask;
    }
  };
  for (let index = 0; index < count; index += 1) {
    const slot = slotOf(emails[index] ?? '');
    const first = slots[slot] ?? EMPTY;
    if (first === EMPTY) {
      slots[slot] = index;
      firstOf[index] = index;
    } else {
      firstOf[index] = first;
      repeats = true;
    }
  }
  return {
    firstOf,
    repeats,
    first(email) {
      const client = slots[slotOf(email)] ?? EMPTY;
      return client === EMPTY ? undefined : client;
    },
  };
}
