// The shared conformance suite of tokhai's field elements (Shoelace's form-control-base-tests, for
// tokhai): `conformance(spec)` registers one test per applicable check for one element.
//
// Every check drives the element as a citizen would (typing, Space, arrow keys, choosing a file),
// bound to a real core form at the pointer "/f" or standalone inside a native <form>, and reads back
// what the DOM shows and what the model holds.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createForm, loadProcedure, type Form, type SchemaNode } from "@tokhai/core";
import { TkChangeEvent } from "../../src/events.js";
import type { TkField } from "../../src/field.js";
import { CHROME } from "../../src/i18n.js";
import { defaultRegistry, type FIELD_ELEMENTS } from "../../src/widgets.js";
import {
  accessibleName,
  activeDeep,
  deepAll,
  deepQuery,
  deepQueryAll,
  describedBy,
  describedByIds,
  expectAccessible,
  pwned,
  resetPwned,
  settle,
  text,
  XSS,
} from "./dom.js";

export type FieldTag = keyof typeof FIELD_ELEMENTS;

/** The checks of the suite; each spec lists those that apply to its element. */
export const CHECKS = ["value", "standalone", "validity", "labels", "keyboard", "locked", "readonly", "hidden", "axe", "xss"] as const;
export type Check = (typeof CHECKS)[number];

/** The element under test, bound or standalone, with its surroundings. */
export interface Harness {
  readonly el: TkField;
  /** The core form, when bound. */
  readonly model: Form | undefined;
  /** The element's parent: a `<div>` (bound) or the native `<form>` (standalone). */
  readonly root: HTMLElement;
  /** A button before the element, where keyboard walks start. */
  readonly before: HTMLButtonElement;
  /** A button after the element. */
  readonly after: HTMLButtonElement;
  settle(): Promise<void>;
}

export interface ConformanceSpec {
  readonly tag: FieldTag;
  /** The field's schema, mounted at `/f`; it must have a `title` and a `description`. */
  readonly schema: SchemaNode & { title: string; description: string };
  /** The field's title in the procedure's English `i18n`. */
  readonly titleEn: string;
  /** Properties beside `/f` (what an `x-compute` reads…). */
  readonly siblings?: Record<string, SchemaNode>;
  readonly sources?: Record<string, { title: string; schema: SchemaNode }>;
  readonly context?: Record<string, unknown>;
  /** The checks that apply. */
  readonly checks: readonly Check[];

  /** The element that carries the accessible name and description: the input, the select, the fieldset… */
  labelled(el: TkField): HTMLElement;
  /** The controls a citizen edits, which carry `aria-invalid` (empty for a computed value). */
  controls(el: TkField): HTMLElement[];
  /** What the DOM shows of the value (the input's text, the checked option's label…). */
  shown(el: TkField): string;
  /** What `shown` gives for an empty field. */
  readonly emptyShown: string;

  /** A valid value, as the model holds it, and as `shown` shows it. */
  readonly sample: unknown;
  readonly sampleShown: string;
  /** Makes the value `sample` the way a citizen would (typing, clicking, choosing a file). */
  fill?(h: Harness): Promise<void>;
  /** Another valid value, set through `model.set` (at `via[0]` when the field is computed). */
  readonly other: { readonly value: unknown; readonly shown: string; readonly via?: readonly [string, unknown] };
  /** Which `tk-change` events to expect: fired by the element itself, or by its children (composed through it). */
  readonly events?: "host" | "children";

  readonly validity?: {
    /**
     * How to make the field invalid beyond "required and empty": a value set on the model, or any change
     * (a no-op when the empty field already breaks a rule).
     */
    readonly invalid?: { readonly value: unknown } | { readonly set: (model: Form) => void };
    /** Makes the field valid again (default: `fill`). */
    fix?(h: Harness): Promise<void>;
    /** Whether "required and empty" applies (default true). */
    readonly requiredEmpty?: boolean;
    /** Whether the controls carry `aria-invalid` (default true). */
    readonly ariaInvalid?: boolean;
  };
  /** Whether a required field shows the required mark under `required-marker="required"` (default true). */
  readonly requiredMark?: boolean;
  /**
   * Whether an optional field shows the optional mark, as fields do by default (default true; not a
   * single checkbox, a section, an address, nor a computed value).
   */
  readonly optionalMark?: boolean;

