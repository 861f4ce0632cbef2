// 1 init_schema: on a file without panel tables, create exactly GORM's DDL (so the panel starts on
// it and AutoMigrate finds nothing to change). On a panel file it is a baseline: recorded, nothing
// changed — never the branch's 000001 SQL, whose schema the panel cannot start on (S1). There is no
// down: dropping panel tables is never a way back (S2).
import { descriptorOf } from '../electron/panel/catalog';
import { PANEL_DDL, PANEL_TABLES } from '../electron/panel/panel-schema';
import type { PanelMigration } from '../electron/core/step-types';
import { queryRows } from '../electron/core/sql';
import { message } from '../electron/shared/i18n';

export const initSchema: PanelMigration = {
  ...descriptorOf(1),
  touches: ['sqlite_master'],
  up(context) {
    const present = new Set(
      queryRows(context.db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) =>
        String(row.name),
      ),
    );
    const panelTablesPresent = PANEL_TABLES.filter((table) => present.has(table));
    if (panelTablesPresent.length > 0) {
      context.note(message('note.baseline', { count: panelTablesPresent.length }));
      return;
    }
    for (const table of PANEL_TABLES) context.db.run(PANEL_DDL[table]);
    context.note(message('note.createdTables'));
  },
};
