// renderDeclaration (@tokhai/core/document), in Node: a complete, self-contained HTML document; steps,
// sections and rows as on the form; only values the envelope holds; values formatted for the locale
// (dates, months, numbers, choices by their labels, also those computed from the context); verified,
// prefilled, changed and computed values marked; files listed; statements; the signature and the
// receipt; vi, en and a third locale; every text escaped; located refusals; unexpected data as text.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission, type FormContext, type Procedure, type SubmissionEnvelope } from "@tokhai/core";
import { addDocumentMessages, DeclarationError, renderDeclaration, type DocumentMessages } from "@tokhai/core/document";
import { XSS_PAYLOADS } from "../../elements/test/support/xss.js";
import { CONTEXT, DOCUMENT, hostileDeclaration, NOW } from "../../../test/fixtures/render/declaration-procedure.js";

/** The test procedure's valid envelope, with the answers a citizen gives, accepted by the back end's check. */
async function submission(procedure: Procedure, context: FormContext = CONTEXT): Promise<Omit<SubmissionEnvelope, "id">> {
  const form = createForm(procedure, { context, now: () => NOW });
  await form.settled();
  form.set("/applicant/email", "an.nguyen@example.vn");
  form.set("/parents/father/fullName", "Nguyễn Văn Hùng");
  form.set("/parents/mother/fullName", "Phạm Thị Lan");
  form.set("/province", "79");
  form.set("/movedIn", "2025-02");
  form.set("/members", [{ fullName: "Trần Thị Bình", birthDate: "1992-08-21" }]);
  form.set("/others", [{ fullName: "Lê Văn Cường" }, { fullName: "Đỗ Thị Dung" }]);
  form.set("/copies", 3);
  form.set("/scan", { name: "giay-to.pdf", type: "application/pdf", size: 1536 });
  form.set("/note", "Dòng một\nDòng hai");
  form.set("/declaration", true);
  await form.settled();
  const result = await form.submission();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const envelope = JSON.parse(JSON.stringify(result.envelope)) as SubmissionEnvelope & { id?: string };
  expect(await validateSubmission(procedure, envelope, { context, now: () => NOW })).toEqual({ valid: true, errors: [] });
  // Without its id (once the core gives envelopes one): the tests that show an id give their own.
  const { id: _id, ...rest } = envelope;
  return rest;
}

/** The cell of the answer labelled `label` (its HTML), or undefined. */
function answer(html: string, label: string): string | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`<tr><th scope="row">${escaped}</th><td>([\\s\\S]*?)</td></tr>`).exec(html)?.[1];
}
const value = (text: string, mark?: string) => `<span class="value">${text}</span>${mark === undefined ? "" : `<span class="mark">${mark}</span>`}`;
const VERIFIED = "✔ Đã xác thực · Từ Cơ sở dữ liệu quốc gia về dân cư";

