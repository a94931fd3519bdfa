// Timing helpers shared by the benchmark pages.

/** Resolves after a task: a MessageChannel message, not clamped like setTimeout. */
export function yieldTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/**
 * Resolves with performance.now() once the next frame has been produced: a requestAnimationFrame
 * callback, then a task after it, so that the frame's style, layout and paint are included.
 * `rafAt` is when the rAF callback itself ran.
 */
export function nextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const rafAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ rafAt, paintedAt: performance.now() });
      channel.port2.postMessage(0);
    });
  });
}

/** Polls `check` once per task until it is true; rejects after `timeoutMs`. Returns how many polls. */
export async function until(check, timeoutMs = 20000, what = "condition") {
  const start = performance.now();
  let polls = 0;
  while (!check()) {
    polls++;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await yieldTask();
  }
  return polls;
}

/** Types `text` into an input like a user would: sets the value, then fires `input`. */
export function typeInto(input, value, data) {
  input.value = value;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, data, inputType: "insertText" }));
}

/** Forces style and layout of the whole document (shadow trees included). */
export function forceLayout() {
  return document.documentElement.getBoundingClientRect().height + document.body.offsetHeight;
}

export const now = () => performance.now();
