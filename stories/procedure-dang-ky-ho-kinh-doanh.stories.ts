/**
 * The business household registration example (examples/procedures/dang-ky-ho-kinh-doanh.json) with
 * each persona of examples/data/personas/, as a portal would pass it: the persona's data and the
 * catalogue of administrative units. Nguyễn Văn An already owns a business household, and an
 * individual may register only one: after the owner step, an exit page tells him so. The proposed name
 * is looked up in the example business register (examples/data/registers): one already taken in the
 * commune is refused.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { SubmissionEnvelope } from "@tokhai/core";
import type { TkSubmitEvent } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { continueTo, currentStep, deepAll, errorSummary, fieldInput, fieldOutput, FORM_STORY, formField, formRoot, type PersonaName, primaryButton, procedureLoader, settle, verifiedMarks } from "./support.js";

/** A loader: the procedure, the persona's data with the catalogue, and the registers' lookups (see procedureLoader). */
const load = (persona: PersonaName) => procedureLoader(() => import("../examples/procedures/dang-ky-ho-kinh-doanh.json"), persona);

const meta = {
  title: "Procedures/Đăng ký hộ kinh doanh",
  id: "procedures-dang-ky-ho-kinh-doanh",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * Lê Thị Mai opens a bakery: she is verified as the owner, her personal id is her tax code (her old
 * 10-digit code shown beside it), and the business address starts from where she lives now.
 */
export const LeThiMai: Story = {
  name: "Lê Thị Mai (mở hộ kinh doanh mới)",
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Đăng ký hộ kinh doanh");
    await expect(currentStep(canvas)).toHaveTextContent("Chủ hộ kinh doanh");
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Lê Thị Mai");
    await expect(formField(canvas, "/owner/taxCode").querySelector("[part~='verified']")).toHaveTextContent("048198004521");
    await expect(formField(canvas, "/owner/legacyTaxCode").querySelector("[part~='verified']")).toHaveTextContent("8471036259");
    await expect(fieldInput(canvas, "/owner/contactAddress/detail").value).toBe("Phòng 1204, chung cư Hoa Sen, số 18 đường Võ Văn Ngân");
    await continueTo(context, "Hộ kinh doanh");
    await expect(fieldInput(canvas, "/business/address/province").value).toBe("Thành phố Hồ Chí Minh");
    await expect(fieldOutput(canvas, "/business/authority")).toHaveTextContent("Ủy ban nhân dân Phường Thủ Đức");
    await userEvent.type(fieldInput(canvas, "/business/properName"), "Tiệm bánh Hoa Mai");
    await waitFor(() => expect(fieldOutput(canvas, "/business/name")).toHaveTextContent("Hộ kinh doanh Tiệm bánh Hoa Mai"));
  },
};

/**
 * Lê Thị Mai proposes "Trà sữa Hòa Bình" in Phường Thủ Đức, where "Hộ kinh doanh Trà sữa Hoà Bình" is
 * registered (the tone mark placed the old way: the same name): Continue says the name is taken.
 */
export const LeThiMaiNameTaken: Story = {
  name: "Lê Thị Mai (tên đã có hộ kinh doanh khác đăng ký)",
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    const canvas = context.canvasElement;
    await continueTo(context, "Hộ kinh doanh");
    await userEvent.type(fieldInput(canvas, "/business/properName"), "Trà sữa Hòa Bình");
    await settle(context);
    await userEvent.click(primaryButton(canvas));
    const taken = "Tên này đã được hộ kinh doanh khác đăng ký tại xã, phường, đặc khu nơi đặt trụ sở. Hãy chọn một tên riêng khác.";
    await waitFor(() => expect(errorSummary(canvas)).toHaveTextContent(taken), { timeout: 5000 });
    await expect(formField(canvas, "/business/properName").querySelector("[part~='error']")).toHaveTextContent(taken);
    await expect(currentStep(canvas)).toHaveTextContent("Hộ kinh doanh");
  },
};

/** The exit page's heading, once the form shows it. */
const exitHeading = (canvas: HTMLElement) => formRoot(canvas).querySelector("[part~='exit'] h2");

/**
 * Nguyễn Văn An already owns the Cà phê Sớm Mai business household: the owner step shows it, and
 * Continue leads to the exit page, which says why he cannot register another and what to do instead.
 */
export const NguyenVanAnExit: Story = {
  name: "Nguyễn Văn An (đã có hộ kinh doanh: trang dừng)",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(fieldOutput(canvas, "/owner/existingHousehold")).toHaveTextContent("Hộ kinh doanh Cà phê Sớm Mai — giấy chứng nhận số 41A8034567");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(exitHeading(canvas)).toHaveTextContent("Bạn không thể đăng ký thêm một hộ kinh doanh"));
    const exit = formRoot(canvas).querySelector("[part~='exit']")!;
    await expect(exit).toHaveTextContent("Mỗi cá nhân chỉ được đăng ký một hộ kinh doanh trong phạm vi toàn quốc");
    await expect(exit.querySelector("a")).toHaveAttribute("href", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html");
    await expect(errorSummary(canvas)).toBeNull();
    await expect(formRoot(canvas).querySelector("[part~='primary']")).toBeNull();
  },
};

