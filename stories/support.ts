/**
 * Helpers shared by the stories: tiny procedures, a loader that binds a field to a core form, renders
 * for bound and standalone elements, and the checks the `play` functions make.
 *
 * The stories import the built packages (`@tokhai/elements`, `@tokhai/core` → packages/*\/dist), so
 * they exercise what ships. `defineElements()` runs in .storybook/preview.ts.
 */
import {
  createForm,
  loadProcedure,
  type FieldTexts,
  type Form,
  type FormContext,
  type Locale,
  type LookupResolver,
  type ProcedureDocument,
  type SchemaNode,
  type SourceDocument,
} from "@tokhai/core";
import { defaultRegistry, type TkField, type TkForm } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { createRegisters, registerResolver } from "../examples/server/registers.mjs";

// -------------------------------------------------------------------------------------------------
// Data: three sources, as a portal would hand them over
// -------------------------------------------------------------------------------------------------

const str = { type: "string" } as const;
const fileMeta: SchemaNode = {
  type: "object",
  properties: { name: str, type: str, size: { type: "integer" } },
  required: ["name", "type", "size"],
};
const address: SchemaNode = { type: "object", properties: { provinceCode: str, communeCode: str, detail: str } };

/** The sources every story procedure declares. */
export const SOURCES: Record<string, SourceDocument> = {
  citizen: {
    title: { vi: "Cơ sở dữ liệu quốc gia về dân cư", en: "National population database" },
    schema: {
      type: "object",
      properties: {
        fullName: str,
        personalId: str,
        birthDate: { type: "string", format: "date" },
        sex: str,
        phone: str,
        email: str,
        workplace: str,
        householdSize: { type: "integer" },
        emailNotifications: { type: "boolean" },
        priorityGroups: { type: "array", items: str },
        residenceDocument: fileMeta,
        permanentAddress: address,
        dwellingArea: { type: "number" },
        feeExempt: { type: "boolean" },
        livingSince: { type: "string", format: "year-month" },
      },
    },
  },
  household: {
    title: { vi: "Cơ sở dữ liệu về cư trú", en: "Residence database" },
    schema: {
      type: "object",
      properties: {
        members: {
          type: "array",
          items: { type: "object", properties: { fullName: str, birthDate: { type: "string", format: "date" }, relation: str } },
        },
      },
    },
  },
  catalog: {
    title: { vi: "Danh mục đơn vị hành chính", en: "Administrative units catalogue" },
    schema: {
      type: "object",
      properties: {
        provinces: {
          type: "array",
          items: {
            type: "object",
            properties: { code: str, name: str, communes: { type: "array", items: { type: "object", properties: { code: str, name: str } } } },
          },
        },
      },
    },
  },
};

export const CATALOG = {
  provinces: [
    {
      code: "01",
      name: "Thành phố Hà Nội",
      communes: [
        { code: "00004", name: "Phường Ba Đình" },
        { code: "00070", name: "Phường Hoàn Kiếm" },
      ],
    },
    {
      code: "79",
      name: "Thành phố Hồ Chí Minh",
      communes: [
        { code: "26740", name: "Phường Sài Gòn" },
        { code: "26743", name: "Phường Bến Thành" },
        { code: "27664", name: "Xã Cần Giờ" },
      ],
    },
    { code: "48", name: "Thành phố Đà Nẵng", communes: [{ code: "20227", name: "Phường Hải Châu" }] },
  ],
};

/** What the state knows about the citizen: every prefilled story reads it. */
export const CITIZEN = {
  fullName: "Nguyễn Văn An",
  personalId: "001090012345",
  birthDate: "1990-03-15",
  sex: "M",
  phone: "0912345678",
  email: "nguyenvanan@example.vn",
  workplace: "Công ty TNHH Minh Phát, số 25 đường Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh",
  householdSize: 4,
  emailNotifications: true,
  priorityGroups: ["elderly"],
  residenceDocument: { name: "giay-chung-nhan-quyen-su-dung-dat.pdf", type: "application/pdf", size: 482133 },
  permanentAddress: { provinceCode: "79", communeCode: "26743", detail: "Số 12 đường Lê Thánh Tôn" },
  dwellingArea: 62.5,
  feeExempt: false,
  livingSince: "2019-08",
};

export const HOUSEHOLD = {
  members: [
    { fullName: "Trần Thị Bình", birthDate: "1992-08-21", relation: "vo" },
    { fullName: "Nguyễn Minh Khôi", birthDate: "2018-05-02", relation: "con" },
  ],
};

