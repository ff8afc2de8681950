/**
 * Goes to message `seq` of the open conversation ("#m-<seq>"): the view loads older pages until it is
 * there and scrolls to it. Going to the hash already in the URL fires no hashchange, so it is sent
 * here: a second click on the same search hit or recalled line scrolls back to it.
 */
export function jumpToMessage(seq: number): void {
  const hash = `#m-${seq}`;
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else window.location.hash = hash;
}
