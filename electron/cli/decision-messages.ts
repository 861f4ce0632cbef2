// CLI text for issue 14 (the headline, dry runs, plan fingerprints, set-password), built from the
// one catalog (electron/shared/i18n/cli-*.ts) and kept apart from messages.ts so each stays one job.
import { translate, type MessageKey } from '../shared/i18n';
import type { Headline } from '../shared/reports';
import type { Lang } from './messages';

function decisionText(lang: Lang) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  return {
    headline: (h: Headline) => {
      const baseline = h.baseline ? t('cli.headline.baseline') : '';
      if (h.kind === 'newer') return t('cli.headline.newer', { recorded: h.recorded ?? '?' });
      if (h.kind === 'complete')
        return t('cli.headline.complete', { applied: h.applied, total: h.total, baseline });
      const pending = h.pending.map((step) => step.name).join(t('cli.listSeparator'));
      const dirty = h.kind === 'dirty' ? t('cli.headline.dirty', { recorded: h.recorded ?? 'nil' }) : '';
      return t('cli.headline.pending', {
        applied: h.applied,
        total: h.total,
        pending: pending || t('cli.headline.nothing'),
        baseline,
        dirty,
      });
    },
    headlineLabel: t('cli.headlineLabel'),
    fingerprint: (fingerprint: string) => t('cli.fingerprint', { fingerprint }),
    passwordPrompt: (user: string) => t('cli.password.prompt', { user }),
    passwordRepeat: t('cli.password.repeat'),
    passwordSet: (user: string, backup: string) => t('cli.password.set', { user, backup }),
    fixApplied: t('run.fixTitle'),
    fixReverted: t('run.fixRevertedTitle'),
  };
}

export const DECISION_TEXT: Record<Lang, ReturnType<typeof decisionText>> = {
  en: decisionText('en'),
  'zh-CN': decisionText('zh-CN'),
};
