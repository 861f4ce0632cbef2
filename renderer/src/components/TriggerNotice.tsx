// The triggers a step sets off and the tables they changed besides the ones the step names: shown in
// the dry run, the confirm dialog and the run report, so a side effect is never a surprise.
import type { TriggerEffect, TriggerInfo } from '../../../electron/shared/reports';
import { useT } from '../store/react';

export function TriggerNotice({
  triggers = [],
  effects = [],
}: {
  triggers?: readonly TriggerInfo[];
  effects?: readonly TriggerEffect[];
}) {
  const t = useT();
  if (triggers.length === 0) return null;
  return (
    <div className="trigger-notice text-danger" role="note" data-testid="trigger-notice">
      <div>
        {t('triggers.fire', {
          triggers: triggers.map((trigger) => `${trigger.name} (${trigger.table})`).join(', '),
        })}
      </div>
      {effects.map((effect) => (
        <div key={effect.table} data-testid="trigger-effect">
          {t('triggers.changed', {
            table: effect.table,
            before: effect.rows_before,
            after: effect.rows_after,
          })}
        </div>
      ))}
    </div>
  );
}
