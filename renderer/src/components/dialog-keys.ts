// Keyboard inside a modal dialog: Escape closes it, Tab and Shift+Tab cycle within it, so focus
// never falls behind the backdrop onto controls the dialog is meant to block.
import type { KeyboardEvent } from 'react';

const FOCUSABLE_IN_DIALOG =
  'button:not([disabled]), select, input, textarea, a[href], [tabindex]:not([tabindex="-1"])';

export function onDialogKeyDown(
  event: KeyboardEvent<HTMLElement>,
  dialog: HTMLElement | null,
  close: () => void,
): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    close();
    return;
  }
  if (event.key !== 'Tab' || dialog === null) return;
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE_IN_DIALOG)];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (first === undefined || last === undefined) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
