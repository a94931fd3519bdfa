/**
 * Content that `content-visibility: auto` skips is not in Chromium's accessibility tree (it is
 * "not rendered" there until scrolled near), so a screen reader would not find the fields below the
 * first screen. A long form therefore paints its first screen with the rest skipped, then shows the
 * rest for good, one block or section at a time in idle time after that first paint: each is laid out
 * within an idle period of its own, never in one long task.
 */
const queue: HTMLElement[] = [];
const queued = new WeakSet<HTMLElement>();
let scheduled = false;

/** Shows `el` (an element with `content-visibility: auto`) for good, soon after the page paints. */
export function revealLater(el: HTMLElement): void {
  if (queued.has(el)) return;
  queued.add(el);
  queue.push(el);
  if (!scheduled) {
    scheduled = true;
    idle(run);
  }
}

function idle(callback: (deadline?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(callback, { timeout: 1000 });
  else setTimeout(callback, 50);
}

function run(deadline?: IdleDeadline): void {
  let el: HTMLElement | undefined;
  while ((el = queue.shift())) {
    if (!el.isConnected) continue;
    el.style.contentVisibility = "visible";
    void el.offsetHeight; // its style and layout now, in this idle period
    if (!deadline || deadline.timeRemaining() < 4) break;
  }
  if (queue.length > 0) idle(run);
  else scheduled = false;
}
