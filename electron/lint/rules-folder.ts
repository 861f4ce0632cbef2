// Rules about the folder as golang-migrate reads it: duplicate versions (S3), gaps, missing halves
// of a pair, names that don't match the grammar, and extensions golang-migrate runs anyway.
import type { MigrationFolder } from '../sqlfiles/migration-files';
import { message } from '../shared/i18n';
import { finding, type Finding } from './rules';

/** Versions this large are timestamps (20240131120000_x.up.sql), where gaps are the norm. */
const TIMESTAMP_VERSION = 1_000_000_000;

export function checkFolder(folder: MigrationFolder): Finding[] {
  const findings: Finding[] = [];
  for (const duplicate of folder.duplicates) {
    findings.push(
      finding(
        'duplicate-version',
        duplicate.duplicate,
        0,
        message('lint.duplicateVersion', {
          version: duplicate.version,
          direction: duplicate.direction,
          kept: duplicate.kept,
          duplicate: duplicate.duplicate,
        }),
      ),
    );
  }

  for (const entry of folder.versions) {
    if (entry.up !== null && entry.down === null) {
      findings.push(
        finding('missing-down', entry.up, 0, message('lint.missingDown', { version: entry.version })),
      );
    }
    if (entry.down !== null && entry.up === null) {
      findings.push(
        finding('missing-up', entry.down, 0, message('lint.missingUp', { version: entry.version })),
      );
    }
    const upName = folder.files.find((file) => file.file === entry.up)?.name;
    const downName = folder.files.find((file) => file.file === entry.down)?.name;
    if (upName !== undefined && downName !== undefined && upName !== downName && entry.down !== null) {
      findings.push(
        finding(
          'pair-name-mismatch',
          entry.down,
          0,
          message('lint.pairNameMismatch', { version: entry.version, up: upName, down: downName }),
        ),
      );
    }
  }

  const versions = folder.versions.map((entry) => entry.version);
  const sequential = versions.every((version) => version < TIMESTAMP_VERSION);
  if (sequential) {
    folder.versions.forEach((entry, index) => {
      const previous = folder.versions[index - 1];
      if (previous === undefined || entry.version - previous.version <= 1) return;
      const from = previous.version + 1;
      const to = entry.version - 1;
      findings.push(
        finding(
          'version-gap',
          entry.up ?? entry.down ?? '',
          0,
          from === to
            ? message('lint.versionGapOne', { previous: previous.version, next: entry.version, from })
            : message('lint.versionGapRange', { previous: previous.version, next: entry.version, from, to }),
        ),
      );
    });
  }

  for (const file of folder.files) {
    if (file.extension !== 'sql') {
      findings.push(
        finding(
          'unexpected-extension',
          file.file,
          0,
          message('lint.unexpectedExtension', {
            file: file.file,
            version: file.version,
            direction: file.direction,
          }),
        ),
      );
    }
  }
  for (const file of folder.ignored) {
    findings.push(finding('ignored-file', file, 0, message('lint.ignoredFile')));
  }
  return findings;
}
