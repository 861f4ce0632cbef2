// Version 3, `XhttpFlowMigration`: what the panel's Go seeder does (docs/panel-database.md §2.5), done on
// parsed JSON. VLESS inbounds on XHTTP with TLS or REALITY get `"flow": "xtls-rprx-vision"` on every
// client object whose flow is missing, not a string, or "". The panel's SQL file 000003 edits the
// text instead (§3.6 S11–S14): it duplicates `flow` keys, skips pretty rows and whole inbounds, and
// has statements that never match; none of that happens here.
//
// One deliberate addition to the Go seeder: in a row this step covers, settings text with duplicate
// keys (what S11 leaves: `"flow":"xtls-rprx-vision",…,"flow":""`) is always rewritten, so every client
// ends with exactly one `flow`. The value kept is the last one — the one Go, JavaScript and Xray
// already read — so the rewrite changes no meaning, only what SQLite's json_extract (first key) sees.
//
// Two modes (context.options.xhttpFlow). `panel`: the seeder exactly, as above. `safe` (the default):
// Xray refuses Vision on XHTTP unless VLESS Encryption is on (§2.5a: XTLS/Xray-core issue 5576, 3x-ui
// pull request 5185), so only inbounds whose `settings.decryption` is a string other than "none" get
// Vision; every other row the seeder would have changed is left exactly as it is and recorded as
// skipped with the reason. The panel marker is written in both modes (the migrator does that).
import { queryRows } from '../electron/core/sql';
import { descriptorOf } from '../electron/panel/catalog';
import { goUnmarshal } from '../electron/panel/go-json-decode';
import { isPlainObject } from '../electron/panel/go-json';
import { bomTest, decodeColumn, undecodableReason, writeGoJson } from '../electron/core/json-column';
import { vlessEncryptionOn } from '../electron/panel/xray';
import type { PanelMigration, StepContext } from '../electron/core/step-types';
import { message } from '../electron/shared/i18n';

export const VISION_FLOW = 'xtls-rprx-vision';

export const xhttpFlow: PanelMigration = {
  ...descriptorOf(3),
  touches: ['inbounds'],
  variant: (options) => `xhttp-flow=${options.xhttpFlow}`,
  up(context: StepContext) {
    const mode = context.options.xhttpFlow;
    context.note(message(mode === 'safe' ? 'note.xhttpModeSafe' : 'note.xhttpModePanel'));
    // `=` on a text column without collation is case-sensitive, as in the Go seeder's query.
    // `settings` (the big column: every client) is read only for the rows this step covers, one
    // row at a time, so a 300 MB file never has all of its clients in memory at once.
    const rows = queryRows(
      context.db,
      `SELECT rowid AS rowid, id, remark, stream_settings, ${bomTest('stream_settings')} AS bom, settings IS NOT NULL AND settings != '' AS has_settings FROM inbounds WHERE protocol = 'vless' ORDER BY rowid`,
    );
    let inboundsChanged = 0;
    let clientsChanged = 0;
    let inboundsSkipped = 0;
    for (const row of rows) {
      const rowid = Number(row.rowid);
      const { stream_settings: streamText } = row;
      if (row.has_settings !== 1) continue;
      if (typeof streamText !== 'string' || streamText === '') continue;

      const streamDecoded = decodeColumn(streamText, row.bom);
      const stream = streamDecoded.ok ? streamDecoded.value : undefined;
      if (!isPlainObject(stream)) {
        const lead = 'stream_settings is not a valid JSON object';
        context.skip('inbounds', rowid, undecodableReason('stream_settings', streamDecoded, lead));
        continue;
      }
      if (stream.network !== 'xhttp' || (stream.security !== 'tls' && stream.security !== 'reality'))
        continue;

      const settingsRow = queryRows(
        context.db,
        `SELECT settings, ${bomTest('settings')} AS bom FROM inbounds WHERE rowid = ?`,
        [rowid],
      )[0];
      const settingsText = settingsRow?.settings;
      if (typeof settingsText !== 'string' || settingsText === '') continue;
      const settingsDecoded = decodeColumn(settingsText, settingsRow?.bom);
      const settings = settingsDecoded.ok ? settingsDecoded.value : undefined;
      if (!isPlainObject(settings)) {
        const lead = 'settings is not a valid JSON object';
        context.skip('inbounds', rowid, undecodableReason('settings', settingsDecoded, lead));
        continue;
      }
      const clients = settings.clients;
      if (!Array.isArray(clients)) {
        context.skip('inbounds', rowid, message('skip.noClients'));
        continue;
      }

      let set = 0;
      for (const client of clients) {
        if (!isPlainObject(client)) continue;
        const flow = client.flow;
        if (typeof flow !== 'string' || flow === '') {
          client.flow = VISION_FLOW;
          set += 1;
        }
      }
      if (mode === 'safe' && !vlessEncryptionOn(settings)) {
        // Left byte for byte as it is (duplicate keys too: the fix inbounds.duplicate-flow-keys drops them).
        // Decided before the duplicate-key scan, which cannot change this outcome (and costs ~0.2 s/100 MB).
        if (set > 0) {
          context.skip('inbounds', rowid, message('skip.visionSafe'));
          inboundsSkipped += 1;
        }
        continue;
      }
      const duplicates = hasDuplicateKeys(settingsText);
      if (set === 0 && !duplicates) continue;

      if (writeGoJson(context, 'inbounds', rowid, 'settings', settings)) {
        inboundsChanged += 1;
        clientsChanged += set;
        const label = `inbound ${String(row.id)}${row.remark ? ` (${String(row.remark)})` : ''}`;
        if (duplicates) {
          context.note(message('note.duplicatesRemoved', { label }));
        }
        if (set > 0 && !vlessEncryptionOn(settings)) {
          // docs/panel-database.md §2.5a: Xray refuses Vision on XHTTP without VLESS Encryption.
          context.note(message('note.visionPanelMode', { label }));
        }
      }
    }
    if (inboundsChanged > 0) {
      context.note(
        message('note.flowSet', { flow: VISION_FLOW, clients: clientsChanged, inbounds: inboundsChanged }),
      );
    }
    if (inboundsSkipped > 0) {
      context.note(message('note.leftWithoutVision', { count: inboundsSkipped }));
    }
  },
};

/** True when some object in valid JSON text has the same key twice (JSON.parse keeps only the last). */
export function hasDuplicateKeys(text: string): boolean {
  const scopes: (Set<string> | null)[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '{') scopes.push(new Set());
    else if (char === '[') scopes.push(null);
    else if (char === '}' || char === ']') scopes.pop();
    else if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const literal = text.slice(index, end + 1);
      index = end + 1;
      while (index < text.length && /\s/.test(text[index] ?? '')) index += 1;
      const keys = scopes[scopes.length - 1];
      if (text[index] === ':' && keys) {
        // The key as Go reads it (a lone surrogate escape is U+FFFD, so two such keys are one).
        const decodedKey = goUnmarshal(literal);
        const key = decodedKey.ok ? String(decodedKey.value) : literal;
        if (keys.has(key)) return true;
        keys.add(key);
      }
      continue;
    }
    index += 1;
  }
  return false;
}