  readonly keyboard?: {
    /** Where the first Tab into the element lands (default: the first of `controls`). */
    first?(el: TkField): HTMLElement;
    /** Operates the element from there with the keyboard alone. */
    operate(h: Harness): Promise<void>;
    /** The value the model then holds. */
    readonly expected: unknown;
  };

  readonly locked?: {
    /** The field's schema in the `citizen` source. */
    readonly source: SchemaNode;
    /** The source's value (default `sample`). */
    readonly value?: unknown;
    /** Text the verified view shows for it; omitted where the element has no readable rendering. */
    readonly shown?: string;
    /** Whether the verified view names the source (default true). */
    readonly namesSource?: boolean;
    /** A container: locked, it shows its fields, each verified, instead of one verified view. */
    readonly container?: boolean;
  };

  /** `x-readonly` (an `x-readonly: "true"` field holding `sample`), or `computed` (the field as it is). */
  readonly readonly?: "x-readonly" | "computed";

  readonly standalone?: {
    /** Sets what a standalone element needs (its options). */
    setup?(el: TkField): void;
    /** The value the element starts with, and what it shows. */
    readonly initial: unknown;
    readonly initialShown: string;
    /** The entries `FormData.getAll(name)` holds for a value (a `File` is written `File:<name>`). */
    entries(value: unknown): unknown[];
    /** Changes the value (default: `fill`, giving `sample`). */
    change?(h: Harness): Promise<void>;
    readonly changedValue?: unknown;
    /** Whether `required` applies (default true). */
    readonly required?: boolean;
  };
}

export const TITLE_SOURCE = "Cơ sở dữ liệu quốc gia về dân cư";
const POINTER = "/f";
const NAME = "f";

interface Variant {
  readonly required?: boolean;
  readonly locked?: boolean;
  readonly readonly?: boolean;
  readonly hidden?: boolean;
  readonly xss?: boolean;
}

const mounted: HTMLElement[] = [];

/** The accessible name of an optional field titled `title`: with the optional mark if the element shows it. */
function optionalName(spec: ConformanceSpec, title: string): string {
  return (spec.optionalMark ?? true) ? `${title} ${CHROME.vi.optional}` : title;
}

/** The field's required mark if it is shown (an empty mark is hidden by CSS), else null. */
function shownRequiredMark(el: HTMLElement): HTMLElement | null {
  const mark = shadow(el).querySelector<HTMLElement>(".required-mark");
  return mark && (mark.textContent !== "" || getComputedStyle(mark).display !== "none") ? mark : null;
}

function anchors(): { before: HTMLButtonElement; after: HTMLButtonElement } {
  const before = document.createElement("button");
  before.type = "button";
  before.textContent = "Trước";
  const after = document.createElement("button");
  after.type = "button";
  after.textContent = "Sau";
  return { before, after };
}

