import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent } from "storybook/test";
import type { TkFieldFile } from "@tokhai/elements";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, host, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-file";
const doc = fieldProcedure("file", {
  schema: {
    type: "object",
    title: "Giấy tờ chứng minh chỗ ở hợp pháp",
    description: "Bản quét (PDF hoặc ảnh JPEG).",
    "x-widget": "file",
    "x-accept": ["application/pdf", "image/jpeg"],
    "x-max-size": 5242880,
    properties: { name: { type: "string" }, type: { type: "string" }, size: { type: "integer" } },
    required: ["name", "type", "size"],
  },
  prefill: "$citizen.residenceDocument",
  en: { "": { title: "Proof of lawful residence", description: "A scan (PDF or JPEG)." } },
});

const meta = {
  title: "Fields/tk-field-file",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const input = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector<HTMLInputElement>("input[type='file']")!;
const pdf = () => new File(["%PDF-1.4 hợp đồng"], "hop-dong-thue.pdf", { type: "application/pdf" });

/** No file yet: a chosen file's metadata becomes the value; the element keeps the `File`. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='accept']")).toHaveTextContent("PDF, JPEG");
    const file = pdf();
    await userEvent.upload(input(context.canvasElement), file);
    await expectValue(context.canvasElement, { name: file.name, type: "application/pdf", size: file.size });
    await expect(host<TkFieldFile>(context.canvasElement).file).toBe(file);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='file-name']")).toHaveTextContent("hop-dong-thue.pdf");
  },
};

/** A file of a type not accepted is refused: not committed, and the message says why. */
export const Refused: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await userEvent.upload(input(context.canvasElement), new File(["png"], "anh.png", { type: "image/png" }), { applyAccept: false });
    await settle(context);
    await expectValue(context.canvasElement, undefined);
    await expectInvalid("Tệp “anh.png” không thuộc loại được chấp nhận: chỉ nhận PDF, JPEG")(context);
  },
};

/** Verified data: a document the state already holds. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "giay-chung-nhan-quyen-su-dung-dat.pdf"),
};

/** Prefilled but editable: the field says where the file came from; removing it empties the field. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await userEvent.click(shadowOf(context.canvasElement).querySelector("[part~='remove']")!);
    await expectValue(context.canvasElement, undefined);
  }),
};

/** The citizen chose another file. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": { name: "hop-dong-thue.pdf", type: "application/pdf", size: 120000 } } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: required and no file. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** `x-readonly` is true: the input is disabled and there is no remove button. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: all(expectNotEditable(), async (context) => {
    await expect(shadowOf(context.canvasElement).querySelector("[part~='remove']")).toBeNull();
  }),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Ảnh chân dung", accept: ["image/jpeg"], disabled: true },
  play: expectNotEditable(),
};

/** Standalone: `accept` and `maxSize`; a file too big is refused. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Ảnh chân dung", hint: "Ảnh chụp trong 6 tháng gần đây.", name: "photo", accept: ["image/jpeg", "image/png"], maxSize: 1024 },
  play: async (context) => {
    await settle(context);
    await userEvent.upload(input(context.canvasElement), new File([new Uint8Array(2048)], "anh.jpg", { type: "image/jpeg" }));
    await expectInvalid("Tệp “anh.jpg” (2 KB) quá lớn: tối đa 1 KB")(context);
    const small = new File([new Uint8Array(512)], "anh-nho.jpg", { type: "image/jpeg" });
    await userEvent.upload(input(context.canvasElement), small);
    await expectValue(context.canvasElement, { name: "anh-nho.jpg", type: "image/jpeg", size: 512 });
  },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "470.8 KB"),
};

/** English: the message from the engine, the accepted types in English. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: all(expectInvalid(/required/i), async (context) => {
    await expect(shadowOf(context.canvasElement).querySelector("[part~='accept']")).toHaveTextContent("Accepted: PDF, JPEG");
  }),
};
