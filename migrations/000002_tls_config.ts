// Version 2, `TlsConfigMigration`: what the panel's Go seeder does to inbound TLS settings for
// newer Xray (docs/panel-database.md §2.4), done on parsed JSON. The panel's SQL file 000002 edits the
// text instead and damages rows (§3.6 S4–S8); none of that happens here:
//   (A) tlsSettings.verifyPeerCertInNames → verifyPeerCertByName, one comma-separated string;
//   (B) tlsSettings.allowInsecure deleted (tlsSettings.settings.allowInsecure is left alone, as Go does);
//   (C) `~` → `,` inside the two pinnedPeerCertSha256 strings, nowhere else.
// A changed row is written as Go writes it (compact, sorted keys); other rows keep their bytes. A row
// Go's decoder rejects (a leading BOM, a number beyond float64, …) is skipped with Go's reason.
import { queryRows } from '../electron/core/sql';
import { descriptorOf } from '../electron/panel/catalog';
import { isPlainObject } from '../electron/panel/go-json';
import { bomTest, decodeColumn, undecodableReason, writeGoJson } from '../electron/core/json-column';
import type { PanelMigration, StepContext } from '../electron/core/step-types';
import { message } from '../electron/shared/i18n';

export const tlsConfig: PanelMigration = {
  ...descriptorOf(2),
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
      if (!decoded.ok) {
        context.skip('inbounds', rowid, undecodableReason('stream_settings', decoded));
        continue;
      }
      const stream = decoded.value;
      if (!isPlainObject(stream)) {
        context.skip('inbounds', rowid, message('skip.streamNotObject'));
        continue;
      }
      if (!migrateTlsSettings(stream)) continue;
      if (writeGoJson(context, 'inbounds', rowid, 'stream_settings', stream)) changed += 1;
    }
    if (changed > 0) context.note(message('note.tlsAdapted', { count: changed }));
  },
};

/** Applies (A), (B) and (C) to a parsed stream_settings object; true when anything changed. */
export function migrateTlsSettings(stream: Record<string, unknown>): boolean {
  const tls = stream.tlsSettings;
  if (!isPlainObject(tls)) return false;
  let changed = false;

  // (A) Go: array → fmt.Sprint of each element joined by ","; string kept; anything else fmt.Sprint.
  if (Object.hasOwn(tls, 'verifyPeerCertInNames')) {
    const old = tls.verifyPeerCertInNames;
    const names = Array.isArray(old) ? old.map(goSprint).join(',') : goSprint(old);
    delete tls.verifyPeerCertInNames;
    if (names !== '') tls.verifyPeerCertByName = names;
    changed = true;
  }

  // (B) Only the top-level key (outbound style); the UI's settings.allowInsecure is not touched.
  if (Object.hasOwn(tls, 'allowInsecure')) {
    delete tls.allowInsecure;
    changed = true;
  }

  // (C) The pin list separator, in the inbound (settings.) and outbound-style locations only.
  const holders = isPlainObject(tls.settings) ? [tls.settings, tls] : [tls];
  for (const holder of holders) {
    const pins = holder.pinnedPeerCertSha256;
    if (typeof pins === 'string' && pins.includes('~')) {
      holder.pinnedPeerCertSha256 = pins.replaceAll('~', ',');
      changed = true;
    }
  }
  return changed;
}

/** Go's fmt.Sprint (%v) of a value decoded by encoding/json into `any`. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloatV(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (isPlainObject(value)) {
    // fmt prints maps with their keys sorted (byte order for string keys).
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `map[${keys.map((key) => `${key}:${goSprint(value[key])}`).join(' ')}]`;
  }
  return String(value);
}

/**
 * float64 under %v: strconv.FormatFloat(f, 'g', -1, 64). With the shortest digits Go decides by
 * "precision 6": exponent form when exp < -4 or exp >= 6 (1e+06, 1.5e-05), plain digits otherwise.
 */
function goFloatV(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  // toExponential() without an argument gives the shortest round-trip digits, as strconv's -1 does.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value); // plain notation with the same shortest digits in this range
}
