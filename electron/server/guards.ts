// The server's walls: bind only to loopback, answer only to requests that name this server in their
// Host (and Origin), and only to callers that present the token. A page on another site can reach
// 127.0.0.1 from the user's browser, so none of these may be skipped for any route.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { message, type KeyedText } from '../shared/i18n';

const LOOPBACK_V4 = new BlockList();
LOOPBACK_V4.addSubnet('127.0.0.0', 8, 'ipv4');
const LOOPBACK_V6 = new BlockList();
LOOPBACK_V6.addAddress('::1', 'ipv6');

/**
 * The address to bind for a requested host, or null when it is not loopback. `localhost` binds
 * 127.0.0.1 itself: a hosts file could point the name anywhere.
 */
export function loopbackBindAddress(host: string): string | null {
  const wanted = host.trim().toLowerCase();
  if (wanted === 'localhost') return '127.0.0.1';
  const bare = wanted.startsWith('[') && wanted.endsWith(']') ? wanted.slice(1, -1) : wanted;
  const family = isIP(bare);
  if (family === 4) return LOOPBACK_V4.check(bare, 'ipv4') ? bare : null;
  if (family === 6) return LOOPBACK_V6.check(bare, 'ipv6') ? '::1' : null;
  return null;
}

/** `host:port` as it appears in a URL and a Host header (IPv6 in brackets). */
export function hostWithPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The Host values a browser sends for this server; anything else is DNS rebinding or a proxy. */
export function allowedHosts(boundAddress: string, port: number): Set<string> {
  return new Set(
    ['127.0.0.1', 'localhost', '::1', boundAddress].map((address) => hostWithPort(address, port)),
  );
}

/** Why the request must be refused (403), or null when its Host and Origin name this server. */
export function foreignRequestReason(req: IncomingMessage, hosts: Set<string>): KeyedText | null {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) {
    return message('err.serve.foreignHost');
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const lower = origin.toLowerCase();
    const allowed = lower.startsWith('http://') && hosts.has(lower.slice('http://'.length));
    if (!allowed) return message('err.serve.foreignOrigin');
  }
  return null;
}

/** The token the caller presented: `Authorization: Bearer …`, or `?token=` where the route allows it. */
export function presentedToken(
  req: IncomingMessage,
  query: URLSearchParams,
  allowQuery: boolean,
): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) return /^Bearer +(\S+) *$/i.exec(header)?.[1] ?? null;
  return allowQuery ? query.get('token') : null;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Compares in constant time: both sides are hashed to equal-length buffers first, so neither the
 * content nor the length of the expected token leaks through timing.
 */
export function tokenMatches(expected: string, presented: string | null): boolean {
  const same = timingSafeEqual(digest(expected), digest(presented ?? ''));
  return same && presented !== null;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

/** A given token must be URL-safe and long enough to guess at no better than chance. */
export const isAcceptableToken = (token: string): boolean => TOKEN_SHAPE.test(token);