/** Nguyễn Văn An's exit page, in English. */
export const NguyenVanAnExitEnglish: Story = {
  name: "Nguyễn Văn An, exit page (English)",
  args: { locale: "en" },
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Business household registration");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(exitHeading(canvas)).toHaveTextContent("You cannot register another business household"));
    await expect(formRoot(canvas).querySelector("[part~='exit']")).toHaveTextContent("An individual may register only one business household nationwide");
  },
};

/** Phạm Quốc Huy: no phone number on record and no old tax code: he types the phone. */
export const PhamQuocHuy: Story = {
  name: "Phạm Quốc Huy (thiếu số điện thoại)",
  loaders: [load("pham-quoc-huy")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formField(canvas, "/owner/taxCode").querySelector("[part~='verified']")).toHaveTextContent("040095006137");
    await expect(deepAll(formRoot(canvas), "[pointer='/owner/legacyTaxCode']")[0]!.shadowRoot!.childElementCount).toBe(0);
    await expect(fieldInput(canvas, "/owner/phone").value).toBe("");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(errorSummary(canvas)).toHaveTextContent("Số điện thoại"));
    await waitFor(() => expect(fieldInput(canvas, "/owner/phone")).toHaveAttribute("aria-invalid", "true"));
    // The summary takes focus once the errors are painted: type after that, or the keys go to it.
    await waitFor(() => expect(formRoot(canvas).activeElement).toBe(errorSummary(canvas)));
    await userEvent.type(fieldInput(canvas, "/owner/phone"), "0983214567");
    await continueTo(context, "Hộ kinh doanh");
  },
};

/** The whole procedure as Lê Thị Mai fills it in, with one line of business, up to the submission: no fee online. */
export const LeThiMaiSubmits: Story = {
  name: "Lê Thị Mai submits",
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    const el = canvas.querySelector("tk-form")!;
    // The procedure requires a signature: a signer with a key made here (the example portal signs with the persona's stand-in key).
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    el.signer = async ({ digest }) => {
      const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, new TextEncoder().encode(digest));
      return { alg: "ES256", value: btoa(String.fromCharCode(...new Uint8Array(signature))) };
    };
    const submitted = new Promise<SubmissionEnvelope>((resolve) => el.addEventListener("tk-submit", (e) => resolve((e as TkSubmitEvent).envelope)));
    await continueTo(context, "Hộ kinh doanh");
    await userEvent.type(fieldInput(canvas, "/business/properName"), "Tiệm bánh Hoa Mai");
    await continueTo(context, "Ngành, nghề và vốn");
    await userEvent.click(formField(canvas, "/businessLines").querySelector<HTMLButtonElement>("[part='add']")!);
    await waitFor(() => expect(deepAll(formRoot(canvas), "[pointer='/businessLines/0/code']").length).toBe(1));
    await settle(context);
    await userEvent.type(fieldInput(canvas, "/businessLines/0/code"), "1071");
    await userEvent.type(fieldInput(canvas, "/businessLines/0/name"), "Sản xuất các loại bánh từ bột");
    await userEvent.type(fieldInput(canvas, "/capital"), "80000000");
    await userEvent.type(fieldInput(canvas, "/workers"), "2");
    await continueTo(context, "Lệ phí và cam kết");
    await expect(fieldOutput(canvas, "/fee")).toHaveTextContent("0");
    await userEvent.click(fieldInput(canvas, "/declaration"));
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(formRoot(canvas).querySelector("[part~='review']")).not.toBeNull());
    await userEvent.click(primaryButton(canvas));
    const envelope = await submitted;
    await expect(envelope.signature).toMatchObject({ alg: "ES256", digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const data = envelope.data as { fee: number; business: { name: string }; businessLines: unknown[]; capital: number };
    await expect(envelope.procedure).toEqual({ id: "vn.kinh-doanh.dang-ky-ho-kinh-doanh", version: "1.0.0" });
    await expect(data.business.name).toBe("Hộ kinh doanh Tiệm bánh Hoa Mai");
    await expect(data.businessLines).toEqual([{ code: "1071", name: "Sản xuất các loại bánh từ bột" }]);
    await expect(data.capital).toBe(80000000);
    await expect(data.fee).toBe(0);
    await expect(envelope.provenance["/owner/taxCode"]).toMatchObject({ source: "citizen", locked: true });
  },
};
