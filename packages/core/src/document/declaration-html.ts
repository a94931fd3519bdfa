/**
 * The declaration as one self-contained HTML document: no script, no external resource, its style sheet
 * inline. Every text is escaped here (`escapeHtml`), whoever wrote it.
 */
import { formatDate, formatDateTime } from "../intl.js";
import type { Locale } from "../locale.js";
import { todayOf } from "../today.js";
import type { AnswerView, DeclarationModel, GroupView, Mark } from "./declaration-model.js";
import { declarationStyles } from "./declaration-styles.js";
import { documentText, type DocumentMessageId } from "./document-messages.js";
import { escapeCssString, escapeHtml as h } from "./escape.js";
import { styleHashSource } from "./style-hash.js";

/** A receipt of the back end: `{ id, receivedAt, digest, procedure }`. */
export interface DeclarationReceipt {
  /** The reference number: the envelope's id. */
  readonly id: string;
  /** When the back end received it (ISO date-time). */
  readonly receivedAt: string;
  /** `sha256:<hex>` of the envelope (`envelopeDigest`). */
  readonly digest: string;
  readonly procedure: { readonly id: string; readonly version: string };
}

/** The signature an envelope carries (`envelope.signature`). */
export interface DeclarationSignature {
  readonly alg: string;
  readonly value: string;
  readonly digest: string;
  readonly signedAt: string;
  readonly signer?: string;
  readonly certificate?: string;
}

/** Everything the page shows besides the model. */
export interface DeclarationPage {
  readonly lang: Locale;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly title: string;
  readonly procedure: { readonly id: string; readonly version: string };
  readonly id: string | undefined;
  readonly submittedAt: string;
  readonly receipt: DeclarationReceipt | undefined;
  readonly signature: DeclarationSignature | undefined;
  readonly model: DeclarationModel;
}

/**
 * The HTML document of a declaration. Its Content-Security-Policy allows its own style sheet and
 * nothing else: no script runs and nothing is loaded, whatever a text might hold.
 */
export async function declarationHtml(page: DeclarationPage): Promise<string> {
  const t = (id: DocumentMessageId, params?: Record<string, unknown>) => documentText(id, page.locale, params);
  const pageText = t("page", { page: "\u0000", pages: "\u0001" });
  const [before, rest = ""] = pageText.split("\u0000");
  const [between, after = ""] = rest.split("\u0001");
  const styles = declarationStyles({
    left: escapeCssString(page.id ? `${t("submissionId")}: ${page.id}` : ""),
    pageBefore: escapeCssString(before ?? ""),
    pageBetween: escapeCssString(between ?? ""),
    pageAfter: escapeCssString(after),
  });
  const csp = `default-src 'none'; style-src ${await styleHashSource(styles)}`;
  const out: string[] = [];
  out.push(
    `<!doctype html>\n<html lang="${h(page.lang)}">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${h(csp)}">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n`,
    `<title>${h(page.id ? `${page.title} — ${page.id}` : page.title)}</title>\n<style>${styles}</style>\n</head>\n<body>\n`,
  );
  const nation = t("nationalName");
  const motto = t("nationalMotto");
  if (nation || motto) {
    out.push(`<header class="masthead">\n`);
    if (nation) out.push(`<p class="nation">${h(nation)}</p>\n`);
    if (motto) out.push(`<p><span class="motto">${h(motto)}</span></p>\n`);
    out.push(`</header>\n`);
  }
  out.push(`<main>\n<h1>${h(page.title)}</h1>\n<p class="procedure">${h(t("procedure", { id: page.procedure.id, version: page.procedure.version }))}</p>\n`);
  if (page.receipt) {
    const r = page.receipt;
    out.push(`<section class="receipt" aria-labelledby="receipt">\n<h2 id="receipt">${h(t("receipt"))}</h2>\n`);
    out.push(
      rows([
        [t("receiptId"), code(r.id)],
        [t("receivedAt"), h(formatDateTime(r.receivedAt, page.locale, page.timeZone))],
        [t("receiptDigest"), code(r.digest)],
      ]),
      `</section>\n`,
    );
  }
  const meta: [string, string][] = [];
  if (page.id && !page.receipt) meta.push([t("submissionId"), code(page.id)]);
  meta.push([t("submittedAt"), h(formatDateTime(page.submittedAt, page.locale, page.timeZone))]);
  out.push(`<section aria-label="${h(t("details"))}">\n`, rows(meta, "meta"), `</section>\n`);

  page.model.steps.forEach((step, i) => {
    out.push(`<section aria-labelledby="step-${i + 1}">\n<h2 id="step-${i + 1}">${h(`${i + 1}. ${step.title}`)}</h2>\n`);
    for (const group of step.groups) out.push(groupHtml(group, page.locale));
    out.push(`</section>\n`);
  });
  if (page.model.attachments.length > 0) {
    out.push(`<section aria-labelledby="attachments">\n<h2 id="attachments">${h(t("attachments"))}</h2>\n<table class="files">\n<thead><tr>`);
    for (const id of ["attachmentDocument", "attachmentName", "attachmentType", "attachmentSize"] as const) out.push(`<th scope="col">${h(t(id))}</th>`);
    out.push(`</tr></thead>\n<tbody>\n`);
    for (const a of page.model.attachments) out.push(`<tr><td>${h(a.document)}</td><td>${h(a.name)}</td><td>${h(a.type)}</td><td>${h(a.size)}</td></tr>\n`);
    out.push(`</tbody>\n</table>\n</section>\n`);
  }
  if (page.model.other.length > 0) {
    out.push(`<section aria-labelledby="other">\n<h2 id="other">${h(t("otherData"))}</h2>\n`, answersTable(page.model.other, page.locale), `</section>\n`);
  }
  out.push(closing(page, t));
  if (page.signature) {
    const s = page.signature;
    const signature: [string, string][] = [];
    if (s.signer !== undefined) signature.push([t("signer"), h(s.signer)]);
    signature.push([t("signedAt"), h(formatDateTime(s.signedAt, page.locale, page.timeZone))], [t("signatureAlgorithm"), h(s.alg)], [t("signedDigest"), code(s.digest)], [t("signatureValue"), code(s.value)]);
    if (s.certificate !== undefined) signature.push([t("certificate"), h(t("certificateIncluded"))]);
    out.push(`<section class="signature" aria-labelledby="signature">\n<h2 id="signature">${h(t("signature"))}</h2>\n`, rows(signature), `</section>\n`);
  }
  out.push(`</main>\n</body>\n</html>\n`);
  return out.join("");
}

