/**
 * Whether the focus was dropped: the control that held it went away (a bar closing, a button
 * replaced by the result, a dialog closed whose opener is gone), leaving it on `<body>`, on the
 * element with nothing inside focused, or on something no longer shown. Elements then give it a
 * sensible place, never taking it from where the user has put it since.
 */
export function focusLost(host: HTMLElement): boolean {
  const active = document.activeElement;
  if (active === null || active === document.body) return true;
  if (active !== host) return false;
  const inside = host.shadowRoot?.activeElement;
  return !inside || !inside.isConnected || !inside.checkVisibility();
}
