import { describe, expect, it } from "vitest";
import { attachmentProblem, createForm, describeAccept, fileAccepted, formatBytes, submissionMessage, validateSubmission } from "@tokhai/core";
import { load } from "./helpers.js";

const file = (extra: Record<string, unknown> = {}) => ({
  type: "object",
  "x-widget": "file",
  "x-accept": ["application/pdf", "image/*", ".docx"],
  "x-max-size": 1024,
  properties: { name: { type: "string" }, type: { type: "string" }, size: { type: "integer" } },
  ...extra,
});

const schema = {
  type: "object",
  properties: {
    contract: file(),
    hasPhotos: { type: "boolean" },
    photos: { type: "array", "x-visible": "hasPhotos", items: file({ "x-accept": ["image/jpeg"] }) },
  },
} as const;

describe("attachment limits", () => {
  it("match MIME types, wildcards and extensions, case-insensitively; an empty list takes any file", () => {
    const accept = ["application/pdf", "image/*", ".docx"];
    expect(fileAccepted({ name: "a.PDF", type: "Application/PDF" }, accept)).toBe(true);
    expect(fileAccepted({ name: "a.heic", type: "image/heic" }, accept)).toBe(true);
    expect(fileAccepted({ name: "HOP-DONG.DOCX", type: "" }, accept)).toBe(true);
    expect(fileAccepted({ name: "a.exe", type: "application/x-msdownload" }, accept)).toBe(false);
    expect(fileAccepted({ name: "pdf", type: "" }, accept)).toBe(false);
    expect(fileAccepted({ name: "a.exe", type: "" }, [])).toBe(true);
    expect(describeAccept(accept)).toBe("PDF, image/*, DOCX");
    expect(attachmentProblem({ name: "a.pdf", type: "application/pdf", size: 1025 }, { accept, maxSize: 1024 })).toBe("fileTooBig");
    expect(attachmentProblem({ name: "a.pdf", type: "application/pdf", size: Number.NaN }, { accept, maxSize: 1024 })).toBe("fileTooBig");
    expect(attachmentProblem({ name: "a.exe", type: "", size: 1 }, { accept, maxSize: 1024 })).toBe("fileType");
    expect(attachmentProblem({ name: "a.pdf", type: "application/pdf", size: 1024 }, { accept, maxSize: 1024 })).toBeUndefined();
    expect(formatBytes(1536, "vi")).toBe("1,5 KB");
    expect(formatBytes(5 * 1024 * 1024, "en")).toBe("5 MB");
  });

  it("are checked by the form's validation, with messages naming the file", async () => {
    const form = createForm(await load(schema));
    form.set("/contract", { name: "virus.exe", type: "application/x-msdownload", size: 10 });
    form.set("/hasPhotos", true);
    form.set("/photos", [
      { name: "a.jpg", type: "image/jpeg", size: 10 },
      { name: "b.jpg", type: "image/jpeg", size: 4096 },
    ]);
    const errors = await form.validate();
    expect(errors.map((e) => [e.pointer, e.keyword, e.message])).toEqual([
      ["/contract", "x-accept", "Tệp “virus.exe” không thuộc loại được chấp nhận: chỉ nhận PDF, image/*, DOCX"],
      ["/photos/1", "x-max-size", "Tệp “b.jpg” (4 KB) quá lớn: tối đa 1 KB"],
    ]);
    form.setLocale("en");
    expect(form.field("/contract").errors.map((e) => e.message)).toEqual(["“virus.exe” is not an accepted type of file: only PDF, image/*, DOCX"]);
    expect(form.field("/photos/1").errors.map((e) => e.message)).toEqual(["“b.jpg” (4 KB) is too big: 1 KB at most"]);
    // A hidden field's files are neither checked nor submitted.
    form.set("/hasPhotos", false);
    form.set("/contract", { name: "hop-dong.pdf", type: "application/pdf", size: 1000 });
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.envelope.attachments).toEqual([{ pointer: "/contract", name: "hop-dong.pdf", type: "application/pdf", size: 1000 }]);
  });

  it("are checked again by validateSubmission, which also holds the attachment list to the data", async () => {
    const procedure = await load(schema);
    const form = createForm(procedure);
    form.set("/contract", { name: "hop-dong.pdf", type: "application/pdf", size: 1000 });
    const result = await form.submission();
    if (!result.ok) throw new Error("the form should be valid");
    expect(await validateSubmission(procedure, result.envelope)).toEqual({ valid: true, errors: [] });

    // A client that lies about the size is caught by the same limit.
    const bigger = { ...result.envelope, data: { contract: { name: "hop-dong.pdf", type: "application/pdf", size: 5_000_000 } } };
    const tooBig = await validateSubmission(procedure, bigger);
    expect(tooBig.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ["/attachments", "envelope"],
      ["/contract", "x-max-size"],
    ]);
    // An attachment list that does not match the data is refused, so the portal never uploads an unlisted file.
    const smuggled = { ...result.envelope, attachments: [...result.envelope.attachments, { pointer: "/other", name: "x.sh", type: "text/x-sh", size: 1 }] };
    const refused = await validateSubmission(procedure, smuggled);
    expect(refused.valid).toBe(false);
    expect(refused.errors[0]).toEqual({
      pointer: "/attachments",
      keyword: "envelope",
      message: submissionMessage("badEnvelope", { problem: "attachments" }, "vi"),
      params: { problem: "attachments" },
    });
  });
});
