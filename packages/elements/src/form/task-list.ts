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
import { css, html, type TemplateResult } from "lit";
import { stepFields, type Form, type Locale, type StepDocument } from "@tokhai/core";
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

/** The steps whose answers a step's condition reads (itself excluded). */
function decidingSteps(model: Form, index: number): Set<string> {
  const all = model.procedure.steps;
  const out = new Set<string>();
  for (const e of model.procedure.expressions) {
    if (e.keyword !== "step" || e.step !== index) continue;
    for (const read of e.reads) {
      for (const step of all) {
        if (step === all[index]) continue;
        if (stepFields(step).some((p) => read.pointer === p || read.pointer.startsWith(p + "/") || p.startsWith(read.pointer + "/"))) out.add(step.id);
      }
    }
  }
  return out;
}

/** Whether the citizen gave (or changed) an answer among a step's fields. */
function answered(model: Form, step: StepDocument): boolean {
  const pending = [...stepFields(step)];
  while (pending.length > 0) {
    const pointer = pending.pop()!;
    const value = model.get(pointer);
    if (value !== null && typeof value === "object" && !isFile(value)) {
      for (const key of Object.keys(value)) pending.push(`${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      continue;
    }
    if (value === undefined) continue;
    const provenance = model.field(pointer).provenance;
    if (provenance?.source === "user" || (provenance && "edited" in provenance && provenance.edited)) return true;
  }
  return false;
}

function isFile(value: object): boolean {
  return !Array.isArray(value) && "name" in value && "size" in value && "type" in value;
}

/** The tasks, in the procedure's order, with their status. */
export function tasks(model: Form, shown: readonly StepDocument[], completed: ReadonlySet<string>, visited: ReadonlySet<string>): Task[] {
  const out: Task[] = [];
  model.procedure.steps.forEach((step, index) => {
    if (step.kind === "exit") return;
    const waiting = [...decidingSteps(model, index)].some((id) => !completed.has(id));
    if (waiting) {
      out.push({ step, status: "cannotStart" });
      return;
    }
    if (!shown.includes(step)) return;
    const status: TaskStatus = completed.has(step.id) ? "completed" : visited.has(step.id) || answered(model, step) ? "inProgress" : "notStarted";
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
    <p class="tasks-progress">${chrome("tasksProgress", locale, { done, total })}</p>
    <ul class="task-list">
      ${view.tasks.map((t) => item(view, t.step.id, view.title(t.step), t.status, () => view.open(t.step.id)))}
      ${item(view, "review", chrome("taskCheckAndSubmit", locale), ready ? "notStarted" : "cannotStart", () => view.open(undefined))}
    </ul>
  </section>`;
}

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
  /* The whole row opens the task, as GOV.UK's task list does. */
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
