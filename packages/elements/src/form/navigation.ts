/**
 * Where `<tk-form>` goes next: the pages of a form are its steps that exist for this citizen now
 * (`Form.steps()`: conditional steps whose condition holds, up to an exit page that applies), the
 * "check your answers" page and, in the task list layout, the task list. Pure functions of the
 * procedure's steps, the steps shown and the page the citizen is on.
 */
import type { StepDocument } from "@tokhai/core";

/** The review page ("check your answers"). Not a step id: step ids have no "#". */
export const REVIEW = "#review";
/** The task list (`layout="tasks"`). */
export const TASKS = "#tasks";

/** A step id, REVIEW or TASKS. */
export type Page = string;

export type Layout = "steps" | "tasks";

function position(all: readonly StepDocument[], id: string): number {
  return all.findIndex((s) => s.id === id);
}

/** The exit page that applies, if any: the steps shown end with it. */
export function exitOf(shown: readonly StepDocument[]): StepDocument | undefined {
  const last = shown[shown.length - 1];
  return last?.kind === "exit" ? last : undefined;
}

/** The steps with questions among those shown (not the exit page). */
export function questionSteps(shown: readonly StepDocument[]): StepDocument[] {
  return shown.filter((s) => s.kind !== "exit");
}

/**
 * The page shown for `at`. An exit page that applies replaces the review page and the task list; a step
 * that no longer exists for this citizen gives way to the last step shown before it (the exit page,
 * when it ends the steps before it).
 */
export function resolvePage(all: readonly StepDocument[], shown: readonly StepDocument[], at: Page): Page {
  const exit = exitOf(shown);
  if (at === REVIEW || at === TASKS) return exit ? exit.id : at;
  if (shown.some((s) => s.id === at)) return at;
  const p = position(all, at);
  const before = shown.filter((s) => position(all, s.id) <= p);
  return (before[before.length - 1] ?? shown[0])?.id ?? REVIEW;
}

/** The page after a step in the steps layout: the next step shown, else the review page. */
export function nextPage(all: readonly StepDocument[], shown: readonly StepDocument[], at: Page): Page {
  const p = position(all, at);
  return shown.find((s) => position(all, s.id) > p)?.id ?? REVIEW;
}

/** The page "Back" leads to; undefined on the first page. */
export function previousPage(all: readonly StepDocument[], shown: readonly StepDocument[], at: Page, layout: Layout): Page | undefined {
  if (at === TASKS) return undefined;
  const steps = questionSteps(shown);
  const exit = exitOf(shown);
  if (layout === "tasks" && at !== exit?.id) return TASKS;
  if (at === REVIEW) return steps[steps.length - 1]?.id;
  const p = position(all, at);
  const before = steps.filter((s) => position(all, s.id) < p);
  return before[before.length - 1]?.id;
}
