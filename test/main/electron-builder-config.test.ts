// electron-builder.yml is valid against the installed electron-builder's own schema (checked
// offline), and points at the files the build actually produces.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { buildResources?: string; output?: string };
  extraMetadata?: { main?: string };
  asarUnpack?: string[];
  files?: Array<{ filter?: string[] }>;
  linux?: { target?: string[]; category?: string };
  win?: { target?: string };
  mac?: { target?: string };
}

describe('electron-builder.yml', () => {
  it("loads and passes electron-builder's schema validation", async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: string, options: null): Promise<BuilderConfig>;
      validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({
      appId: 'dev.paneldb.app',
      productName: 'PanelDB',
      directories: { buildResources: 'build', output: 'release' },
      extraMetadata: { main: 'dist/electron/main.cjs' },
      asarUnpack: ['node_modules/sql.js/dist/*.wasm'],
      linux: { target: ['AppImage', 'deb'], category: 'Utility' },
      win: { target: 'nsis' },
      mac: { target: 'dmg' },
    });
    expect(config.files?.[0]?.filter).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
  });
});
