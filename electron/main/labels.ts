// The few words main shows itself (menu, dialogs), in English and Simplified Chinese. The page has
// its own dictionaries; these follow the OS locale (`app.getLocale()`).
export interface MainLabels {
  file: string;
  open: string;
  openDemo: string;
  openRecent: string;
  noRecent: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  toggleDevTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  help: string;
  about: string;
  openDialogTitle: string;
  migrationsDialogTitle: string;
  recoverDialogTitle: string;
  sqliteFiles: string;
  allFiles: string;
  aboutDetail: (versions: { app: string; electron: string; chrome: string; node: string }) => string;
}

const en: MainLabels = {
  file: '&File',
  open: 'Open…',
  openDemo: 'Open demo database',
  openRecent: 'Open recent',
  noRecent: 'No recent files',
  quit: 'Quit',
  edit: '&Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select all',
  view: '&View',
  reload: 'Reload',
  toggleDevTools: 'Toggle developer tools',
  resetZoom: 'Actual size',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fullScreen: 'Toggle full screen',
  help: '&Help',
  about: 'About PanelDB',
  openDialogTitle: 'Open a panel database',
  migrationsDialogTitle: 'Add a golang-migrate migrations folder',
  recoverDialogTitle: 'Recover into a new file',
  sqliteFiles: 'SQLite databases',
  allFiles: 'All files',
  aboutDetail: (v) =>
    `Version ${v.app}\nMigrate, roll back, restore and repair X-Panel / 3x-ui databases offline.\n\nElectron ${v.electron} · Chromium ${v.chrome} · Node ${v.node}`,
};

const zhCN: MainLabels = {
  file: '文件(&F)',
  open: '打开…',
  openDemo: '打开演示数据库',
  openRecent: '最近打开',
  noRecent: '没有最近的文件',
  quit: '退出',
  edit: '编辑(&E)',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图(&V)',
  reload: '重新加载',
  toggleDevTools: '开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '全屏',
  help: '帮助(&H)',
  about: '关于 PanelDB',
  openDialogTitle: '打开面板数据库',
  migrationsDialogTitle: '添加 golang-migrate 迁移文件夹',
  recoverDialogTitle: '恢复到新文件',
  sqliteFiles: 'SQLite 数据库',
  allFiles: '所有文件',
  aboutDetail: (v) =>
    `版本 ${v.app}\n离线迁移、回滚、恢复和修复 X-Panel / 3x-ui 数据库。\n\nElectron ${v.electron} · Chromium ${v.chrome} · Node ${v.node}`,
};

export function mainLabels(locale: string): MainLabels {
  return locale.toLowerCase().startsWith('zh') ? zhCN : en;
}
