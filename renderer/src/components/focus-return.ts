// Focus goes back to the control that opened a dialog (or started a migrate or restore) once that
// control can take it again: while the operation runs it is disabled, and focusing a disabled
// button silently drops focus to <body>. If the control is gone, the open tab's panel takes it.
const RETRY_MS = 100;
const GIVE_UP_MS = 120_000;

function focusable(element: HTMLElement): boolean {
  return element.isConnected && !(element as HTMLButtonElement).disabled;
}

export function returnFocus(element: HTMLElement | null): void {
  const started = Date.now();
  const attempt = () => {
    if (element !== null && focusable(element)) {
      element.focus();
      return;
    }
    if (element === null || !element.isConnected || Date.now() - started > GIVE_UP_MS) {
      document.querySelector<HTMLElement>('[role="tabpanel"]')?.focus();
      return;
    }
    window.setTimeout(attempt, RETRY_MS);
  };
  attempt();
}
