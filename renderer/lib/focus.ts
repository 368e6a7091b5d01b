// A button that disables itself while its work runs drops the keyboard focus to the page; this
// puts it back when the work is done, unless the user has moved on meanwhile.
export function keepFocus(button: HTMLElement | null, fallback?: () => HTMLElement | null): void {
  let frames = 0;
  const tick = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active !== button) return;
    if (button?.isConnected && !(button as HTMLButtonElement).disabled) {
      button.focus();
      return;
    }
    if (frames++ < 30) requestAnimationFrame(tick);
    else fallback?.()?.focus();
  };
  requestAnimationFrame(tick);
}
