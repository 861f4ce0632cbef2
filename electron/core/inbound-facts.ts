// What the checks learn from one inbound on its own: the findings of its own rules and the few facts
// the rules across inbounds need (its tag, stream, JSON problems, its clients' emails). Pure, with no
// database: the same function runs in the engine's thread or in the inbound check worker
// (inbound-check-worker.ts), and what it returns is small enough to cross between threads.
import { isPlainObject } from '../panel/go-json';
import {
  clientName,
  encryptionOn,
  hasDuplicateFlowKeys,
  isXhttpWithoutEncryption,
  networkOf,
  realityTargetProblem,
  securityOf,
  visionClientIndexes,
  type ScannedInbound,
} from './inbound-scan';
import { describeJson, isTooDeep } from './json-depth';
import { message } from '../shared/i18n';

/** What the rules across inbounds keep of one once its own rules ran: not its settings or clients. */
export type KeptInbound = Pick<ScannedInbound, 'rowid' | 'id' | 'label' | 'tag' | 'stream' | 'jsonProblems'>;

export interface InboundFacts {
  /** Its own rules' findings in the order found: rule id and the row's line. */
  found: Array<[rule: string, row: string]>;
  kept: KeptInbound;
  /** Its clients' non-empty string emails, in order. */
  emails: string[];
  /** Its clients cannot be read (settings.clients is not an array), so its traffic rows say nothing. */
  unreadable: boolean;
}

function checkInbound(found: InboundFacts['found'], inbound: ScannedInbound): void {
  const add = (rule: string, row: string) => found.push([rule, row]);
  const { stream, settings, label } = inbound;
  if (settings !== undefined && 'clients' in settings && inbound.clients === undefined)
    add('clients.not-object', message('checkRow.clientsNotArray', { label }).text);
  inbound.clients?.forEach((client, index) => {
    if (!isPlainObject(client))
      add(
        'clients.not-object',
        message('checkRow.clientNotObject', { label, index, value: describeJson(client) }).text,
      );
  });
  if (inbound.tag === null || inbound.tag.trim() === '') add('inbounds.tag-empty', label);
  if (stream === undefined) return;

  if (inbound.protocol === 'vless') {
    const clients = visionClientIndexes(inbound).map((index) =>
      clientName(inbound.clients?.[index] as Record<string, unknown>, index),
    );
    if (clients.length > 0) {
      const network = networkOf(stream);
      const security = securityOf(stream);
      const where = `${label}: ${network}+${security}`;
      if (isXhttpWithoutEncryption(inbound)) {
        add('xray.vision-xhttp-without-encryption', `${label}: ${clients.join(', ')}`);
      } else if (!['tcp', 'raw', 'xhttp'].includes(network)) {
        add('xray.vision-transport', `${where}: ${clients.join(', ')}`);
      } else if (security !== 'tls' && security !== 'reality' && !encryptionOn(inbound)) {
        add('xray.vision-transport', `${where}: ${clients.join(', ')}`);
      }
    }
  }
  if (hasDuplicateFlowKeys(inbound)) add('inbounds.duplicate-flow-keys', label);

  const reality = stream.realitySettings;
  if (securityOf(stream) !== 'reality' || !isPlainObject(reality)) return;
  const hasTarget = 'target' in reality;
  const target = hasTarget ? reality.target : reality.dest;
  if (!hasTarget && 'dest' in reality)
    add('reality.legacy-dest', `${label}: dest ${JSON.stringify(reality.dest)}`);
  const problem = !hasTarget && !('dest' in reality) ? 'missing' : realityTargetProblem(target);
  if (problem !== null)
    add(
      'reality.target-invalid',
      message(hasTarget ? 'checkRow.targetInvalid' : 'checkRow.destInvalid', {
        label,
        value: JSON.stringify(target ?? null),
        problem,
      }).text,
    );
}

/** The facts of one scanned inbound; its parsed settings (most of a big panel's JSON) are not kept. */
export function inboundFacts(inbound: ScannedInbound): InboundFacts {
  const found: InboundFacts['found'] = [];
  try {
    checkInbound(found, inbound);
  } catch (thrown) {
    // One inbound nested too deep to walk is a finding on its row; the other rows are checked.
    if (!isTooDeep(thrown)) throw thrown;
    found.push(['json.too-deep', message('checkRow.tooDeep', { label: inbound.label }).text]);
  }
  const { rowid, id, label, tag, stream, jsonProblems } = inbound;
  const emails: string[] = [];
  for (const client of inbound.clients ?? [])
    if (isPlainObject(client) && typeof client.email === 'string' && client.email !== '')
      emails.push(client.email);
  return {
    found,
    kept: { rowid, id, label, tag, stream, jsonProblems },
    emails,
    unreadable: inbound.clients === undefined,
  };
}
