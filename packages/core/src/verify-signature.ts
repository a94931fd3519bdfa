/**
 * The signature stage of `validateSubmission`: after the envelope's shape, before anything reads its
 * data, so that a back end whose procedure requires a signature runs no expression for an envelope that
 * is not signed as it must be.
 *
 * - required (`procedure.signature`) and absent: refused (`signature`, "must be signed");
 * - present, whatever the procedure says: the digest is recomputed from the envelope (never taken from
 *   it); `signature.digest` another: refused ("changed after it was signed"); else the host's verifier
 *   is asked, with the recomputed digest. Anything but `true`: refused; it throws, or there is none:
 *   refused as unverifiable (fail closed: a stored envelope never carries a signature nobody checked);
 * - optional or not asked, and absent: nothing to check.
 */
import { envelopeDigest } from "./digest.js";
import { notify } from "./form.js";
import { submissionMessage, type SubmissionMessageCode } from "./submission-messages.js";
import type { CheckedEnvelope } from "./envelope.js";
import type { JsonLimits } from "./json-bounds.js";
import type { Procedure } from "./procedure.js";
import type { Diagnostic, EnvelopeSignature, FormError, Locale } from "./types.js";

/** What the host's verifier is given. */
export interface SignatureToVerify {
  /** The envelope's digest, recomputed by the back end from the envelope received. The signature signs the UTF-8 bytes of this string. */
  readonly digest: string;
  /** The envelope's signature, its shape checked (`alg`, `value`, `signer?`, `certificate?`…). */
  readonly signature: EnvelopeSignature;
  /** The envelope as received (for a verifier that looks up the signer's key by what it declares). */
  readonly envelope: unknown;
}

/**
 * The host's verifier: whether `signature.value` is a valid signature, by the key of the signer the host
 * expects, of the UTF-8 bytes of `digest`. A rejection or a throw refuses the envelope (problem `verifier-failed`).
 */
export type SignatureVerifier = (toVerify: SignatureToVerify) => boolean | Promise<boolean>;

/** The signature's problem, as an error at `/signature`, or undefined when it holds (or none is needed). */
export async function signatureError(
  procedure: Procedure,
  raw: unknown,
  envelope: CheckedEnvelope,
  verify: SignatureVerifier | undefined,
  locale: Locale,
  onDiagnostic: ((d: Diagnostic) => void) | undefined,
  limits: JsonLimits,
): Promise<FormError | undefined> {
  // Keyword `signature` for every problem (`cannot-verify` ones too): the pointer is the envelope's
  // `/signature`, which the keyword tells from a data field's pointer, as `envelope` does.
  const refuse = (code: SubmissionMessageCode, problem: string): FormError => ({
    pointer: "/signature",
    keyword: "signature",
    message: submissionMessage(code, {}, locale),
    params: { problem },
  });
  const signature = envelope.signature;
  if (!signature) return procedure.signature === "required" ? refuse("signatureMissing", "missing") : undefined;
  // Within the limits the envelope was checked against (a host may raise them).
  const digest = await envelopeDigest(raw, limits);
  if (signature.digest !== digest) return refuse("signatureDigest", "digest");
  if (!verify) return refuse("signatureUnverifiable", "no-verifier");
  let verified: unknown;
  try {
    verified = await verify({ digest, signature, envelope: raw });
  } catch (error) {
    const diagnostic: Diagnostic = { keywordPointer: "", pointer: "/signature", code: "signature-verifier", message: String((error as Error)?.message ?? error), expression: "" };
    notify(onDiagnostic, diagnostic);
    return refuse("signatureUnverifiable", "verifier-failed");
  }
  return verified === true ? undefined : refuse("signatureInvalid", "invalid");
}