/** The element bound to `/f` of a fresh core form built from the spec and the variant. */
export async function mountBound(spec: ConformanceSpec, variant: Variant = {}): Promise<Harness & { model: Form }> {
  const field: Record<string, unknown> = { ...spec.schema };
  if (variant.xss) {
    field["title"] = XSS;
    field["description"] = XSS;
    // First, so that it is the message shown.
    field["x-rules"] = [{ assert: "false", message: XSS }, ...((field["x-rules"] as unknown[] | undefined) ?? [])];
  }
  const sources: Record<string, unknown> = { ...spec.sources };
  const context: Record<string, unknown> = { ...spec.context };
  const properties: Record<string, unknown> = { ...spec.siblings };
  if (variant.locked) {
    if (!spec.locked) throw new Error(`${spec.tag}: the locked variant needs spec.locked`);
    field["x-prefill"] = `$citizen.${NAME}`;
    field["x-lock"] = true;
    sources["citizen"] = { title: TITLE_SOURCE, schema: { type: "object", properties: { [NAME]: spec.locked.source } } };
    context["citizen"] = { [NAME]: spec.locked.value ?? spec.sample };
  }
  if (variant.readonly) {
    field["x-readonly"] = "true";
    field["default"] = spec.sample;
  }
  if (variant.hidden) {
    field["x-visible"] = "show = true";
    properties["show"] = { type: "boolean", title: "Hiện trường" };
  }
  properties[NAME] = field;
  const procedure = await loadProcedure({
    id: `vn.test.conformance.${spec.tag}`,
    version: "1.0.0",
    title: "Kiểm thử",
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
    schema: { type: "object", properties, ...(variant.required ? { required: [NAME] } : {}) },
    i18n: { en: { [POINTER]: { title: spec.titleEn } } },
  });
  const model = createForm(procedure, { context, locale: "vi" });
  await model.settled();
  const root = document.createElement("div");
  const { before, after } = anchors();
  const el = document.createElement(spec.tag) as TkField;
  el.model = model;
  el.pointer = POINTER;
  el.registry = defaultRegistry();
  root.append(before, el, after);
  document.body.append(root);
  mounted.push(root);
  const h = { el, model, root, before, after, settle: () => settle(root, model) };
  await h.settle();
  return h;
}

