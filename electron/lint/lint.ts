// `paneldb lint DIR`: checks a golang-migrate folder for the mistakes the panel's own migration
// files 000001–000005 made (docs/panel-database.md §3.6, S1–S20), without running anything.
import { ok, type Result } from '../shared/result';
import { analyzeFile, type AnalyzedFile } from './analyzed-file';
import {
  collectMigrationFiles,
  nodeFolderReader,
  readMigrationsDir,
  type LintFileSystem,
  type MigrationFolder,
  type MigrationSource,
  type MigrationVersion,
} from '../sqlfiles/migration-files';
import { checkData } from './rules-data';
import { checkFolder } from './rules-folder';
import { checkJsonText } from './rules-json';
import { checkStructure } from './rules-structure';
import type { Finding, Severity } from './rules';

export interface LintedFile {
  file: string;
  version: number;
  name: string;
  direction: 'up' | 'down';
  extension: string;
  statements: number;
}

export interface LintReport {
  /** The migration files (matching the grammar), in name order. */
  files: LintedFile[];
  versions: MigrationVersion[];
  /** Sorted by file, then line. */
  findings: Finding[];
  summary: Record<Severity, number>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** Lints an already-collected folder. */
export function lintFolder(folder: MigrationFolder): LintReport {
  const analyzed = new Map<string, AnalyzedFile>(folder.files.map((file) => [file.file, analyzeFile(file)]));
  const findings: Finding[] = [...checkFolder(folder)];
  for (const entry of analyzed.values()) {
    const version = folder.versions.find((v) => v.version === entry.file.version);
    const upFile = version?.up ?? null;
    const up = upFile === null ? null : (analyzed.get(upFile) ?? null);
    findings.push(...checkStructure(entry), ...checkJsonText(entry), ...checkData(entry, up));
  }
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const item of findings) summary[item.severity]++;
  return {
    files: folder.files.map((file) => ({
      file: file.file,
      version: file.version,
      name: file.name,
      direction: file.direction,
      extension: file.extension,
      statements: analyzed.get(file.file)?.statements.length ?? 0,
    })),
    versions: folder.versions,
    findings: sortFindings(findings),
    summary,
  };
}

/** Lints files given as text (the app lints a pending external file before it runs). */
export function lintMigrationSources(sources: readonly MigrationSource[]): LintReport {
  return lintFolder(collectMigrationFiles(sources));
}

/** Reads a folder the way golang-migrate's file:// source does and lints it. */
export async function lintMigrationsDir(
  dir: string,
  options: { fs?: LintFileSystem } = {},
): Promise<Result<LintReport>> {
  const folder = await readMigrationsDir(dir, options.fs ?? nodeFolderReader);
  return folder.ok ? ok(lintFolder(folder.value)) : folder;
}
