// The application menu as a plain template (testable without Electron): File (open, demo, recent,
// quit), Edit (so copy/paste shortcuts work in text fields on macOS), View, Help.
import type { MenuItemConstructorOptions } from 'electron';
import type { MainLabels } from './labels';

export interface MenuActions {
  open(): void;
  openDemo(): void;
  openRecent(id: string): void;
  about(): void;
}

export interface MenuOptions {
  labels: MainLabels;
  recent: Array<{ id: string; name: string; folder: string }>;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  actions: MenuActions;
}

export function menuTemplate({
  labels,
  recent,
  isPackaged,
  platform,
  actions,
}: MenuOptions): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: labels.noRecent, enabled: false }]
      : recent.map((entry) => ({
          label: entry.name,
          sublabel: entry.folder,
          toolTip: entry.folder,
          click: () => actions.openRecent(entry.id),
        }));

  const file: MenuItemConstructorOptions = {
    label: labels.file,
    submenu: [
      { label: labels.open, accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: labels.openDemo, click: () => actions.openDemo() },
      { label: labels.openRecent, submenu: recentItems },
      { type: 'separator' },
      { label: labels.quit, role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: labels.edit,
    submenu: [
      { label: labels.undo, role: 'undo' },
      { label: labels.redo, role: 'redo' },
      { type: 'separator' },
      { label: labels.cut, role: 'cut' },
      { label: labels.copy, role: 'copy' },
      { label: labels.paste, role: 'paste' },
      { label: labels.selectAll, role: 'selectAll' },
    ],
  };
  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { label: labels.reload, role: 'reload' },
        { label: labels.toggleDevTools, role: 'toggleDevTools' },
        { type: 'separator' },
      ];
  const view: MenuItemConstructorOptions = {
    label: labels.view,
    submenu: [
      ...developer,
      { label: labels.resetZoom, role: 'resetZoom' },
      { label: labels.zoomIn, role: 'zoomIn' },
      { label: labels.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: labels.fullScreen, role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: labels.help,
    submenu: [{ label: labels.about, click: () => actions.about() }],
  };
  // macOS puts the app's own menu first (About, Hide, Quit…).
  const macApp: MenuItemConstructorOptions[] = platform === 'darwin' ? [{ role: 'appMenu' }] : [];
  return [...macApp, file, edit, view, help];
}
