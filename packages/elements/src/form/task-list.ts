/**
 * The task list of `<tk-form layout="tasks">`, as GOV.UK's "complete multiple tasks" pattern: each step
 * is a task with its status, and "check your answers and submit" comes last.
 *
 * A task is completed once the citizen pressed Continue on it without errors; in progress once they
 * opened it or answered something in it; otherwise not started. A conditional step cannot start yet
 * while a step whose answers decide it is not completed (it is listed even if, for now, it is hidden);
 * once they are, it is listed only if it exists for this citizen. The last task cannot start until
 * every task listed is completed.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { isPrefixPointer, stepFields, type Form, type Locale, type Procedure, type StepDocument } from "@tokhai/core";
import { chrome, type ChromeKey } from "../i18n.js";

export type TaskStatus = "completed" | "inProgress" | "notStarted" | "cannotStart";

export interface Task {
  readonly step: StepDocument;
  readonly status: TaskStatus;
}

const STATUS_TEXT: Readonly<Record<TaskStatus, ChromeKey>> = {
  completed: "taskCompleted",
  inProgress: "taskInProgress",
  notStarted: "taskNotStarted",
  cannotStart: "taskCannotStart",
};

/**
 * For each step of a procedure, by index: the steps whose answers its condition reads (itself
 * excluded). Worked out once per procedure, from the analysed reads of its `step` expressions.
 */
const deciders = new WeakMap<Procedure, readonly ReadonlySet<string>[]>();

function decidingSteps(procedure: Procedure): readonly ReadonlySet<string>[] {
  let out = deciders.get(procedure);
  if (out) return out;
  const all = procedure.steps;
  const sets = all.map(() => new Set<string>());
  for (const e of procedure.expressions) {
    if (e.keyword !== "step" || e.step === undefined) continue;
    for (const read of e.reads) {
      for (const step of all) {
        if (step === all[e.step]) continue;
        if (stepFields(step).some((p) => isPrefixPointer(p, read.pointer) || isPrefixPointer(read.pointer, p))) sets[e.step]!.add(step.id);
      }
    }
  }
  deciders.set(procedure, (out = sets));
  return out;
}

/**
 * The steps in which the citizen gave (or changed) an answer: those holding a value whose provenance
 * says so. The form's own provenance of its data, not a walk of the values.
 */
function answeredSteps(model: Form): Set<string> {
  const touched = Object.entries(model.draft().provenance ?? {})
    .filter(([, p]) => p.source === "user" || ("edited" in p && p.edited))
    .map(([pointer]) => pointer);
  const out = new Set<string>();
  for (const step of model.procedure.steps) {
    if (stepFields(step).some((p) => touched.some((t) => isPrefixPointer(p, t)))) out.add(step.id);
  }
  return out;
}

/** The tasks, in the procedure's order, with their status. */
export function tasks(model: Form, shown: readonly StepDocument[], completed: ReadonlySet<string>, visited: ReadonlySet<string>): Task[] {
  const out: Task[] = [];
  const deciding = decidingSteps(model.procedure);
  const answered = answeredSteps(model);
  model.procedure.steps.forEach((step, index) => {
    if (step.kind === "exit") return;
    const waiting = [...deciding[index]!].some((id) => !completed.has(id));
    if (waiting) {
      out.push({ step, status: "cannotStart" });
      return;
    }
    if (!shown.includes(step)) return;
    const status: TaskStatus = completed.has(step.id) ? "completed" : visited.has(step.id) || answered.has(step.id) ? "inProgress" : "notStarted";
    out.push({ step, status });
  });
  return out;
}

export interface TaskListView {
  readonly locale: Locale;
  readonly tasks: readonly Task[];
  readonly title: (step: StepDocument) => string;
  /** The citizen opens a task (a step id), or the last one (`undefined`: check your answers). */
  open(step: string | undefined): void;
  /** Shown under the page's heading (the data-use notice). */
  readonly intro?: TemplateResult | typeof nothing;
}

function item(view: TaskListView, id: string, name: string, status: TaskStatus, open: () => void): TemplateResult {
  const locale = view.locale;
  const statusId = `task-${id}-status`;
  const text = chrome(STATUS_TEXT[status], locale);
  return html`<li class="task ${status === "cannotStart" ? "" : "with-link"}">
    <div class="task-name">
      ${status === "cannotStart"
        ? name
        : html`<a
            href="#"
            aria-describedby=${statusId}
            @click=${(event: Event) => {
              event.preventDefault();
              open();
            }}
            >${name}</a
          >`}
    </div>
    <div class="task-status" id=${statusId}>${status === "completed" || status === "cannotStart" ? text : html`<strong class="tag ${status}">${text}</strong>`}</div>
  </li>`;
}

/** The task list page. */
export function renderTaskList(view: TaskListView): TemplateResult {
  const locale = view.locale;
  const done = view.tasks.filter((t) => t.status === "completed").length;
  const total = view.tasks.length;
  const ready = done === total;
  return html`<section part="tasks" aria-labelledby="step-title">
    <h2 id="step-title" tabindex="-1">${chrome("tasksTitle", locale)}</h2>
    ${view.intro ?? nothing}
    <p class="tasks-progress">${chrome("tasksProgress", locale, { done, total })}</p>
    <ul class="task-list">
      ${view.tasks.map((t) => item(view, t.step.id, view.title(t.step), t.status, () => view.open(t.step.id)))}
      ${item(view, "review", chrome("taskCheckAndSubmit", locale), ready ? "notStarted" : "cannotStart", () => view.open(undefined))}
    </ul>
  </section>`;
}

/** The task list's styles. The whole row of a task opens it (its link's `::after` covers the row), as GOV.UK's task list does. */
export const taskListStyles = css`
  .task-list {
    list-style: none;
    margin: 0 0 1.5rem;
    padding: 0;
    border-top: 1px solid #b1b4b6;
  }
  .task {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    padding: 0.75rem 0.25rem;
    border-bottom: 1px solid #b1b4b6;
  }
  .task.with-link:hover {
    background: #f3f2f1;
  }
  .task.with-link a::after {
    content: "";
    position: absolute;
    inset: 0;
  }
  .task-name {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .task-status {
    color: var(--_text);
  }
  .tag {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    font-weight: 400;
  }
  .tag.notStarted {
    background: #bbd4ea;
    color: #0c2d4a;
  }
  .tag.inProgress {
    background: #fff7bf;
    color: #594d00;
  }
  .task:not(.with-link) {
    color: var(--_muted);
  }
  .task:not(.with-link) .task-status {
    color: var(--_muted);
  }
`;
