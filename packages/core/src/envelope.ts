/**
 * The first stage of `validateSubmission`: the envelope's shape, as `envelope.v1.schema.json` publishes
 * it, and the limits JSON Schema cannot state (depth, number of values, string length), checked before
 * anything else reads the envelope. Written by hand rather than compiled from the schema, so that the
 * check needs no code generation (it runs under a strict CSP too) and stops at the first limit crossed;
 * `envelope-schema.test.ts` holds the two to the same verdicts.
 */
import { codePoints, jsonBreach } from "./json-bounds.js";
import { submissionMessage } from "./submission-messages.js";
import { ENVELOPE_LIMITS, type EnvelopeLimits } from "./envelope-limits.js";
import { LANGUAGE_TAG, MAX_TAG_LENGTH } from "./locale.js";
import { appendPointer } from "./pointer.js";
import { DIGEST } from "./digest-format.js";
import { ENVELOPE_ID } from "./envelope-id.js";
import type { Attachment, EnvelopeSignature, FormError, Locale, Provenance } from "./types.js";

export { ENVELOPE_LIMITS, type EnvelopeLimits } from "./envelope-limits.js";

/** An envelope whose shape has been checked. */
export interface CheckedEnvelope {
  readonly id: string;
  readonly procedure: { readonly id: string; readonly version: string };
  readonly data: Record<string, unknown>;
  /** By pointer; every claim is one of the shapes `Provenance` allows. */
  readonly provenance: ReadonlyMap<string, Provenance>;
  readonly attachments: readonly Attachment[];
  readonly locale: Locale;
  readonly submittedAt: string;
  /** The signature, its shape checked (not yet verified). */
  readonly signature?: EnvelopeSignature;
}

const REQUIRED = ["id", "procedure", "data", "provenance", "attachments", "locale", "submittedAt"] as const;
const MEMBERS = [...REQUIRED, "signature"] as const;
const SIGNATURE_MEMBERS = ["alg", "value", "digest", "signedAt", "signer", "certificate"] as const;
const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const POINTER = /^(\/([^~/]|~[01])*)+$/;
const SOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/;
const RESERVED = new Set(["computed", "default", "user"]);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The only keys of `o` are among `allowed`, and `required` are all there: the first problem, or undefined. */
function membersProblem(o: Record<string, unknown>, pointer: string, allowed: readonly string[], required: readonly string[]): { pointer: string; problem: string; name: string } | undefined {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) return { pointer: appendPointer(pointer, key), problem: "unknown", name: key };
  for (const key of required) if (!has(o, key)) return { pointer: appendPointer(pointer, key), problem: "missing", name: key };
  return undefined;
}

/** Why a provenance claim is not one of the three shapes the schema allows, or undefined. */
function claimProblem(claim: unknown): string | undefined {
  if (!isObject(claim)) return "claim";
  const source = claim["source"];
  if (typeof source !== "string") return "claim";
  if (source === "computed" || source === "user") return Object.keys(claim).length === 1 ? undefined : "claim";
  if (source === "default") {
    return Object.keys(claim).every((k) => k === "source" || k === "edited") && typeof claim["edited"] === "boolean" ? undefined : "claim";
  }
  if (!SOURCE_NAME.test(source) || RESERVED.has(source)) return "claim";
  const keys = Object.keys(claim);
  // `input`: the input a lookup's value was resolved for.
  const size = Object.prototype.hasOwnProperty.call(claim, "input") ? 5 : 4;
  if (keys.length !== size || !keys.every((k) => k === "source" || k === "path" || k === "locked" || k === "edited" || k === "input")) return "claim";
  if (typeof claim["path"] !== "string" || typeof claim["locked"] !== "boolean" || typeof claim["edited"] !== "boolean") return "claim";
  return undefined;
}

function attachmentProblem(a: unknown): boolean {
  if (!isObject(a)) return true;
  const keys = Object.keys(a);
  if (keys.length !== 4 || !keys.every((k) => k === "pointer" || k === "name" || k === "type" || k === "size")) return true;
  return (
    typeof a["pointer"] !== "string" || !POINTER.test(a["pointer"]) || typeof a["name"] !== "string" || typeof a["type"] !== "string" ||
    typeof a["size"] !== "number" || !(a["size"] >= 0)
  );
}

