// The stories every one-line text widget shares (tel, e-mail, personal id): each file gives its tag,
// procedure and sample values; the states and their play functions are the same.
import type { StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument } from "@tokhai/core";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, renderStandalone, settle, shadowOf } from "./support.js";

type Story = StoryObj;

export interface TextWidgetSamples {
  readonly tag: string;
  readonly doc: ProcedureDocument;
  /** The standalone label and control name. */
  readonly label: string;
  readonly name: string;
  /** What the citizen types; the value the persona's data holds; a wrong value and its messages. */
  readonly typed: string;
  readonly known: string;
  readonly invalid: string;
  readonly invalidVi: string;
  readonly invalidEn: string;
}

export function textWidgetStories(o: TextWidgetSamples) {
  /** Nothing known yet: the citizen types the value, and the model follows. */
  const Empty: Story = {
    loaders: [bind(o.doc, "/plain")],
    play: async (context) => {
      await settle(context);
      await userEvent.type(shadowOf(context.canvasElement).querySelector("[part~='control']")!, o.typed);
      await expectValue(context.canvasElement, o.typed);
    },
  };

  /** Verified data from the national population database: shown, never editable. */
  const PrefilledLocked: Story = {
    loaders: [bind(o.doc, "/locked", { context: FULL })],
    play: expectVerified("vi", o.known),
  };

  /** Prefilled but editable: the field says where the value came from. Typing marks it edited. */
  const PrefilledEditable: Story = {
    loaders: [bind(o.doc, "/editable", { context: FULL })],
    play: all(expectOrigin(true), async (context) => {
      const control = shadowOf(context.canvasElement).querySelector<HTMLInputElement>("[part~='control']")!;
      // Select the prefilled text and type over it.
      await userEvent.type(control, o.typed, { initialSelectionStart: 0, initialSelectionEnd: control.value.length });
      await expectValue(context.canvasElement, o.typed);
      await expectOrigin(false)(context);
    }),
  };

  /** The citizen changed the prefilled value: provenance says edited, the origin note is gone. */
  const PrefilledEdited: Story = {
    loaders: [bind(o.doc, "/editable", { context: FULL, set: { "/editable": o.typed } })],
    play: expectOrigin(false),
  };

  /** After `model.validate()`: the message is shown and the control is aria-invalid. */
  const Invalid: Story = {
    name: "Error",
    loaders: [bind(o.doc, "/plain", { set: { "/plain": o.invalid }, validate: true })],
    play: expectInvalid(o.invalidVi),
  };

  /** `x-readonly` is true. */
  const ReadOnly: Story = {
    loaders: [bind(o.doc, "/readonly", { context: FULL })],
    play: expectNotEditable(),
  };

  /** Standalone and disabled. */
  const Disabled: Story = {
    render: renderStandalone(o.tag),
    args: { label: o.label, value: o.known, disabled: true },
    play: expectNotEditable(),
  };

  /** Standalone: plain properties, for use inside a native `<form>`. */
  const Standalone: Story = {
    render: renderStandalone(o.tag),
    args: { label: o.label, name: o.name, required: true },
  };

  /** English: verified data. */
  const English: Story = {
    loaders: [bind(o.doc, "/locked", { context: FULL, locale: "en" })],
    play: expectVerified("en", "National population database"),
  };

  /** English: the label comes from the procedure's `i18n`, the message from the engine. */
  const EnglishError: Story = {
    loaders: [bind(o.doc, "/plain", { locale: "en", set: { "/plain": o.invalid }, validate: true })],
    play: expectInvalid(o.invalidEn),
  };
  return { Empty, PrefilledLocked, PrefilledEditable, PrefilledEdited, Invalid, ReadOnly, Disabled, Standalone, English, EnglishError };
}