/** The headings of the document, in order, as `h2 text`. */
const headings = (html: string) => [...html.matchAll(/<(h[1-6])[^>]*>(.*?)<\/h[1-6]>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("renderDeclaration", () => {
  it("is in @tokhai/core/document, not in the main entry", async () => {
    const entry = await import("@tokhai/core/document");
    expect(Object.keys(entry).sort()).toEqual(["DeclarationError", "addDocumentMessages", "renderDeclaration"]);
    const core = await import("@tokhai/core");
    expect("renderDeclaration" in core).toBe(false);
    // The main entry's modules never import the document's.
    const require = createRequire(import.meta.url);
    const { readFileSync } = await import("node:fs");
    const { dirname, join } = await import("node:path");
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s*"([^"]+)"/g)) if (spec!.startsWith(".")) visit(join(dirname(file), spec!));
    };
    visit(require.resolve("@tokhai/core"));
    expect([...seen].filter((f) => f.includes("/document/"))).toEqual([]);
  });

  it("writes a complete, self-contained document: doctype, language, charset, title, A4 print styles, no script, nothing loaded", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT });
    expect(html.startsWith('<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain("<title>Tờ khai thử nghiệm</title>");
    expect(html).toMatch(/@page \{\n {2}size: A4;\n {2}margin: [^;]+;/);
    expect(html).toContain("break-inside: avoid");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/]+=*&#39;">/);
    // The hash is the style sheet's: a browser applies it (the axe and PDF tests see it styled).
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const { createHash } = await import("node:crypto");
    expect(html).toContain(`sha256-${createHash("sha256").update(css, "utf8").digest("base64")}`);
    expect(html.endsWith("</html>\n")).toBe(true);
  });

  it("shows the procedure, then every step, section and row in the procedure's order, as the form labels them", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT });
    expect(html).toContain("<h1>Tờ khai thử nghiệm</h1>");
    expect(html).toContain("Thủ tục vn.test.to-khai, phiên bản 1.2.0");
    expect(headings(html)).toEqual([
      "h1 Tờ khai thử nghiệm",
      "h2 1. Người khai",
      "h3 Người khai",
      "h3 Cha, mẹ",
      "h4 Cha",
      "h4 Mẹ",
      "h2 2. Nơi ở",
      "h3 Thành viên — Trần Thị Bình",
      "h3 Người khác — Mục 1",
      "h3 Người khác — Mục 2",
      "h2 3. Lệ phí và cam đoan",
      'h2 Giấy tờ đính kèm',
    ]);
    // The father's and the mother's names, each under its own heading.
    expect(html).toMatch(/<h4>Cha<\/h4>\n<table class="answers">\n<tbody>\n<tr><th scope="row">Họ tên<\/th><td><span class="value">Nguyễn Văn Hùng<\/span>/);
    expect(html).toMatch(/<h4>Mẹ<\/h4>\n<table class="answers">\n<tbody>\n<tr><th scope="row">Họ tên<\/th><td><span class="value">Phạm Thị Lan<\/span>/);
    expect(html).toMatch(/<h3>Người khác — Mục 2<\/h3>\n<table class="answers">\n<tbody>\n<tr><th scope="row">Họ tên<\/th><td><span class="value">Đỗ Thị Dung<\/span>/);
  });

  it("formats every value for the locale, choices by their labels, also those computed from the context", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT });
    expect(answer(html, "Ngày sinh")).toBe(value("15/03/1990", VERIFIED));
    expect(answer(html, "Giới tính")).toBe(value("Nam", VERIFIED));
    expect(answer(html, "Tỉnh, thành phố")).toBe(value("Thành phố Hồ Chí Minh"));
    expect(answer(html, "Thời điểm chuyển đến")).toBe(value("02/2025"));
    expect(answer(html, "Lệ phí (đồng)")).toBe(value("135.000", "Tự động tính"));
    expect(answer(html, "Số bản sao")).toBe(value("3"));
    expect(answer(html, "Ghi chú")).toBe(value("Dòng một\nDòng hai"));
    expect(html).toContain("<td>15:00 22/11/2026</td>"); // submitted, in Asia/Ho_Chi_Minh
    // Without the context the envelope was validated with, a computed choice is shown as submitted.
    const bare = await renderDeclaration(procedure, await submission(procedure));
    expect(answer(bare, "Tỉnh, thành phố")).toBe(value("79"));
  });

  it("marks each verified value with its source, and prefilled, changed and computed values", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT });
    expect(answer(html, "Họ, chữ đệm và tên")).toBe(value("Nguyễn Văn An", VERIFIED));
    expect(answer(html, "Số điện thoại")).toBe(value("0912345678", "Lấy từ Cơ sở dữ liệu quốc gia về dân cư"));
    expect(answer(html, "Thư điện tử")).toBe(value("an.nguyen@example.vn", "Người khai đã sửa thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư"));
    expect(answer(html, "Ghi chú")).toBe(value("Dòng một\nDòng hai")); // the citizen's own answer: no mark
  });

  it("shows only the values the envelope holds", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT });
    expect(html).not.toContain("Số fax"); // not answered
    expect(html).not.toContain("Thông tin khác"); // nothing outside the steps
  });

  it("lists the attachments by title, file name, type and size, and shows the statement ticked", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT });
    expect(html).toContain("<tr><td>Bản chụp giấy tờ</td><td>giay-to.pdf</td><td>application/pdf</td><td>1,5 KB</td></tr>");
    expect(html).toContain('<p class="statement"><span class="box" role="img" aria-label="Đã đánh dấu">☑</span>Tôi cam đoan những nội dung khai trên là đúng sự thật.</p>');
    expect(answer(html, "Tôi cam đoan những nội dung khai trên là đúng sự thật.")).toBeUndefined();
    expect(html).toContain('<p class="date-line">Ngày 22 tháng 11 năm 2026</p>');
    expect(html).toContain("(Nộp trực tuyến, không ký số)");
  });

  it("shows the signature block when the envelope is signed, and the receipt's reference and time received", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const id = "3f2b8c4e-9a1d-4e7f-8b6c-2d5e9f0a1b3c";
    const digest = `sha256:${"ab".repeat(32)}`;
    const envelope = {
      ...(await submission(procedure)),
      id,
      signature: { alg: "ES256", value: "MEUCIQDx<b>", digest, signedAt: "2026-11-22T07:59:30.000Z", signer: "Nguyễn Văn An (001090012345)", certificate: "-----BEGIN CERTIFICATE-----" },
    };
    const receipt = { id, receivedAt: "2026-11-22T08:00:01.000Z", digest, procedure: { id: procedure.id, version: "1.2.0" } };
    const html = await renderDeclaration(procedure, envelope, { context: CONTEXT, receipt });
    expect(headings(html)).toContain("h2 Biên nhận hồ sơ");
    expect(answer(html, "Số hồ sơ")).toBe(`<span class="code">${id}</span>`);
    expect(answer(html, "Thời điểm tiếp nhận")).toBe("15:00 22/11/2026");
    expect(answer(html, "Mã băm của hồ sơ (SHA-256)")).toBe(`<span class="code">${digest}</span>`);
    expect(headings(html).at(-1)).toBe("h2 Chữ ký số");
    expect(answer(html, "Người ký")).toBe("Nguyễn Văn An (001090012345)");
    expect(answer(html, "Thời điểm ký")).toBe("14:59 22/11/2026");
    expect(answer(html, "Thuật toán")).toBe("ES256");
    expect(answer(html, "Mã băm đã ký (SHA-256)")).toBe(`<span class="code">${digest}</span>`);
    expect(answer(html, "Chữ ký")).toBe('<span class="code">MEUCIQDx&lt;b&gt;</span>');
    expect(answer(html, "Chứng thư số")).toBe("Có kèm theo hồ sơ");
    expect(html).toContain("(Đã ký số)");
    expect(html).toContain('<p class="signed-by">Nguyễn Văn An (001090012345)</p>');
    // The date line is the day the declaration was made (submittedAt, which the digest covers), never
    // the signature's signedAt, which is the signer's word.
    const backdated = await renderDeclaration(procedure, { ...envelope, signature: { ...envelope.signature, signedAt: "2019-01-01T03:00:00.000Z" } }, { context: CONTEXT, receipt });
    expect(backdated).toContain('<p class="date-line">Ngày 22 tháng 11 năm 2026</p>');
    expect(backdated).not.toContain("năm 2019");
    expect(html).toContain(`<title>Tờ khai thử nghiệm — ${id}</title>`);
    // Each printed page's foot names the submission.
    expect(html).toContain(`@bottom-left { content: "Mã hồ sơ điện tử\\3a  3f2b8c4e\\2d 9a1d\\2d 4e7f\\2d 8b6c\\2d 2d5e9f0a1b3c";`);
    // Without a receipt, the submission's id is given among its details.
    const noReceipt = await renderDeclaration(procedure, envelope, { context: CONTEXT });
    expect(answer(noReceipt, "Mã hồ sơ điện tử")).toBe(`<span class="code">${id}</span>`);
    expect(headings(noReceipt)).not.toContain("h2 Biên nhận hồ sơ");
    expect(answer(html, "Mã hồ sơ điện tử")).toBeUndefined(); // the receipt's reference number is it
    // Without a signature there is no signature block.
    const { signature: _s, ...unsigned } = envelope;
    expect(headings(await renderDeclaration(procedure, unsigned, { context: CONTEXT }))).not.toContain("h2 Chữ ký số");
  });

  it("writes English, and a locale without a dictionary in Vietnamese with the procedure's own texts", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const envelope = await submission(procedure);
    const en = await renderDeclaration(procedure, envelope, { context: CONTEXT, locale: "en" });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<h1>A test declaration</h1>");
    expect(headings(en).slice(0, 3)).toEqual(["h1 A test declaration", "h2 1. Applicant", "h3 Applicant"]);
    expect(answer(en, "Date of birth")).toBe(value("15 March 1990", "✔ Verified · From National population database"));
    expect(answer(en, "Sex")).toBe(value("Male", "✔ Verified · From National population database"));
    expect(answer(en, "Fee (VND)")).toBe(value("135,000", "Calculated automatically"));
    expect(en).toContain("SOCIALIST REPUBLIC OF VIET NAM");
    expect(en).toContain('<p class="date-line">22 November 2026</p>');
    expect(en).toContain("<tr><td>Bản chụp giấy tờ</td><td>giay-to.pdf</td><td>application/pdf</td><td>1.5 KB</td></tr>");
    // The envelope's locale is the default.
    expect(await renderDeclaration(procedure, { ...envelope, locale: "en" }, { context: CONTEXT })).toContain('<html lang="en">');
    // French: no dictionary shipped, none in the procedure: Vietnamese texts, French tag.
    const fr = await renderDeclaration(procedure, envelope, { context: CONTEXT, locale: "fr" });
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain("Thủ tục vn.test.to-khai, phiên bản 1.2.0");
  });

  it("takes a portal's dictionary for another locale, and leaves out the national heading it empties", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    // A JavaScript caller's dictionary may lack texts (TypeScript asks for every one).
    addDocumentMessages("km", { nationalName: "", nationalMotto: "", procedure: "នីតិវិធី {id} ({version})" } as Partial<DocumentMessages> as DocumentMessages);
    const html = await renderDeclaration(procedure, await submission(procedure), { context: CONTEXT, locale: "km" });
    expect(html).toContain("នីតិវិធី vn.test.to-khai (1.2.0)");
    expect(html).not.toContain('<header class="masthead">');
    expect(html).toContain("Thời điểm nộp"); // a text the dictionary lacks falls back to Vietnamese
    expect(() => addDocumentMessages("not a tag", {} as DocumentMessages)).toThrow(RangeError);
  });

  it("escapes every text: the hostile-text corpus in the procedure, the data, the context and the dictionary stays text", async () => {
    for (const p of XSS_PAYLOADS) {
      const { procedure, envelope, context, receipt } = await hostileDeclaration(p);
      const html = await renderDeclaration(procedure, envelope, { context, receipt });
      // Outside the style sheet, the only markup is the document's own: no tag, attribute or comment from a text.
      const body = html.slice(html.indexOf("</style>"));
      const tags = new Set([...body.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].filter((t) => !["style", "head", "body", "header", "main", "p", "span", "h1", "h2", "h3", "h4", "section", "table", "thead", "tbody", "tr", "th", "td", "div", "html"].includes(t)), p).toEqual([]);
      // Every tag is a name and quoted attributes, of the document's own names.
      const tagsAt = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
      expect(tagsAt.filter((tag) => !/^<[a-z0-9]+(\s[a-z-]+="[^"]*")*>$/.test(tag)), p).toEqual([]);
      const attributes = new Set(tagsAt.flatMap((tag) => [...tag.matchAll(/\s([a-z-]+)="[^"]*"/g)].map((m) => m[1]!)));
      expect([...attributes].filter((a) => !["lang", "charset", "http-equiv", "content", "name", "class", "id", "scope", "role", "aria-label", "aria-labelledby"].includes(a)), p).toEqual([]);
      expect(body, p).not.toContain("<!--");
      expect(body.includes(p), p).toBe(!/[<>&"'\u0000]/.test(p)); // present only escaped when it has markup characters
      const escaped = p.replace(/\u0000/g, "\uFFFD").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
      for (const slot of [`<h1>${escaped}</h1>`, `<h2 id="step-1">1. ${escaped}</h2>`, `<h3>${escaped}</h3>`, `<h4>${escaped}</h4>`, `<span class="value">${escaped}</span>`, `Từ ${escaped}`, `<td>${escaped}</td>`, `☑</span>${escaped}</p>`, `<span class="code">${escaped}</span>`, `<p class="signed-by">${escaped}</p>`]) {
        expect(html.includes(slot), `${p}: ${slot}`).toBe(true);
      }
      expect(html.includes(`<title>${escaped} — ${escaped}</title>`), p).toBe(true);
      // The page's foot (a CSS string) cannot close the style sheet or the string.
      const css = html.slice(html.indexOf("<style>"), html.indexOf("</style>"));
      expect(css.split('"').length % 2, p).toBe(1);
    }
  }, 60_000);

  it("refuses what is not a submission of the procedure, or a receipt of another, saying where", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const envelope = await submission(procedure);
    const refusal = async (value: unknown, options = {}) => {
      try {
        await renderDeclaration(procedure, value, options);
      } catch (error) {
        expect(error).toBeInstanceOf(DeclarationError);
        expect(error).toBeInstanceOf(TypeError);
        const e = error as DeclarationError;
        return [e.input, e.pointer, e.message];
      }
      throw new Error("not refused");
    };
    expect(await refusal(null)).toEqual(["envelope", "", "tokhai: renderDeclaration: the envelope must be a submission envelope object"]);
    expect(await refusal({ ...envelope, procedure: { id: "vn.other", version: "1.0.0" } })).toEqual(["envelope", "/procedure/id", 'tokhai: renderDeclaration: the envelope is for procedure "vn.other", not "vn.test.to-khai"']);
    expect((await refusal({ ...envelope, data: [] }))[1]).toBe("/data");
    expect((await refusal({ ...envelope, submittedAt: "yesterday" }))[1]).toBe("/submittedAt");
    expect((await refusal({ ...envelope, signature: { alg: "ES256" } }))[1]).toBe("/signature");
    let deep: unknown = "x";
    for (let i = 0; i < 200; i++) deep = [deep];
    expect((await refusal({ ...envelope, data: { note: deep } }))[0]).toBe("envelope");
    const withId = { ...envelope, id: "3f2b8c4e-9a1d-4e7f-8b6c-2d5e9f0a1b3c" };
    const receipt = { id: "0e0e0e0e-0000-4000-8000-000000000000", receivedAt: "2026-11-22T08:00:01.000Z", digest: `sha256:${"0".repeat(64)}`, procedure: { id: procedure.id, version: "1.2.0" } };
    expect((await refusal(withId, { receipt }))!.slice(0, 2)).toEqual(["receipt", "/id"]);
    expect((await refusal(withId, { receipt: { ...receipt, id: withId.id, procedure: { id: "vn.other", version: "1.0.0" } } }))!.slice(0, 2)).toEqual(["receipt", "/procedure/id"]);
    expect((await refusal(withId, { receipt: { id: withId.id } }))!.slice(0, 2)).toEqual(["receipt", ""]);
  });

  it("answers lookups from the envelope's claims without letting a claimed path reach a prototype", async () => {
    const procedure = await loadProcedure({
      id: "vn.test.lookup",
      version: "1.0.0",
      title: "Tra cứu",
      lookups: { party: { title: "Sổ đăng ký", input: "personalId", schema: { type: "object", properties: { fullName: { type: "string" } } } } },
      schema: {
        type: "object",
        properties: {
          personalId: { type: "string", title: "Số định danh" },
          fullName: { type: "string", title: "Họ tên", "x-prefill": "$party.fullName", "x-lock": true },
          note: { type: "string", title: "Ghi chú", "x-visible": "$exists($party)" },
          extra: { type: "string", title: "Thêm", "x-visible": "$exists($party)", "x-options": "$party.fullName ? [{ 'value': 'x', 'label': 'Có hồ sơ: ' & $party.fullName }]" },
        },
      },
    });
    const claim = (path: string) => ({ source: "party", path, locked: true, edited: false, input: "001" });
    const envelope = {
      procedure: { id: "vn.test.lookup", version: "1.0.0" },
      data: { personalId: "001", fullName: "Lê Thị Mai", note: "n", extra: "x" },
      provenance: { "/personalId": { source: "user" }, "/fullName": claim("fullName"), "/note": claim("__proto__.polluted"), "/extra": claim("constructor.prototype.polluted") },
      attachments: [],
      locale: "vi",
      submittedAt: "2026-11-22T08:00:00.000Z",
    };
    const html = await renderDeclaration(procedure, envelope);
    // The record the claims give makes the option's label: the register found "Lê Thị Mai".
    expect(answer(html, "Thêm")).toBe(value("Có hồ sơ: Lê Thị Mai", "✔ Đã xác thực · Từ Sổ đăng ký"));
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("writes out unexpected data of a well-shaped envelope as text, never failing", async () => {
    const procedure = await loadProcedure(DOCUMENT);
    const envelope = await submission(procedure);
    const odd = {
      ...envelope,
      data: { ...(envelope.data as object), applicant: "a text where a section is", members: { not: "a list" }, copies: "ba", stray: { deep: [1, { x: "<b>y</b>" }] } },
      provenance: { "/copies": { source: "nowhere" }, "/x": 12 },
      attachments: [{ pointer: "/nowhere", name: "a.pdf", type: "application/pdf", size: -1 }, "not an attachment"],
    };
    const html = await renderDeclaration(procedure, odd, { context: CONTEXT });
    expect(answer(html, "Người khai")).toBe(value("a text where a section is"));
    expect(answer(html, "Thành viên")).toBe(value('{&quot;not&quot;:&quot;a list&quot;}'));
    expect(answer(html, "Số bản sao")).toBe(value("ba"));
    expect(headings(html)).toContain("h2 Thông tin khác");
    expect(answer(html, "/stray/deep/0")).toBe(value("1"));
    expect(answer(html, "/stray/deep/1/x")).toBe(value("&lt;b&gt;y&lt;/b&gt;"));
    expect(html).toContain("<tr><td>/nowhere</td><td>a.pdf</td><td>application/pdf</td><td>0 B</td></tr>");
  });
});
