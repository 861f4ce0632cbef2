// CLI text in the chosen language, built from the one catalog (electron/shared/i18n: cli-*.ts and
// the glossary the UI shares), so a format function reads `t.dryRunDone(v)` and no sentence lives
// here. The JSON output stays language-neutral (codes and English messages) for scripts.
import { GENERATION_LABELS } from '../core/index';
import type { LintLabels } from '../lint/format';
import type { GenerationId } from '../shared/reports';
import { errorKey, renderMessage, translate, type MessageKey } from '../shared/i18n';
import type { AppError, ErrorHint } from '../shared/result';

export type Lang = 'en' | 'zh-CN';

export function pickLang(explicit: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const wanted = explicit ?? env.PANELDB_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(wanted) ? 'zh-CN' : 'en';
}

/** The engine's generation ids, labelled by the catalog's `generation.<id>` (the words the UI shows). */
const GENERATION_IDS = Object.keys(GENERATION_LABELS) as GenerationId[];

function textFor(lang: Lang) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const severity = { error: t('severity.error'), warning: t('severity.warning'), info: t('severity.info') };
  const lint: LintLabels & { lang: Lang } = {
    lang,
    severity,
    why: t('cli.lint.why'),
    noFiles: t('cli.lint.noFiles'),
    summary: (dir, files, counts) =>
      t('cli.lint.summary', {
        dir,
        files,
        errors: counts.error,
        warnings: counts.warning,
        infos: counts.info,
      }),
  };
  return {
    database: t('cli.database'),
    panel: t('cli.panel'),
    generation: t('term.generation'),
    version: t('cli.version'),
    versionValue: (current: number, latest: number) => t('cli.versionValue', { current, latest }),
    dirty: t('cli.dirty'),
    dirtyAt: (v: number | null) => t('cli.dirtyAt', { version: v ?? 'nil' }),
    newer: (v: number) => t('cli.newer', { version: v }),
    applied: t('cli.applied'),
    pending: t('cli.pending'),
    none: t('cli.none'),
    source: t('cli.source'),
    journal: t('overview.journal'),
    walMerged: (frames: number, transactions: number) => t('cli.walMerged', { frames, transactions }),
    walNone: t('cli.walNone'),
    walEmpty: t('cli.walEmpty'),
    integrity: t('checks.integrity'),
    integrityKind: { quick: t('cli.integrityQuick'), full: t('cli.integrityFull') },
    healthChecks: t('checks.health'),
    healthSummary: (errors: number, warnings: number, infos: number) =>
      t('cli.healthSummary', { errors, warnings, infos }),
    tables: t('cli.tables'),
    lastBackup: t('cli.lastBackup'),
    warnings: t('cli.warnings'),
    backupCreated: t('cli.backupCreated'),
    noBackups: t('cli.noBackups'),
    backupsHeader: [
      t('col.created'),
      t('cli.backups.origin'),
      t('col.reason'),
      t('col.version'),
      t('cli.backups.standing'),
      t('col.size'),
      t('col.file'),
    ],
    standing: {
      ok: t('cli.standing.ok'),
      unverified: t('cli.standing.unverified'),
      invalid: t('cli.standing.invalid'),
    },
    originPanel: t('origin.panel'),
    originOwn: t('origin.paneldb'),
    verifyOk: t('cli.verifyOk'),
    verifyBad: t('cli.verifyBad'),
    verifyUnverified: t('cli.verifyUnverified'),
    checkOk: t('cli.verify.checkOk'),
    checkBad: t('cli.verify.checkBad'),
    error: t('cli.error'),
    demoCopy: t('cli.demoCopy'),
    nothingToDo: (v: number) => t('cli.nothingToDo', { version: v }),
    hashRestored: t('cli.hashRestored'),
    triggerFires: (name: string, table: string) => t('cli.triggerFires', { name, table }),
    triggerEffect: (table: string, before: number, after: number) =>
      t('cli.triggerEffect', { table, before, after }),
    hashDiffers: t('cli.hashDiffers'),
    dryRunDone: (v: number) => t('cli.dryRunDone', { version: v }),
    runDone: (from: number, to: number, path: string) => t('cli.runDone', { from, to, path }),
    movedAside: t('cli.movedAside'),
    noHistory: t('cli.noHistory'),
    historyHeader: [
      t('col.id'),
      t('col.version'),
      t('col.name'),
      t('col.direction'),
      t('col.finished'),
      t('col.duration'),
      t('col.rows'),
      t('col.outcome'),
    ],
    restored: t('cli.restored'),
    safetyBackup: t('cli.safetyBackup'),
    evidence: t('checks.evidence'),
    dataVersion: t('cli.dataVersion'),
    recommendation: t('cli.recommendation'),
    forced: (v: number) => t('cli.forced', { version: v }),
    moreRows: (count: number) => t('cli.moreRows', { count }),
    // Progress lines hold numbers and names only: the same in every language.
    stepProgress: (i: number, n: number, dir: string, v: number, name: string) =>
      `[${i}/${n}] ${dir} ${v} ${name}`,
    rowProgress: (done: number, total: number) => `  ${done}/${total}`,
    serving: (what: string, url: string) => t('cli.serving', { what, url }),
    servingStartPage: t('cli.servingStartPage'),
    servingDemo: (path: string) => t('cli.servingDemo', { path }),
    serveStop: t('cli.serveStop'),
    generations: Object.fromEntries(GENERATION_IDS.map((id) => [id, t(`generation.${id}`)])) as Record<
      GenerationId,
      string
    >,
    severity,
    lint,
  };
}

export const TEXT: Record<Lang, ReturnType<typeof textFor>> = {
  en: textFor('en'),
  'zh-CN': textFor('zh-CN'),
};

/**
 * One error line in the chosen language. A keyed message is rendered whole from the catalog; an
 * error without a key yet gets the catalog's explanation of its code, never English specifics
 * glued to a Chinese prefix (the English text stays in --json and under PANELDB_DEBUG).
 */
export function errorLine(lang: Lang, error: Pick<AppError, 'code' | 'message' | 'msg'>): string {
  if (lang === 'en') return `${error.message} [${error.code}]`;
  const text = renderMessage(lang, error.msg, translate(lang, errorKey(error.code)));
  return `${text} [${error.code}]`;
}

/** The remedy of a refusal, for a person at a shell (which may be given a command to run). */
export function hintLines(lang: Lang, hint: ErrorHint | undefined): string[] {
  if (hint === undefined) return [];
  if (hint.action !== 'wait-for-writer' && hint.action !== 'stop-panel') return [];
  if (hint.action === 'wait-for-writer') {
    const { command, pid, since, host } = hint.holder;
    return [translate(lang, 'cli.hint.heldBy', { command, pid, since, host })];
  }
  const who = hint.holders
    .map((holder) => translate(lang, 'cli.hint.holder', { name: holder.name ?? '?', pid: holder.pid }))
    .join(translate(lang, 'cli.listSeparator'));
  return [
    ...(who === '' ? [] : [translate(lang, 'cli.hint.openIn', { holders: who })]),
    translate(lang, 'cli.hint.stopPanel'),
    translate(lang, 'cli.hint.copyBoth'),
  ];
}

/** What a write's safety machinery did (stale lock taken over, interrupted save put right). */
export const safetyNotesHeader = (lang: Lang) => translate(lang, 'cli.safetyNotes');