/** Context with every source filled in. */
export const FULL: FormContext = { citizen: CITIZEN, household: HOUSEHOLD, catalog: CATALOG };
/** Context of a citizen the state knows nothing about (the catalogue is always there). */
export const NONE: FormContext = { catalog: CATALOG };

// -------------------------------------------------------------------------------------------------
// Tiny procedures
// -------------------------------------------------------------------------------------------------

export interface FieldSpec {
  /** The field's schema, without `x-prefill`/`x-lock`; a function when it refers to its own name. */
  readonly schema: SchemaNode | ((name: string) => SchemaNode);
  /** The prefill expression, e.g. `$citizen.fullName`. */
  readonly prefill: string;
  /** English texts, by pointer relative to the field ("" is the field itself, "/-/fullName" a row's field). */
  readonly en: Readonly<Record<string, FieldTexts>>;
  /** Other fields the procedure needs beside the four variants. */
  readonly others?: Readonly<Record<string, SchemaNode>>;
}

/** The four variants of one field, as properties of the tiny procedure. */
export type Variant = "plain" | "locked" | "editable" | "readonly";
const VARIANTS: readonly Variant[] = ["plain", "locked", "editable", "readonly"];

/**
 * A procedure holding the same field four times:
 * - `/plain`: required, no prefill (empty, error);
 * - `/locked`: `x-prefill` and `x-lock` (verified data);
 * - `/editable`: `x-prefill` only (the citizen may change it);
 * - `/readonly`: `x-prefill` and `x-readonly: "true"`.
 */
export function fieldProcedure(name: string, spec: FieldSpec): ProcedureDocument {
  const schemaOf = (variant: Variant): SchemaNode => (typeof spec.schema === "function" ? spec.schema(variant) : spec.schema);
  const properties: Record<string, SchemaNode> = {
    plain: schemaOf("plain"),
    // The schema may override `x-lock` (e.g. a repeatable group locks its rows' fields instead).
    locked: { "x-lock": true, ...schemaOf("locked"), "x-prefill": spec.prefill },
    editable: { ...schemaOf("editable"), "x-prefill": spec.prefill },
    readonly: { ...schemaOf("readonly"), "x-prefill": spec.prefill, "x-readonly": "true" },
    ...spec.others,
  };
  const en: Record<`/${string}`, FieldTexts> = {};
  for (const variant of VARIANTS) {
    for (const [relative, texts] of Object.entries(spec.en)) en[`/${variant}${relative}`] = texts;
  }
  return {
    id: `vn.storybook.${name}`,
    version: "1.0.0",
    title: `Ví dụ: ${name}`,
    sources: SOURCES,
    schema: { type: "object", properties, required: ["plain"] },
    i18n: { en: { title: `Example: ${name}`, ...en } },
  };
}

// -------------------------------------------------------------------------------------------------
// Loaders and renders
// -------------------------------------------------------------------------------------------------

/** A field bound to a core form: what the loaders hand to `render`, as `loaded.field`. */
export interface Bound {
  readonly model: Form;
  readonly pointer: string;
}

export interface BindOptions {
  /** The sources' data; default: none but the catalogue. */
  readonly context?: FormContext;
  readonly locale?: Locale;
  /** Values the citizen typed, set in order after the form settled. */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Run `model.validate()` (the whole form) before rendering. */
  readonly validate?: boolean;
}

/** Loads a procedure, creates its form and prepares it as `options` say. */
export async function bindField(document: ProcedureDocument, pointer: string, options: BindOptions = {}): Promise<Bound> {
  const procedure = await loadProcedure(document);
  const model = createForm(procedure, { context: options.context ?? NONE, locale: options.locale ?? "vi" });
  await model.settled();
  for (const [p, value] of Object.entries(options.set ?? {})) {
    model.set(p, value);
    await model.settled();
  }
  if (options.validate) await model.validate();
  return { model, pointer };
}

/** A story loader: `loaders: [bind(doc, "/plain", { validate: true })]`. */
export function bind(document: ProcedureDocument, pointer: string, options: BindOptions = {}): () => Promise<{ field: Bound }> {
  return async () => ({ field: await bindField(document, pointer, options) });
}

type Props = Record<string, unknown>;

/**
 * Sets the story's args as properties of `el`: only those with a value that are not event handlers,
 * and none that the element refuses (a getter without setter, set from the controls panel).
 */