/** The element standalone, inside a `<fieldset>` of a native `<form>`. */
export async function mountStandalone(spec: ConformanceSpec, setup: (el: TkField) => void): Promise<Harness & { form: HTMLFormElement; fieldset: HTMLFieldSetElement }> {
  const form = document.createElement("form");
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "Biểu mẫu";
  const { before, after } = anchors();
  const el = document.createElement(spec.tag) as TkField;
  spec.standalone?.setup?.(el);
  el.name = NAME;
  el.label = spec.schema.title;
  el.hint = spec.schema.description;
  setup(el);
  fieldset.append(legend, before, el, after);
  form.append(fieldset);
  document.body.append(form);
  mounted.push(form);
  const h = { el, model: undefined, root: form, form, fieldset, before, after, settle: () => settle(form) };
  await h.settle();
  return h;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const errorPart = (el: Element) => shadow(el).querySelector<HTMLElement>("[part~='error']");

/** `FormData.getAll`, with files written `File:<name>`. */
function entries(form: HTMLFormElement): unknown[] {
  return new FormData(form).getAll(NAME).map((v) => (v instanceof File ? `File:${v.name}` : v));
}

/** Inputs, selects, textareas and buttons in the element's tree (children included). */
function editables(el: Element): HTMLElement[] {
  return deepQueryAll(shadow(el), "input, select, textarea, button, [contenteditable]");
}

function isInert(control: HTMLElement): boolean {
  const c = control as HTMLInputElement;
  return c.disabled === true || (c.readOnly === true && c.type !== "checkbox" && c.type !== "radio" && c.type !== "file");
}

/** Makes the field invalid as the spec says (see `validity.invalid`). */
function makeInvalid(spec: ConformanceSpec, model: Form): void {
  const invalid = spec.validity?.invalid;
  if (!invalid) return;
  if ("value" in invalid) model.set(POINTER, invalid.value);
  else invalid.set(model);
}

/** Registers the suite's tests for one element. */
export function conformance(spec: ConformanceSpec): void {
  const has = (check: Check) => spec.checks.includes(check);

  describe(`<${spec.tag}> conformance`, () => {
    afterEach(() => {
      for (const root of mounted.splice(0)) root.remove();
      resetPwned();
    });

    if (has("value")) {
      it("value: user input reaches model.get(pointer), model.set reaches the DOM, tk-change and change fire on the host", async () => {
        const h = await mountBound(spec);
        const tk: Event[] = [];
        const changes: Event[] = [];
        h.root.addEventListener("tk-change", (e) => tk.push(e));
        h.root.addEventListener("change", (e) => changes.push(e));
        if (spec.fill) {
          expect(spec.shown(h.el)).toBe(spec.emptyShown);
          await spec.fill(h);
          await h.settle();
          expect(h.model.get(POINTER)).toEqual(spec.sample);
          expect(spec.shown(h.el)).toBe(spec.sampleShown);
          expect(tk.length).toBeGreaterThan(0);
          for (const e of tk) {
            expect(e).toBeInstanceOf(TkChangeEvent);
            expect(e.bubbles && e.composed).toBe(true);
          }
          const last = tk.at(-1) as TkChangeEvent;
          if ((spec.events ?? "host") === "host") {
            expect(last.target).toBe(h.el);
            expect(last.pointer).toBe(POINTER);
            expect(last.value).toEqual(spec.sample);
            expect(changes.some((e) => e.target === h.el && e.bubbles)).toBe(true);
          } else {
            // Fired by the child elements inside this one's shadow root: composed, so it reaches the page.
            expect(last.pointer.startsWith(`${POINTER}/`)).toBe(true);
            expect(h.model.get(last.pointer)).toEqual(last.value);
          }
        } else {
          expect(spec.shown(h.el)).toBe(spec.sampleShown);
        }
        const [at, value] = spec.other.via ?? [POINTER, spec.other.value];
        h.model.set(at, value);
        await h.settle();
        expect(h.model.get(POINTER)).toEqual(spec.other.value);
        expect(spec.shown(h.el)).toBe(spec.other.shown);
      });
    }

    if (has("standalone")) {
      const sa = spec.standalone!;
      it("standalone: FormData carries the value under name; reset restores it; a disabled fieldset disables the control", async () => {
        const h = await mountStandalone(spec, (el) => (el.value = sa.initial));
        expect(h.el.form).toBe(h.form);
        expect(accessibleName(spec.labelled(h.el))).toBe(optionalName(spec, spec.schema.title));
        expect(describedBy(spec.labelled(h.el))).toContain(shadow(h.el).querySelector("[part~='hint']"));
        expect(entries(h.form)).toEqual(sa.entries(sa.initial));
        expect(spec.shown(h.el)).toBe(sa.initialShown);
        const changed = sa.change ? sa.changedValue : spec.sample;
        await (sa.change ?? spec.fill)!(h);
        await h.settle();
        expect(h.el.value).toEqual(changed);
        expect(entries(h.form)).toEqual(sa.entries(changed));

        h.form.reset();
        await h.settle();
        expect(h.el.value).toEqual(sa.initial);
        expect(spec.shown(h.el)).toBe(sa.initialShown);
        expect(entries(h.form)).toEqual(sa.entries(sa.initial));

        const editable = spec.controls(h.el).length > 0;
        expect(editable).toBe(sa.change === undefined);
        h.fieldset.disabled = true;
        await h.settle();
        expect(h.el.matches(":disabled")).toBe(true);
        expect(entries(h.form)).toEqual([]);
        expect(spec.controls(h.el).length > 0).toBe(editable);
        for (const c of spec.controls(h.el)) expect((c as HTMLInputElement).disabled).toBe(true);
        h.fieldset.disabled = false;
        await h.settle();
        expect(h.el.matches(":disabled")).toBe(false);
        for (const c of spec.controls(h.el)) expect((c as HTMLInputElement).disabled).toBe(false);
        expect(entries(h.form)).toEqual(sa.entries(sa.initial));
        if (editable) {
          // Enabled again, the control takes input.
          await (sa.change ?? spec.fill)!(h);
          await h.settle();
          expect(h.el.value).toEqual(changed);
        }
        // The author's own `disabled` outlives the fieldset's. (Re-enabling by the author is left out:
        // see the report, the control stays disabled.)
        h.el.disabled = true;
        h.fieldset.disabled = true;
        await h.settle();
        h.fieldset.disabled = false;
        await h.settle();
        expect(h.el.matches(":disabled")).toBe(true);
        expect(entries(h.form)).toEqual([]);
        for (const c of spec.controls(h.el)) expect((c as HTMLInputElement).disabled).toBe(true);
      });

      if (sa.required !== false) {
        it("standalone: required and empty is valueMissing until the citizen fills it", async () => {
          const h = await mountStandalone(spec, (el) => {
            el.value = undefined;
            el.required = true;
          });
          expect(h.el.willValidate).toBe(true);
          expect(h.el.checkValidity()).toBe(false);
          expect(h.el.validity.valueMissing).toBe(true);
          expect(h.el.validationMessage).not.toBe("");
          expect(h.form.checkValidity()).toBe(false);
          // reportValidity shows the browser's message in the element, wired like a bound error.
          expect(errorPart(h.el)).toBeNull();
          expect(h.el.reportValidity()).toBe(false);
          await h.settle();
          expect(text(errorPart(h.el))).toContain(h.el.validationMessage);
          expect(describedBy(spec.labelled(h.el))).toContain(errorPart(h.el));
          for (const c of spec.controls(h.el)) expect(c.getAttribute("aria-invalid")).toBe("true");
          await spec.fill!(h);
          await h.settle();
          expect(errorPart(h.el)).toBeNull();
          for (const c of spec.controls(h.el)) expect(c.getAttribute("aria-invalid")).toBe("false");
          expect(h.el.checkValidity()).toBe(true);
          expect(h.el.validity.valid).toBe(true);
          expect(h.form.checkValidity()).toBe(true);
        });
      }
    }

    if (has("validity")) {
      const v = spec.validity ?? {};
      const ariaInvalid = v.ariaInvalid ?? true;
      const fix = v.fix ?? spec.fill!;

      /** The error is shown in part="error", referenced by aria-describedby, and flagged by aria-invalid. */
      const expectError = (h: Harness & { model: Form }) => {
        const errors = h.model.field(POINTER).errors;
        expect(errors.length).toBeGreaterThan(0);
        const error = errorPart(h.el);
        expect(error).not.toBeNull();
        expect(text(error)).toContain(errors[0]!.message);
        expect(describedBy(spec.labelled(h.el))).toContain(error);
        const controls = spec.controls(h.el);
        if (ariaInvalid) {
          expect(controls.length).toBeGreaterThan(0);
          for (const c of controls) expect(c.getAttribute("aria-invalid")).toBe("true");
        }
        expect(h.el.validity.valid).toBe(false);
      };
      const expectNoError = (h: Harness & { model: Form }) => {
        expect(h.model.field(POINTER).errors).toEqual([]);
        expect(errorPart(h.el)).toBeNull();
        expect(describedByIds(spec.labelled(h.el))).not.toContain("error");
        if (ariaInvalid) for (const c of spec.controls(h.el)) expect(c.getAttribute("aria-invalid")).toBe("false");
        expect(h.el.validity.valid).toBe(true);
      };

      if (v.requiredEmpty ?? true) {
        it("validity: after model.validate() a required empty field shows its error, wired to the control; filling it clears it", async () => {
          const h = await mountBound(spec, { required: true });
          expectNoError(h);
          await h.model.validate();
          await h.settle();
          expectError(h);
          // The message follows the locale.
          const vi = h.model.field(POINTER).errors[0]!.message;
          h.model.setLocale("en");
          await h.settle();
          const en = h.model.field(POINTER).errors[0]!.message;
          expect(en).not.toBe(vi);
          expect(text(errorPart(h.el))).toContain(en);
          h.model.setLocale("vi");
          await h.settle();
          await fix(h);
          await h.settle();
          expectNoError(h);
        });
      }
      if (v.invalid) {
        it("validity: an invalid value shows the schema's message, wired to the control; fixing it clears it", async () => {
          const h = await mountBound(spec);
          expectNoError(h);
          makeInvalid(spec, h.model);
          await h.model.validate();
          await h.settle();
          expectError(h);
          await fix(h);
          await h.settle();
          expectNoError(h);
        });
      }
    }

    if (has("labels")) {
      it("labels: the accessible name is the title (and the optional mark), the hint is in aria-describedby", async () => {
        const h = await mountBound(spec);
        const labelled = spec.labelled(h.el);
        expect(accessibleName(labelled)).toBe(optionalName(spec, spec.schema.title));
        const hint = shadow(h.el).querySelector<HTMLElement>("[part~='hint']");
        expect(text(hint)).toBe(spec.schema.description);
        expect(describedBy(labelled)).toContain(hint);
        if (spec.optionalMark ?? true) expect(text(shownRequiredMark(h.el))).toBe(CHROME.vi.optional);
        else expect(shownRequiredMark(h.el)).toBeNull();
      });

      if (spec.requiredMark ?? true) {
        it("labels: a required field has no mark by default; under required-marker=\"required\" the localised required mark, in the name too, following setLocale", async () => {
          const h = await mountBound(spec, { required: true });
          expect(shownRequiredMark(h.el)).toBeNull();
          expect(accessibleName(spec.labelled(h.el))).toBe(spec.schema.title);
          h.el.requiredMarker = "required";
          await h.settle();
          const mark = () => shadow(h.el).querySelector<HTMLElement>("[part~='label'] .required-mark");
          expect(text(mark())).toBe(CHROME.vi.required);
          expect(accessibleName(spec.labelled(h.el))).toBe(`${spec.schema.title} ${CHROME.vi.required}`);
          h.model.setLocale("en");
          await h.settle();
          expect(text(mark())).toBe(CHROME.en.required);
          expect(accessibleName(spec.labelled(h.el))).toBe(`${spec.titleEn} ${CHROME.en.required}`);
        });
      }
    }

    if (has("keyboard")) {
      const kb = spec.keyboard!;
      it("keyboard: Tab reaches the control, which works with the keyboard alone", async () => {
        const h = await mountBound(spec);
        h.before.focus();
        await userEvent.tab();
        const first = kb.first ? kb.first(h.el) : spec.controls(h.el)[0]!;
        expect(first).toBeTruthy();
        expect(activeDeep()).toBe(first);
        await kb.operate(h);
        await h.settle();
        expect(h.model.get(POINTER)).toEqual(kb.expected);
      });
    }

    if (has("locked")) {
      const lock = spec.locked!;
      it("locked: a value verified from the citizen source shows as verified, with no control to edit it", async () => {
        const h = await mountBound(spec, { locked: true });
        const value = lock.value ?? spec.sample;
        expect(h.model.get(POINTER)).toEqual(value);
        if (lock.container) {
          // Each field inside shows its own verified view, naming the source.
          const views = deepQueryAll(shadow(h.el), "[part~='verified']");
          expect(views.length).toBeGreaterThan(0);
          for (const view of views) {
            expect(text(view)).toContain(CHROME.vi.verified);
            expect(text(view)).toContain(TITLE_SOURCE);
          }
          expect(h.model.field(POINTER).provenance).toMatchObject({ source: "citizen", locked: true });
        } else {
          const verified = shadow(h.el).querySelector<HTMLElement>("[part~='verified']");
          expect(verified).not.toBeNull();
          expect(text(verified)).toContain(CHROME.vi.verified);
          if (lock.namesSource ?? true) expect(text(verified)).toContain(TITLE_SOURCE);
          if (lock.shown !== undefined) expect(text(verified)).toContain(lock.shown);
          expect(accessibleName(verified!)).toBe(spec.schema.title);
        }
        expect(editables(h.el)).toEqual([]);
        expect(shownRequiredMark(h.el)).toBeNull();
        // Editing is impossible: Tab goes past the field, and the model refuses a new value.
        h.before.focus();
        await userEvent.tab();
        expect(activeDeep()).toBe(h.after);
        expect(() => h.model.set(POINTER, spec.other.value)).toThrow(/x-lock/);
        await h.settle();
        expect(h.model.get(POINTER)).toEqual(value);
      });
    }

    if (has("readonly")) {
      it(`readonly (${spec.readonly}): the value is shown, and no control lets the citizen change it`, async () => {
        const h = await mountBound(spec, { readonly: spec.readonly === "x-readonly" });
        expect(h.model.field(POINTER).readonly).toBe(true);
        const before = h.model.get(POINTER);
        expect(before).toEqual(spec.sample);
        expect(spec.shown(h.el)).toBe(spec.sampleShown);
        const controls = editables(h.el);
        if (spec.readonly === "computed") {
          expect(controls).toEqual([]);
          expect(() => h.model.set(POINTER, spec.other.value)).toThrow(/x-compute/);
        } else {
          expect(spec.controls(h.el).length).toBeGreaterThan(0);
        }
        for (const c of controls) expect(isInert(c), c.outerHTML).toBe(true);
        // Try anyway, with the keyboard.
        for (const c of controls) {
          c.focus();
          await userEvent.keyboard("x {ArrowDown}{Backspace}");
        }
        await h.settle();
        expect(h.model.get(POINTER)).toEqual(before);
        expect(spec.shown(h.el)).toBe(spec.sampleShown);
      });
    }

    if (has("hidden")) {
      it("hidden: x-visible false sets the hidden attribute and renders nothing, until the condition holds", async () => {
        const h = await mountBound(spec, { hidden: true });
        const renders = () => [...deepAll(shadow(h.el))];
        expect(h.model.field(POINTER).visible).toBe(false);
        expect(h.el.hasAttribute("hidden")).toBe(true);
        expect(renders()).toEqual([]);
        expect(h.el.checkVisibility()).toBe(false);
        h.model.set("/show", true);
        await h.settle();
        expect(h.el.hasAttribute("hidden")).toBe(false);
        expect(text(shadow(h.el).querySelector("[part~='label']"))).toContain(spec.schema.title);
        expect(h.el.checkVisibility()).toBe(true);
        h.model.set("/show", false);
        await h.settle();
        expect(h.el.hasAttribute("hidden")).toBe(true);
        expect(renders()).toEqual([]);
      });
    }

    if (has("axe")) {
      it("axe: no violations when empty, in error, filled and locked", async () => {
        const h = await mountBound(spec, { required: spec.validity?.requiredEmpty ?? true });
        await expectAccessible(h.root, "empty");
        if (!(spec.validity?.requiredEmpty ?? true)) makeInvalid(spec, h.model);
        await h.model.validate();
        await h.settle();
        if (has("validity")) expect(errorPart(h.el)).not.toBeNull();
        await expectAccessible(h.root, "error");
        const [at, value] = spec.other.via ?? [POINTER, spec.other.value];
        h.model.set(at, value);
        await h.settle();
        expect(spec.shown(h.el)).toBe(spec.other.shown);
        await expectAccessible(h.root, "filled");
        if (spec.locked) {
          const locked = await mountBound(spec, { locked: true });
          expect(deepQueryAll(shadow(locked.el), "[part~='verified']").length).toBeGreaterThan(0);
          await expectAccessible(locked.root, "locked");
        }
      });
    }

    if (has("xss")) {
      it("xss: a hostile title, description and rule message render as text", async () => {
        const variants: Variant[] = [{ xss: true }, ...(spec.locked ? [{ xss: true, locked: true }] : [])];
        for (const variant of variants) {
          const h = await mountBound(spec, variant);
          if (!variant.locked) {
            await h.model.validate(); // the rule's hostile message
            await h.settle();
            expect(errorPart(h.el)!.textContent).toContain(XSS);
          }
          await new Promise((r) => setTimeout(r, 50));
          expect(pwned()).toBeUndefined();
          expect(deepQuery(shadow(h.el), "img")).toBeUndefined();
          expect(shadow(h.el).querySelector("[part~='label']")!.textContent).toContain(XSS);
          if (!variant.locked) {
            expect(shadow(h.el).querySelector("[part~='hint']")!.textContent).toBe(XSS);
            expect(accessibleName(spec.labelled(h.el))).toBe(optionalName(spec, XSS));
          }
        }
      });
    }
  });
}
