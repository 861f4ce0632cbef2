// A CLI command is one short run. V8 starts sql.js's WebAssembly in its baseline tier (Liftoff) and
// compiles hot functions again with its optimising tier (TurboFan) while the command runs; in a run
// of a second or two that compile costs more than the faster code gives back. Measured on a 100 MB
// panel (bench, issue 16): with the baseline tier only, `status` took half the CPU time (1.0 s →
// 0.49 s) and 30% less wall time, `check` 18% less CPU, migrate at 300 MB 6% less. `serve` lives
// for the whole session and keeps V8's default, as the desktop app's worker does.
import { setFlagsFromString } from 'node:v8';

/** The V8 flags a process running `paneldb <argv>` sets before sql.js compiles. */
export function wasmFlagsFor(argv: readonly string[]): string[] {
  return commandOf(argv) === 'serve' ? [] : ['--liftoff-only'];
}

/** The command word: the first argument that is not an option or `--lang`'s value. */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.find((arg, index) => !arg.startsWith('-') && argv[index - 1] !== '--lang');
}

/** Sets wasmFlagsFor(argv); call before the first engine call (sql.js compiles on first use). */
export function tuneWasmFor(argv: readonly string[]): void {
  for (const flag of wasmFlagsFor(argv)) setFlagsFromString(flag);
}
