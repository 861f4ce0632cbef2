// JSON nested deeper than a reader can take. Go's encoding/json (the panel, Xray) refuses more than
// 10,000 levels; JavaScript's recursive walks (JSON.stringify, a visitor) overflow the stack at a few
// thousand. Such a value is reported on its row, and never stops a whole status or check.

/** Whether `thrown` is the stack overflow a recursive walk of a deep value ends in. */
export const isTooDeep = (thrown: unknown): boolean =>
  thrown instanceof RangeError && /call stack/i.test(thrown.message);

/** JSON.stringify for a message, or a placeholder when the value is nested too deep to print. */
export function describeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch (thrown) {
    if (isTooDeep(thrown)) return '(nested too deep to show)';
    throw thrown;
  }
}
