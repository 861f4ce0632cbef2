// Rules about the folder as golang-migrate reads it: duplicate versions (S3), gaps, missing halves
// of a pair, names that don't match the grammar, and extensions golang-migrate runs anyway.
import type { MigrationFolder } from '../sqlfiles/migration-files';
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
        `version ${duplicate.version} ${duplicate.direction} is both ${duplicate.kept} and ${duplicate.duplicate}: golang-migrate stops with "duplicate migration file: ${duplicate.duplicate}" and runs nothing`,
      ),
    );
  }

  for (const entry of folder.versions) {
    if (entry.up !== null && entry.down === null) {
      findings.push(
        finding(
          'missing-down',
          entry.up,
          0,
          `version ${entry.version} has no .down file: it cannot be rolled back (irreversible)`,
        ),
      );
    }
    if (entry.down !== null && entry.up === null) {
      findings.push(
        finding(
          'missing-up',
          entry.down,
          0,
          `version ${entry.version} has only a .down file: migrating up records version ${entry.version} without running anything`,
        ),
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
          `version ${entry.version} is "${upName}" going up but "${downName}" going down`,
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
          `versions jump from ${previous.version} to ${entry.version}: ${from === to ? `${from} is` : `${from}–${to} are`} missing`,
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
          `golang-migrate runs ${file.file} as version ${file.version} ${file.direction} although it does not end in .sql`,
        ),
      );
    }
  }
  for (const file of folder.ignored) {
    findings.push(
      finding('ignored-file', file, 0, `not a migration file name (NNNNNN_name.up.sql / .down.sql): ignored`),
    );
  }
  return findings;
}
