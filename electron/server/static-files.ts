// Serves the built renderer (dist/renderer) and nothing else: no directory listing, no dot files, no
// path that leaves the folder — checked on the decoded path, after resolving, and after symlinks.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { sendText } from './responses';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export const NOT_BUILT_TEXT =
  'The PanelDB UI is not built yet: run `npm run build` in the PanelDB folder, then reload.\n';

/**
 * The file a URL path names, relative to the site root ('' for `/`), or null when the path tries to
 * leave it: `..` or `.` segments (also percent-encoded), encoded separators, backslashes, NUL,
 * drive letters, empty segments and dot files are all refused.
 */
export function siteRelativePath(rawPath: string): string | null {
  if (!rawPath.startsWith('/') || /%(2f|5c|00)/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(decoded)) return null;
  const relative = decoded.slice(1);
  if (relative === '') return '';
  const segments = relative.split('/');
  // A trailing slash names a folder: allowed here, answered 404 below (no listing).
  const named = segments.at(-1) === '' ? segments.slice(0, -1) : segments;
  if (named.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  return segments.join('/');
}

const inside = (root: string, path: string) => path.startsWith(root.endsWith(sep) ? root : root + sep);

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  staticDir: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed.\n');
  }
  const relative = siteRelativePath(rawPath);
  if (relative === null) return sendText(res, 400, 'Bad path.\n');
  const isRoot = relative === '';
  const missing = () => (isRoot ? sendText(res, 503, NOT_BUILT_TEXT) : sendText(res, 404, 'Not found.\n'));

  let root: string;
  let file: string;
  try {
    root = await realpath(staticDir);
    const candidate = resolve(root, isRoot ? 'index.html' : relative);
    if (!inside(root, candidate)) return sendText(res, 400, 'Bad path.\n');
    file = await realpath(candidate);
  } catch {
    return missing();
  }
  // A symlink inside the folder must not lead outside it.
  if (!inside(root, file)) return sendText(res, 404, 'Not found.\n');
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) return missing();

  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', info.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    res.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
}
