// Version 4, `RealityTargetMigration`: REALITY targets saved without a port get ":443", because
// Xray rejects a host without port (docs/panel-database.md §1.4, §2.6).
//
// DELIBERATE FIX of the branch's Go seeder (§2.6). The seeder appends ":443" to every string target
// without ':', which breaks targets Xray accepts as they are: "8443" (a port, = 127.0.0.1:8443),
// unix sockets "/dev/shm/x.sock" and "@name", and "" (→ ":443"). Here ":443" is appended ONLY to a
// host name (letters, digits, hyphens, dots, at least one letter) or a dotted IPv4 address; every
// other target that is not already host:port is left alone and reported as skipped, as are legacy
// `dest` rows and numeric targets (which the seeder ignores too) and rows whose JSON does not parse.
// The panel's SQL file 000004 (§3.6 S14, S16) only knew five hosts, never matched pretty rows and
// failed the whole migration on one unparseable row; this step parses every row and never fails.
// A changed row is written as Go writes it (compact, sorted keys); other rows keep their bytes.
import { queryRows } from '../electron/core/sql';
import { descriptorOf } from '../electron/panel/catalog';
import { isPlainObject } from '../electron/panel/go-json';
import { bomTest, decodeColumn, undecodableReason, writeGoJson } from '../electron/core/json-column';
import type { PanelMigration, StepContext } from '../electron/core/step-types';
import { message } from '../electron/shared/i18n';
import type { KeyedText } from '../electron/core/step-types';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export type TargetDecision = { append: true } | { append: false; reason: string; message: KeyedText };
const leave = (text: KeyedText): TargetDecision => ({ append: false, reason: text.text, message: text });

/** What this step does with a realitySettings.target value (the `reason` says why it is left alone). */
export function decideTarget(target: unknown): TargetDecision {
  if (typeof target === 'number') return leave(message('skip.targetNumeric'));
  if (typeof target !== 'string') return leave(message('skip.targetNotString'));
  if (target === '') return leave(message('skip.targetEmpty'));
  if (target.startsWith('/') || target.startsWith('@')) {
    return leave(message('skip.targetSocket'));
  }
  if (/^\d+$/.test(target)) {
    return leave(message('skip.targetDigits', { target }));
  }
  if (target.includes(':')) {
    return isHostPort(target) ? leave(message('skip.targetHasPort')) : leave(message('skip.targetColon'));
  }
  if (IPV4.test(target)) return { append: true };
  if (HOST_NAME.test(target) && /[A-Za-z]/.test(target)) return { append: true };
  return leave(message('skip.targetNotHost'));
}

export const realityTarget: PanelMigration = {
  ...descriptorOf(4),
  touches: ['inbounds'],
  up(context: StepContext) {
    const rows = queryRows(
      context.db,
      `SELECT rowid AS rowid, stream_settings, ${bomTest('stream_settings')} AS bom FROM inbounds ORDER BY rowid`,
    );
    let changed = 0;
    for (const row of rows) {
      const rowid = Number(row.rowid);
      const text = row.stream_settings;
      if (typeof text !== 'string' || text === '') continue;
      const decoded = decodeColumn(text, row.bom);
      const stream = decoded.ok ? decoded.value : undefined;
      if (!isPlainObject(stream)) {
        // Only rows that could be REALITY rows concern this step (the Go seeder's LIKE '%reality%').
        if (/reality/i.test(text)) {
          const lead = 'stream_settings is not a valid JSON object';
          context.skip('inbounds', rowid, undecodableReason('stream_settings', decoded, lead));
        }
        continue;
      }
      const reality = stream.realitySettings;
      if (!isPlainObject(reality)) continue;

      if (!Object.hasOwn(reality, 'target')) {
        const reason = message(Object.hasOwn(reality, 'dest') ? 'skip.legacyDest' : 'skip.noTarget');
        context.skip('inbounds', rowid, reason);
        continue;
      }
      const target = reality.target;
      const decision = decideTarget(target);
      if (!decision.append) {
        context.skip('inbounds', rowid, decision.message);
        continue;
      }
      reality.target = `${String(target)}:443`;
      if (writeGoJson(context, 'inbounds', rowid, 'stream_settings', stream)) changed += 1;
    }
    if (changed > 0) context.note(message('note.targetPortAdded', { count: changed }));
  },
};

function isHostPort(target: string): boolean {
  const match = /^(.+):(\d{1,5})$/.exec(target);
  if (!match) return false;
  const host = match[1] ?? '';
  return IPV4.test(host) || HOST_NAME.test(host) || /^\[[0-9A-Fa-f:.]+\]$/.test(host);
}
