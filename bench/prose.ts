// The text of bench/RESULTS.md around the tables: what each figure runs on both sides, and what
// PanelDB does there that the native side does not. It describes the engine as it is now; change it
// with the engine (it is regenerated on every run, so a stale claim is a bug here, not in a file).
export const HOW_MEASURED = [
  '**Cold** figures are measured inside a fresh Node process around the one engine call, as the CLI runs it',
  '(sql.js initialised before the clock starts, its WebAssembly still in the baseline tier; Node start-up',
  'and sql.js initialisation are the idle figure above, not counted). **Warm** figures are the second',
  'operation of one process: sql.js warmed up (`electron/core/warm-up.ts`, as the desktop and `serve`',
  'worker does at start) and the same operation run once on another copy first — what the desktop app’s',
  'long-lived worker feels. Native figures are the wall time of the whole `sqlite3` / `sh` process.',
  'Each PanelDB run is followed at once by its native counterpart, on a fresh copy of the file, and the',
  'ratio is of the two medians of the same run set. **CPU** is user + system time (PanelDB: of the',
  'operation in its process; native: of the whole process, 10 ms resolution): on a shared machine it',
  'moves less with the load than wall time. Peak RSS comes from `/usr/bin/time -v` (whole process; a',
  'warm figure includes its warm-up operation). Files are in the page cache (every run reads a fresh',
  "copy just written), so reads cost no disk I/O; writes are fsync'd.",
];

export const WHAT_EACH_DOES = [
  '- **open + status** — PanelDB: `getStatus()` reads the file (and applies a `-wal`’s committed frames),',
  '  opens it in sql.js, detects the panel version, runs `PRAGMA quick_check`, counts every table, reads',
  '  its history, lists backups and reports the file’s SHA-256. Native: `sqlite3 -readonly` running',
  '  `PRAGMA quick_check` and the same counts. Targets: warm ≤ 1.5×, cold ≤ 3×.',
  '- **status --checks** — the same plus the Xray health checks over the JSON columns (the app fetches',
  '  them after status is shown). No native counterpart.',
  '- **status --full** — the full `PRAGMA integrity_check` instead of `quick_check` (the app runs it in',
  '  the background after showing status; the CLI with `status --full` or `verify`). Native:',
  '  `PRAGMA integrity_check` and the same counts.',
  '- **check** — `check()`: open and the health checks (one pass over the JSON columns, read straight',
  '  from sql.js memory when its start-up self-test passes). Target: ≤ 1 s at 100 MB.',
  '- **backup** — `createBackup()`: open, full `integrity_check` (a backup of a damaged file is no way',
  '  back), the file’s SHA-256 for the metadata, write to a temp file + fsync + rename, read back and',
  '  compared byte for byte with memory, metadata written. Native: `cp` + `sync` (of the -wal too). Target ≤ 2×.',
  '- **restore** — `restoreBackup()`: verify the backup (integrity check, SHA-256 against its metadata,',
  '  panel tables present), a safety backup of the current file, atomic replace. Native: `cp` + `sync`.',
  '- **migrate 1→4** — `migrate()`: open, full `integrity_check`, verified backup, steps 1–4 in memory,',
  '  each in its own transaction with a content hash of the tables it touches before and after (the',
  '  after-hash is skipped when the step wrote nothing), before-images of changed values and hashes of',
  '  the after-values in `paneldb_history`; then the file’s bytes are written (straight from sql.js’s',
  '  memory when proven current, else `export()`), fsync’d and renamed over the original. Native:',
  '  `bench/native-migrate.sql` — json_set/json_remove/json_each equivalents of steps 2–4 and the',
  '  markers in one transaction, without Go-compatible re-serialisation, before-images or a backup.',
  '  Targets: warm ≤ 1.5×, cold ≤ 2×.',
  '- **rollback 4→2** — `rollBack({ steps: 3 })` on a migrated copy: full integrity check, verified',
  '  backup, steps 4, 3, 2 reverted from their before-images with conflict checks and content-hash proof,',
  '  atomic replace. Steps 1 and 5 are irreversible. No native counterpart.',
];

export const GROWTH_NOTES = [
  'Migrate peak RSS is the cold migrate process’s (target ≤ 3× the file from 100 MB up). File growth is',
  'the migrated file’s size minus the original’s, made of: the JSON columns’ own growth (step 3 adds a',
  '`flow` to clients, step 4 a port; their byte total after minus before), free pages (a rewritten row',
  'moves to new pages and frees its old ones, its other columns included; later writes reuse them) and',
  'the pages of `paneldb_history` (from SQLite’s `dbstat`). The history is compared with the UTF-8 size',
  'of the before-images it holds (target ≤ that + 1 %): they are stored as JSON strings inside the',
  '`changes` JSON, so every `"` and `\\` of a before-value is escaped once more, and a small log',
  'still fills whole pages.',
];

export const NATIVE_GAP = [
  'What PanelDB does that the native side does not, where the ratios are missed:',
  '',
  '- every write starts with the full `integrity_check` and a verified backup (write, fsync, read back),',
  '  and ends with an fsync’d atomic replace; the native SQL writes in place;',
  '- the steps parse and re-serialise JSON in JavaScript exactly as the panel’s Go code writes it, keep',
  '  before-images, and hash the touched tables before and after (a rollback proves itself by them);',
  '- `check` parses every client of every inbound’s JSON in JavaScript (the text decoded out of wasm first);',
  '- a cold figure also pays WebAssembly’s baseline tier: compare it with the warm figure of the same row.',
  '',
  'Profile a missed row with `node --cpu-prof bench/.data/measure.mjs <op> <db> <backup-dir> cold`.',
];