/** The date line and the declarant's block, as a paper declaration ends. */
function closing(page: DeclarationPage, t: (id: DocumentMessageId, params?: Record<string, unknown>) => string): string {
  // The day the declaration was made: its submittedAt, which the digest (and so a signature) covers; a
  // signature's signedAt is the signer's word, printed only in the signature block.
  const moment = new Date(page.submittedAt);
  let dateLine = "";
  if (!Number.isNaN(moment.getTime())) {
    const iso = todayOf(moment, page.timeZone);
    const [year, month, day] = iso.split("-");
    dateLine = t("dateLine", { day, month, year, date: formatDate(iso, page.locale) });
  }
  const signed = page.signature;
  return (
    `<div class="closing">\n<div>\n` +
    (dateLine ? `<p class="date-line">${h(dateLine)}</p>\n` : "") +
    `<p class="declarant">${h(t("declarant"))}</p>\n<p>(${h(t(signed ? "signedElectronically" : "notSigned"))})</p>\n` +
    (signed?.signer ? `<p class="signed-by">${h(signed.signer)}</p>\n` : "") +
    `</div>\n</div>\n`
  );
}

/** A group's heading and answers: its answers in a two-column table, a ticked statement as a paragraph. */
function groupHtml(group: GroupView, locale: Locale): string {
  let out = "";
  if (group.heading !== undefined) {
    const level = Math.min(2 + group.depth, 6);
    out += `<h${level}>${h(group.heading)}</h${level}>\n`;
  }
  let run: AnswerView[] = [];
  const flush = () => {
    if (run.length > 0) out += answersTable(run, locale);
    run = [];
  };
  for (const answer of group.answers) {
    if (!answer.statement) {
      run.push(answer);
      continue;
    }
    flush();
    out += `<p class="statement"><span class="box" role="img" aria-label="${h(documentText("statementTicked", locale))}">☑</span>${h(answer.label)}</p>\n`;
  }
  flush();
  return out;
}

function answersTable(answers: readonly AnswerView[], locale: Locale): string {
  let out = `<table class="answers">\n<tbody>\n`;
  for (const a of answers) {
    out += `<tr><th scope="row">${h(a.label)}</th><td><span class="value">${h(a.text)}</span>${a.mark ? `<span class="mark">${h(markText(a.mark, locale))}</span>` : ""}</td></tr>\n`;
  }
  return `${out}</tbody>\n</table>\n`;
}

/** "✔ Đã xác thực · Từ Cơ sở dữ liệu quốc gia về dân cư", "Tự động tính"… */
function markText(mark: Mark, locale: Locale): string {
  switch (mark.kind) {
    case "computed":
      return documentText("computed", locale);
    case "verified":
      return `✔ ${documentText("verified", locale)} · ${documentText("fromSource", locale, { source: mark.source })}`;
    case "prefilled":
      return documentText("prefilled", locale, { source: mark.source });
    case "edited":
      return documentText("edited", locale, { source: mark.source });
  }
}

/** Rows of label and value (the value already HTML). */
function rows(list: readonly (readonly [string, string])[], className?: string): string {
  let out = `<table${className ? ` class="${className}"` : ""}>\n<tbody>\n`;
  for (const [label, value] of list) out += `<tr><th scope="row">${h(label)}</th><td>${value}</td></tr>\n`;
  return `${out}</tbody>\n</table>\n`;
}

/** An identifier, digest or signature, in a fixed-width face. */
function code(text: string): string {
  return `<span class="code">${h(text)}</span>`;
}