/** Whether a signature is of the shape the schema allows: `{ alg, value, digest, signedAt, signer?, certificate? }`, each text bounded. */
function signatureProblem(s: unknown): boolean {
  if (!isObject(s)) return true;
  if (membersProblem(s, "", SIGNATURE_MEMBERS, ["alg", "value", "digest", "signedAt"])) return true;
  const text = (v: unknown, min: number, max: number) => typeof v === "string" && v.length >= min && codePoints(v) <= max;
  return !(
    text(s["alg"], 1, 100) &&
    text(s["value"], 1, 20_000) &&
    typeof s["digest"] === "string" &&
    DIGEST.test(s["digest"]) &&
    typeof s["signedAt"] === "string" &&
    s["signedAt"].length <= 64 &&
    DATE_TIME.test(s["signedAt"]) &&
    (!has(s, "signer") || text(s["signer"], 0, 1_000)) &&
    (!has(s, "certificate") || text(s["certificate"], 0, 100_000))
  );
}

/**
 * Checks an envelope's limits and shape. Returns the envelope, typed, or the first problem as a located
 * error (`keyword: "envelope"`, the pointer into the envelope).
 */
export function checkEnvelope(
  envelope: unknown,
  locale: Locale,
  limits: EnvelopeLimits = ENVELOPE_LIMITS,
): { readonly envelope: CheckedEnvelope; readonly error?: undefined } | { readonly envelope?: undefined; readonly error: FormError } {
  const fail = (pointer: string, params: Record<string, unknown>) => ({
    error: { pointer, keyword: "envelope", message: submissionMessage("badEnvelope", params, locale), params } as FormError,
  });
  const breach = jsonBreach(envelope, limits);
  if (breach) {
    return breach.limit === "json"
      ? fail(breach.pointer, { problem: "json", what: breach.what })
      : fail(breach.pointer, { problem: breach.limit, max: breach.max });
  }
  if (!isObject(envelope)) return fail("", { problem: "type", expected: "object" });
  const top = membersProblem(envelope, "", MEMBERS, REQUIRED);
  if (top) return fail(top.pointer, { problem: top.problem, name: top.name });
  const envelopeId = envelope["id"];
  if (typeof envelopeId !== "string" || !ENVELOPE_ID.test(envelopeId)) return fail("/id", { problem: "id" });
  const procedure = envelope["procedure"];
  if (!isObject(procedure)) return fail("/procedure", { problem: "type", expected: "object" });
  const inner = membersProblem(procedure, "/procedure", ["id", "version"], ["id", "version"]);
  if (inner) return fail(inner.pointer, { problem: inner.problem, name: inner.name });
  const { id, version } = procedure;
  if (typeof id !== "string" || id.length === 0 || codePoints(id) > 200) return fail("/procedure/id", { problem: "procedureId" });
  if (typeof version !== "string" || version.length > 100 || !VERSION.test(version)) return fail("/procedure/version", { problem: "version", actual: version });
  const data = envelope["data"];
  if (!isObject(data)) return fail("/data", { problem: "type", expected: "object" });
  const provenance = envelope["provenance"];
  if (!isObject(provenance)) return fail("/provenance", { problem: "type", expected: "object" });
  const claims = new Map<string, Provenance>();
  for (const key of Object.keys(provenance)) {
    if (!POINTER.test(key)) return fail(appendPointer("/provenance", key), { problem: "pointer", key });
    if (claimProblem(provenance[key])) return fail(appendPointer("/provenance", key), { problem: "claim" });
    claims.set(key, provenance[key] as Provenance);
  }
  const attachments = envelope["attachments"];
  if (!Array.isArray(attachments)) return fail("/attachments", { problem: "type", expected: "array" });
  if (attachments.length > 10_000) return fail("/attachments", { problem: "values", max: 10_000 });
  for (let i = 0; i < attachments.length; i++) {
    if (attachmentProblem(attachments[i])) return fail(appendPointer("/attachments", i), { problem: "attachment" });
  }
  const envLocale = envelope["locale"];
  if (typeof envLocale !== "string" || envLocale.length > MAX_TAG_LENGTH || !LANGUAGE_TAG.test(envLocale)) return fail("/locale", { problem: "locale" });
  const submittedAt = envelope["submittedAt"];
  if (typeof submittedAt !== "string" || submittedAt.length > 64 || !DATE_TIME.test(submittedAt)) return fail("/submittedAt", { problem: "dateTime" });
  const signature = envelope["signature"];
  if (has(envelope, "signature") && signatureProblem(signature)) return fail("/signature", { problem: "signature" });
  return {
    envelope: {
      id: envelopeId,
      procedure: { id, version },
      data,
      provenance: claims,
      attachments: attachments as Attachment[],
      locale: envLocale,
      submittedAt,
      ...(has(envelope, "signature") ? { signature: signature as EnvelopeSignature } : {}),
    },
  };
}
