import type { BuildOptions } from 'esbuild';

export function nodeBundles(outRoot?: string): {
  node: BuildOptions;
  main: BuildOptions;
  preload: BuildOptions;
};
