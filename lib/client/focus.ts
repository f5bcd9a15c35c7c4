/**
 * Puts keyboard focus on the chat's message box, waiting a few frames for it to appear (after a
 * navigation or a re-render). Used after actions that remove the control that had focus (New
 * chat, Regenerate, Edit, choosing in the phone's chat list), so focus never falls to <body>.
 */
export function focusComposer({ tries = 30 }: { tries?: number } = {}): void {
  const attempt = (left: number) => {
    const composer = document.getElementById("composer");
    if (composer) composer.focus();
    else if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  attempt(tries);
}
