// The headline in the chosen language, from the engine's Headline fields.
import type { Headline } from '../../../electron/shared/reports';
import type { Translate } from '../i18n';

export function headlineText(headline: Headline, t: Translate): string {
  const { applied, total } = headline;
  const recorded = headline.recorded ?? 'nil';
  switch (headline.kind) {
    case 'newer':
      return t('headline.newer', { recorded });
    case 'complete':
      return t('headline.complete', { applied, total });
    case 'dirty':
      return t('headline.dirty', { applied, total, recorded });
    case 'pending':
      return t('headline.pending', {
        applied,
        total,
        steps: headline.pending.map((step) => step.name).join(', '),
      });
  }
}

/** The header badge: "4 of 5", or "recorded at 9" for a newer file. */
export function headlineBadge(headline: Headline, t: Translate): string {
  return headline.kind === 'newer'
    ? t('headline.badgeNewer', { recorded: headline.recorded ?? '?' })
    : `${headline.applied} / ${headline.total}`;
}
