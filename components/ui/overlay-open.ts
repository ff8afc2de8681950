/** Whether a dialog or a menu is open: Escape and "?" then belong to it, not to the page behind it. */
export function overlayOpen(): boolean {
  return document.querySelector('[role="dialog"][data-state="open"], [role="menu"][data-state="open"]') !== null;
}
