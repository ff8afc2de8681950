// Where focus goes back to when a dialog closes. A dialog opened from a menu item would return it to
// the item, which the menu removed as it closed, so focus fell to the page; the item's menu's trigger
// (the "⋯" button) is remembered instead.

let fromMenu: { trigger: HTMLElement; at: number } | null = null;

/** A menu trigger remembered this long ago no longer names what opened a dialog. */
const MENU_OPENER_MS = 1_000;

/** Remembers the trigger of the menu holding `item`, as its selection may open a dialog. */
export function rememberMenuTrigger(item: Element): void {
  const triggerId = item.closest('[role="menu"]')?.getAttribute("aria-labelledby");
  const trigger = triggerId ? document.getElementById(triggerId) : null;
  fromMenu = trigger ? { trigger, at: performance.now() } : null;
}

/** What a dialog opening now should give focus back to when it closes. */
export function takeOpener(): HTMLElement | null {
  const menu = fromMenu && performance.now() - fromMenu.at < MENU_OPENER_MS ? fromMenu.trigger : null;
  fromMenu = null;
  if (menu) return menu;
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}
