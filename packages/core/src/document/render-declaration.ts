/**
 * `renderDeclaration`: a submission as the declaration ("tờ khai") a citizen keeps, prints or files, a
 * complete HTML document. See `declaration-model.ts` for what it shows and `declaration-html.ts` for how.
 */
import { jsonBreach } from "../json-bounds.js";
import { canonicalLocale } from "../locale.js";
import type { LookupResolver } from "../lookups.js";
import { ENVELOPE_LIMITS } from "../envelope.js";
import type { Procedure } from "../procedure.js";
import { DEFAULT_TIME_ZONE, todayOf } from "../today.js";
import { translate } from "../translations.js";
import type { FormContext, Locale } from "../types.js";
import { declarationHtml, type DeclarationReceipt, type DeclarationSignature } from "./declaration-html.js";
import { declarationModel } from "./declaration-model.js";
import { fieldFacts } from "./field-facts.js";

export type { DeclarationReceipt, DeclarationSignature } from "./declaration-html.js";

export interface DeclarationOptions {
  /** The language of the document (a BCP-47 tag). Default: the envelope's, else the procedure's. */
  readonly locale?: Locale;
  /** The back end's receipt of this envelope: its reference number and the time it was received are shown. */
  readonly receipt?: DeclarationReceipt;
  /**
   * The data the portal passed to the form (the context the envelope was validated with): the choices
   * computed from it (`x-options`: a province's communes, the citizen's licences) are shown by their
   * labels and rows by their `x-row-title`. Without it, such a value is shown as it was submitted (a code).
   */
  readonly context?: FormContext;
  /**
   * Answers the procedure's lookups (as `createForm`'s option). Without it, each lookup is answered with
   * what the envelope's provenance claims the register gave (which `validateSubmission` checked).
   */
  readonly lookup?: LookupResolver;
  /** IANA time zone of the times shown (submitted, received, signed). Default `Asia/Ho_Chi_Minh`. */
  readonly timeZone?: string;
  /** Clock of `$today()` in expressions that label choices or rows. Default: the time the envelope was submitted. */
  readonly now?: () => Date;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 10_000): v is string => typeof v === "string" && v.length <= max;

/**
 * What is wrong with `renderDeclaration`'s arguments: an envelope that is not a submission of this
 * procedure, or a receipt that is not this envelope's. `input` says which, `pointer` where in it.
 */
export class DeclarationError extends TypeError {
  constructor(
    readonly input: "envelope" | "receipt",
    readonly pointer: string,
    message: string,
  ) {
    super(`tokhai: renderDeclaration: ${message}`);
    this.name = "DeclarationError";
  }
}

const misuse = (pointer: string, message: string) => new DeclarationError("envelope", pointer, message);
const badReceipt = (pointer: string, message: string) => new DeclarationError("receipt", pointer, message);

/**
 * The declaration of a submission as a complete, self-contained HTML document (A4 print styles inline,
 * no script, no external resource; every text escaped): the procedure's title, id and version; every
 * step, section and row in the procedure's order with each answer formatted for `locale` (choices by
 * their labels, dates, numbers), where verified values came from and which were computed; the files
 * attached; the statements the citizen ticked; the date and declarant's block, the signature when the
 * envelope carries one (`signature`) and, given `receipt`, its reference number and time received.
 *
 * The envelope is expected to have been accepted by `validateSubmission` (with `options.context`): the
 * declaration shows what it holds, and vouches for nothing the check did not. An envelope that is not
 * one (no `procedure`, `data`… of the right kinds), exceeds `ENVELOPE_LIMITS`, is for another procedure
 * or does not match `receipt` is refused with a `DeclarationError` (a `TypeError`) saying where; any other data is written out as text.
 */
