// The layering of docs/architecture.md, checked on the real import graph: no folder cycle, every
// cross-folder import allowed, and ESLint refusing a forbidden one.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ALLOWED } from '../../scripts/layers.mjs';

const ROOT = resolve(__dirname, '../..');
const ROOTS = ['electron', 'migrations', 'renderer/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The layer a repository path belongs to, as the ALLOWED table names it. */
function layerOf(path: string): string | null {
  const [top, second] = path.split('/');
  if (top === 'migrations') return 'migrations';
  if (top === 'renderer') return 'renderer';
  if (top === 'electron' && second !== undefined && !second.includes('.')) return `electron/${second}`;
  return null;
}

const short = (layer: string) => layer.split('/').pop() ?? layer;

function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of ROOTS.flatMap(sourceFiles)) {
    const from = layerOf(file);
    if (from === null) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g)) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), match[1] ?? ''));
      const to = layerOf(target);
      if (to === null || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      edges.set(to, `${file} imports ${match[1]}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

describe('the layers', () => {
  const graph = folderGraph();

  it('import only what docs/architecture.md allows (shared is open to all)', () => {
    const forbidden: string[] = [];
    for (const [from, edges] of graph) {
      const allowed = ALLOWED[from] ?? [];
      for (const [to, example] of edges) {
        if (to !== 'electron/shared' && !allowed.includes(short(to)))
          forbidden.push(`${from} -> ${to}: ${example}`);
      }
    }
    expect(forbidden).toEqual([]);
  });

  it('form no folder cycle', () => {
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node)?.keys() ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else visit(next, [...path, next]);
      }
    };
    for (const node of graph.keys()) visit(node, [node]);
    expect(cycles).toEqual([]);
  });

  it('are held by ESLint: a host reaching into the engine, or the engine into a host, is an error', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (file: string, code: string) =>
      (await eslint.lintText(code, { filePath: join(ROOT, file) }))[0]?.messages.map((m) => m.ruleId) ?? [];
    expect(
      await lint('electron/main/x.ts', "import { a } from '../core/index';\nexport const b = a;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await lint('electron/core/x.ts', "import { a } from '../app/session';\nexport const b = a;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await lint('electron/cli/x.ts', "import { a } from '../core/status';\nexport const b = a;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await lint('electron/cli/x.ts', "import { a } from '../core/index';\nexport const b = a;\n"),
    ).toEqual([]);
  }, 60_000);
});
