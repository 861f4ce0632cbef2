// Where a recovery from the app goes when no dialog names it: beside the input, a name that says
// what it is and when it was made (never an existing file: recovery refuses to overwrite).
import { basename, dirname, extname, join } from 'node:path';

export function recoveredFileName(input: string, now: Date): string {
  const name = basename(input);
  const stem = extname(name) === '.db' ? name.slice(0, -3) : name;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return join(dirname(input), `${stem}.recovered-${stamp}.db`);
}