export async function renderDeclaration(procedure: Procedure, envelope: unknown, options: DeclarationOptions = {}): Promise<string> {
  const breach = jsonBreach(envelope, ENVELOPE_LIMITS);
  if (breach) throw misuse(breach.pointer, `the envelope is not a submission within ENVELOPE_LIMITS (${breach.limit === "json" ? `${breach.what} is not JSON` : `more than ${breach.max} ${breach.limit === "depth" ? "levels deep" : breach.limit === "values" ? "values" : "characters"}`})`);
  if (!isObject(envelope)) throw misuse("", "the envelope must be a submission envelope object");
  const named = envelope["procedure"];
  const data = envelope["data"];
  const provenance = envelope["provenance"];
  const attachments = envelope["attachments"];
  const submittedAt = envelope["submittedAt"];
  if (!isObject(named) || !isText(named["id"]) || !isText(named["version"])) throw misuse("/procedure", '"procedure" must be { id, version }');
  if (named["id"] !== procedure.id) throw misuse("/procedure/id", `the envelope is for procedure "${named["id"]}", not "${procedure.id}"`);
  if (!isObject(data)) throw misuse("/data", '"data" must be an object');
  if (!isObject(provenance)) throw misuse("/provenance", '"provenance" must be an object');
  if (!Array.isArray(attachments)) throw misuse("/attachments", '"attachments" must be a list');
  if (!isText(submittedAt, 64) || Number.isNaN(new Date(submittedAt).getTime())) throw misuse("/submittedAt", '"submittedAt" must be a date and time');
  const id = isText(envelope["id"], 200) ? envelope["id"] : undefined;
  const signature = signatureOf(envelope["signature"]);
  const receipt = options.receipt === undefined ? undefined : receiptOf(options.receipt, procedure, id, signature);

  const locale = canonicalLocale(options.locale) ?? canonicalLocale(envelope["locale"]) ?? procedure.defaultLocale;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  todayOf(new Date(0), timeZone); // an unknown zone is a RangeError here, not halfway through
  const now = options.now ?? (() => new Date(submittedAt));
  const facts = await fieldFacts(procedure, data, { context: options.context ?? {}, provenance, lookup: options.lookup, locale, timeZone, now });
  const model = await declarationModel(procedure, { data, provenance, attachments }, facts, locale, timeZone);
  const title = translate(procedure.document, locale, (t) => t.title) ?? procedure.title;
  return await declarationHtml({
    lang: locale,
    locale,
    timeZone,
    title,
    procedure: { id: named["id"], version: named["version"] },
    id,
    submittedAt,
    receipt,
    signature,
    model,
  });
}

/** The envelope's signature, read as the envelope schema has it; undefined when there is none. */
function signatureOf(value: unknown): DeclarationSignature | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw misuse("/signature", '"signature" must be { alg, value, digest, signedAt, signer?, certificate? }');
  const { alg, value: v, digest, signedAt, signer, certificate } = value;
  if (!isText(alg) || !isText(v, 100_000) || !isText(digest) || !isText(signedAt, 64) || (signer !== undefined && !isText(signer)) || (certificate !== undefined && !isText(certificate, 100_000))) {
    throw misuse("/signature", '"signature" must be { alg, value, digest, signedAt, signer?, certificate? }, each a text');
  }
  return { alg, value: v, digest, signedAt, ...(signer !== undefined ? { signer } : {}), ...(certificate !== undefined ? { certificate } : {}) };
}

/** The receipt, checked against the envelope: a receipt of another submission is never printed on this one. */
function receiptOf(receipt: unknown, procedure: Procedure, id: string | undefined, signature: DeclarationSignature | undefined): DeclarationReceipt {
  if (!isObject(receipt) || !isText(receipt["id"], 200) || !isText(receipt["receivedAt"], 64) || !isText(receipt["digest"], 200) || !isObject(receipt["procedure"])) {
    throw badReceipt("", "the receipt must be { id, receivedAt, digest, procedure: { id, version } }");
  }
  const p = receipt["procedure"];
  if (p["id"] !== procedure.id || !isText(p["version"])) throw badReceipt("/procedure/id", `the receipt is for procedure "${String(p["id"])}", not "${procedure.id}"`);
  if (id !== undefined && receipt["id"] !== id) throw badReceipt("/id", `the receipt "${receipt["id"]}" is for another submission than "${id}"`);
  if (signature && signature.digest !== receipt["digest"]) throw badReceipt("/digest", `the receipt's digest ${receipt["digest"]} is not the digest signed, ${signature.digest}`);
  if (Number.isNaN(new Date(receipt["receivedAt"]).getTime())) throw badReceipt("/receivedAt", "the receipt's receivedAt must be a date and time");
  return { id: receipt["id"], receivedAt: receipt["receivedAt"], digest: receipt["digest"], procedure: { id: p["id"], version: p["version"] } };
}