function assignArgs(el: HTMLElement, args: Props): void {
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || typeof value === "function" || key.startsWith("on")) continue;
    try {
      (el as unknown as Props)[key] = value;
    } catch {
      // read-only property: ignore
    }
  }
}

/** Renders `tag` bound to `loaded.field`, with the story's args as extra properties (e.g. `disabled`). */
export function renderBound(tag: string) {
  return (args: Props, context: { loaded: Props }): HTMLElement => {
    const bound = context.loaded["field"] as Bound | undefined;
    const el = document.createElement(tag) as TkField;
    assignArgs(el, args);
    if (bound) {
      el.registry = defaultRegistry();
      el.model = bound.model;
      el.pointer = bound.pointer;
    }
    return el;
  };
}

/** Renders `tag` standalone, its properties from the story's args (`label`, `hint`, `value`…). */
export function renderStandalone(tag: string) {
  return (args: Props): HTMLElement => {
    const el = document.createElement(tag);
    assignArgs(el, args);
    return el;
  };
}

/** Renders a `<tk-form>`: `loaded.procedure` (document), `loaded.context`, `loaded.lookup`, and `args.locale`. */
export function renderForm(args: Props, context: { loaded: Props }): HTMLElement {
  const el = document.createElement("tk-form") as TkForm;
  el.procedure = context.loaded["procedure"] as ProcedureDocument;
  el.context = (context.loaded["context"] as FormContext | undefined) ?? {};
  const lookup = context.loaded["lookup"] as LookupResolver | undefined;
  if (lookup) el.lookup = lookup;
  el.locale = (args["locale"] as Locale | undefined) ?? "vi";
  if (args["layout"] === "tasks") el.layout = "tasks";
  if (args["requiredMarker"] === "required" || args["requiredMarker"] === "optional") el.requiredMarker = args["requiredMarker"];
  // A procedure with lookups: the story's stand-in for the portal's registers.
  if (typeof context.loaded["lookup"] === "function") el.lookup = context.loaded["lookup"] as TkForm["lookup"];
  if (typeof context.loaded["lookupDelay"] === "number") el.lookupDelay = context.loaded["lookupDelay"];
  return el;
}

// -------------------------------------------------------------------------------------------------
// Queries (shadow DOM) and checks for `play`
// -------------------------------------------------------------------------------------------------

interface StoryContext {
  readonly canvasElement: HTMLElement;
}

/** Every element under `root`, shadow roots included. */
function* walk(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll("*")) {
    yield el;
    if (el.shadowRoot) yield* walk(el.shadowRoot);
  }
}

/** The first element matching `selector` under `root`, looking into shadow roots. */
export function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  for (const el of walk(root)) if (el.matches(selector)) return el as unknown as T;
  return null;
}

/** Every element matching `selector` under `root`, looking into shadow roots. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  return [...walk(root)].filter((el) => el.matches(selector)) as unknown as T[];
}

/**
 * Elements matching `selector` in the field elements nested under `root` (rows, parts, a section's
 * fields), each in its own shadow root: not the container's own parts.
 */
export function inChildFields<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  return deepAll(root, "[pointer]").flatMap((el) => [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])]);
}

/** The shadow root of the story's `<tk-form>`. */
export function formRoot(canvasElement: HTMLElement): ShadowRoot {
  return canvasElement.querySelector("tk-form")!.shadowRoot!;
}

/** The form's primary button (continue, check your answers, submit). */
export function primaryButton(canvasElement: HTMLElement): HTMLButtonElement {
  return formRoot(canvasElement).querySelector<HTMLButtonElement>("[part~='primary']")!;
}

/** The shadow root of the form's field element at `pointer`. */
export function formField(canvasElement: HTMLElement, pointer: string): ShadowRoot {
  return deep(formRoot(canvasElement), `[pointer='${pointer}']`)!.shadowRoot!;
}

/** The story's element (the first `tk-*` element of the canvas). */
export function host<T extends HTMLElement = TkField>(canvasElement: HTMLElement): T {
  const el = [...canvasElement.querySelectorAll("*")].find((e) => e.localName.startsWith("tk-"));
  if (!el) throw new Error("no tk-* element in the story");
  return el as T;
}

/** The shadow root of the story's element. */
export function shadowOf(canvasElement: HTMLElement): ShadowRoot {
  return host(canvasElement).shadowRoot!;
}

