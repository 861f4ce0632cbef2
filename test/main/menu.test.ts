// The application menu: File (open, demo, recent, quit), View with developer items only when not
// packaged, Help → About, and Chinese labels when the OS speaks Chinese.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { mainLabels } from '../../electron/main/labels';
import { menuTemplate, type MenuActions } from '../../electron/main/menu';

function build(overrides: Partial<Parameters<typeof menuTemplate>[0]> = {}) {
  const calls: string[] = [];
  const actions: MenuActions = {
    open: () => calls.push('open'),
    openDemo: () => calls.push('openDemo'),
    openRecent: (id) => calls.push(`openRecent:${id}`),
    about: () => calls.push('about'),
  };
  const template = menuTemplate({
    labels: mainLabels('en-US'),
    recent: [{ id: 'abc', name: 'x-ui.db', folder: '/srv' }],
    isPackaged: true,
    platform: 'linux',
    actions,
    ...overrides,
  });
  return { template, calls };
}

const submenu = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((item) => item.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('offers File, Edit, View and Help', () => {
    expect(build().template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('opens a file, the demo, a recent file by id, and About', () => {
    const { template, calls } = build();
    const file = submenu(template[0]);
    click(find(file, 'Open…'));
    click(find(file, 'Open demo database'));
    const recent = submenu(find(file, 'Open recent'));
    expect(recent.map((item) => [item.label, item.sublabel])).toEqual([['x-ui.db', '/srv']]);
    click(recent[0]);
    click(submenu(template[3])[0]);
    expect(calls).toEqual(['open', 'openDemo', 'openRecent:abc', 'about']);
    expect(find(file, 'Open…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(file.at(-1)?.role).toBe('quit');
  });

  it('shows a disabled placeholder when nothing was opened recently', () => {
    const recent = submenu(find(submenu(build({ recent: [] }).template[0]), 'Open recent'));
    expect(recent).toEqual([{ label: 'No recent files', enabled: false }]);
  });

  it('offers reload and developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      submenu(build({ isPackaged }).template[2]).map((item) => item.role);
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('speaks Chinese when the OS locale is Chinese', () => {
    const { template } = build({ labels: mainLabels('zh-CN') });
    expect(template.map((item) => item.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(submenu(template[0]).map((item) => item.label)).toContain('打开演示数据库');
    expect(mainLabels('zh-TW').open).toBe('打开…');
    expect(mainLabels('de').open).toBe('Open…');
  });

  it("puts the app's own menu first on macOS", () => {
    expect(build({ platform: 'darwin' }).template[0]).toEqual({ role: 'appMenu' });
  });
});