/** Waits until every tokhai element of the canvas has rendered (nested ones too). */
export async function settle({ canvasElement }: StoryContext): Promise<void> {
  const form = canvasElement.querySelector("tk-form");
  if (form) await form.ready();
  for (let round = 0; round < 3; round++) {
    const elements = deepAll(canvasElement, "*").filter((e) => e.localName.startsWith("tk-")) as unknown as { updateComplete?: Promise<unknown> }[];
    await Promise.all(elements.map((e) => e.updateComplete));
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** The bound field's model, from the story's element. */
export function modelOf(canvasElement: HTMLElement): Form {
  const model = host(canvasElement).model;
  if (!model) throw new Error("the story's element is not bound");
  return model;
}

const VERIFIED: Record<Locale, string> = { vi: "Đã xác thực", en: "Verified" };

/** Checks: a locked field shows its value as verified data, with no control to edit it. */
export function expectVerified(locale: Locale = "vi", text?: string) {
  return async (context: StoryContext): Promise<void> => {
    await settle(context);
    const root = shadowOf(context.canvasElement);
    const verified = root.querySelector("[part~='verified']");
    await expect(verified).not.toBeNull();
    await expect(verified).toHaveTextContent(VERIFIED[locale]);
    if (text) await expect(verified).toHaveTextContent(text);
    await expect(root.querySelector("input, select, textarea")).toBeNull();
  };
}

/** Checks: the field shows `message` (or any error) and its controls are `aria-invalid`. */
export function expectInvalid(message?: string | RegExp) {
  return async (context: StoryContext): Promise<void> => {
    await settle(context);
    const root = shadowOf(context.canvasElement);
    const error = root.querySelector("[part~='error']");
    await expect(error).not.toBeNull();
    if (message) await expect(error).toHaveTextContent(message);
    const controls = root.querySelectorAll("input, select, textarea");
    for (const control of controls) await expect(control).toHaveAttribute("aria-invalid", "true");
    await expect(host(context.canvasElement).checkValidity()).toBe(false);
  };
}

/** Checks: a prefilled editable value says where it came from; once edited, it no longer does. */
export function expectOrigin(shown: boolean, locale: Locale = "vi") {
  return async (context: StoryContext): Promise<void> => {
    await settle(context);
    const root = shadowOf(context.canvasElement);
    const origin = root.querySelector("[part~='origin']");
    if (shown) {
      await expect(origin).not.toBeNull();
      await expect(origin).toHaveTextContent(locale === "en" ? "you can change it" : "có thể sửa");
    } else {
      await expect(origin).toBeNull();
    }
    const el = host(context.canvasElement);
    const provenance = el.model?.field(el.pointer!).provenance;
    await expect(provenance).toMatchObject({ source: "citizen", locked: false, edited: !shown });
  };
}

/** Checks: no control of the field can be changed (read-only or disabled). */
export function expectNotEditable() {
  return async (context: StoryContext): Promise<void> => {
    await settle(context);
    const controls = deepAll<HTMLInputElement>(shadowOf(context.canvasElement), "input, select, textarea, button");
    await expect(controls.length).toBeGreaterThan(0);
    for (const control of controls) await expect(control.disabled || control.readOnly).toBe(true);
  };
}

/** Waits until the bound field's value (in the model) equals `value`. */
export async function expectValue(canvasElement: HTMLElement, value: unknown): Promise<void> {
  const el = host(canvasElement);
  await waitFor(() => expect(el.model ? el.model.get(el.pointer!) : el.value).toEqual(value));
}

/** Runs several checks in order. */
export function all(...checks: ((context: StoryContext) => Promise<void>)[]) {
  return async (context: StoryContext): Promise<void> => {
    for (const check of checks) await check(context);
  };
}

/** The invented citizens of examples/data/personas, by name. */
export const PERSONAS = {
  "nguyen-van-an": () => import("../examples/data/personas/nguyen-van-an.json"),
  "le-thi-mai": () => import("../examples/data/personas/le-thi-mai.json"),
  "pham-quoc-huy": () => import("../examples/data/personas/pham-quoc-huy.json"),
};
export type PersonaName = keyof typeof PERSONAS;

/**
 * A loader for a procedure story: the procedure document and a persona's data with the catalogue of
 * administrative units, as a portal passes them, and its lookups answered by the example registers as
 * the example server answers them for that persona (`loaded.procedure`, `loaded.context`,
 * `loaded.lookup`; see renderForm).
 */
export function procedureLoader(procedure: () => Promise<{ default: unknown }>, persona: PersonaName) {
  return async (): Promise<{ procedure: ProcedureDocument; context: FormContext; lookup: LookupResolver }> => {
    const [document, data, catalog, population, consents, businessHouseholds] = await Promise.all([
      procedure(),
      PERSONAS[persona](),
      import("../examples/data/administrative-units.json"),
      import("../examples/data/registers/population.json"),
      import("../examples/data/registers/consents.json"),
      import("../examples/data/registers/business-households.json"),
    ]);
    const registers = createRegisters({ population: population.default, consents: consents.default, businessHouseholds: businessHouseholds.default });
    return {
      procedure: document.default as ProcedureDocument,
      context: { ...data.default, catalog: catalog.default } as unknown as FormContext,
      lookup: registerResolver(registers, data.default.citizen.personalId),
    };
  };
}

/** What every story of a whole form shares (spread into its meta, beside its literal title and id). */
export const FORM_STORY = {
  component: "tk-form",
  render: renderForm,
  args: { locale: "vi", requiredMarker: "optional" },
  argTypes: {
    locale: { control: "inline-radio", options: ["vi", "en"] },
    layout: { control: "inline-radio", options: ["steps", "tasks"] },
    requiredMarker: { control: "inline-radio", options: ["optional", "required"] },
  },
  play: settle,
} as const;

/** The step indicator's current step. */
export function currentStep(canvasElement: HTMLElement): Element | null {
  return formRoot(canvasElement).querySelector("[aria-current='step']");
}

/** The "verified" marks of the whole form, in document order. */
export function verifiedMarks(canvasElement: HTMLElement): HTMLElement[] {
  return deepAll(formRoot(canvasElement), "[part~='verified']");
}

/** The `<input>` of a field of the form. */
export function fieldInput(canvasElement: HTMLElement, pointer: string): HTMLInputElement {
  return formField(canvasElement, pointer).querySelector("input")!;
}

/** The `<output>` of a computed or verified field of the form. */
export function fieldOutput(canvasElement: HTMLElement, pointer: string): HTMLOutputElement | null {
  return formField(canvasElement, pointer).querySelector("output");
}

/** The form's error summary, when it shows. */
export function errorSummary(canvasElement: HTMLElement): Element | null {
  return formRoot(canvasElement).querySelector("[part~='error-summary']");
}

/** Presses Continue and waits until the step titled `title` shows. */
export async function continueTo(context: StoryContext, title: string): Promise<void> {
  await settle(context);
  await userEvent.click(primaryButton(context.canvasElement));
  await waitFor(() => expect(currentStep(context.canvasElement)).toHaveTextContent(title), { timeout: 5000 });
  await settle(context);
}

// -------------------------------------------------------------------------------------------------
// Dates typed in parts (tk-field-date, tk-field-month)
// -------------------------------------------------------------------------------------------------

/** The inputs of a date typed in parts, in order: day, month, year (month, year for a month). */
export const dateParts = (canvasElement: HTMLElement): HTMLInputElement[] => [...shadowOf(canvasElement).querySelectorAll<HTMLInputElement>(".date-input input")];

/** The labels of those inputs. */
export const datePartLabels = (canvasElement: HTMLElement): (string | undefined)[] =>
  [...shadowOf(canvasElement).querySelectorAll(".date-input label")].map((l) => l.textContent?.trim());

/** Types the parts, each input cleared first; an empty part is left empty. */
export async function typeDateParts(canvasElement: HTMLElement, parts: readonly string[]): Promise<void> {
  const boxes = dateParts(canvasElement);
  for (const [i, part] of parts.entries()) {
    const box = boxes[i]!;
    // Over what the input holds (user-event's clear() cannot focus an input in a shadow root).
    if (box.value !== "") await userEvent.type(box, part || "{Backspace}", { initialSelectionStart: 0, initialSelectionEnd: box.value.length });
    else if (part) await userEvent.type(box, part);
  }
}

/** Checks: the field shows `message`, and exactly the inputs of `parts` are `aria-invalid`. */
export function expectDatePartsInvalid(message: string | RegExp, parts: readonly boolean[]) {
  return async (context: StoryContext): Promise<void> => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='error']")).toHaveTextContent(message);
    await expect(dateParts(context.canvasElement).map((i) => i.getAttribute("aria-invalid"))).toEqual(parts.map(String));
  };
}
