/**
 * Back-end validation of a submission envelope, a pipeline that bounds its work before doing any:
 *
 * 1. the envelope's shape and size (`envelope.ts`, `envelope.v1.schema.json`), before anything reads it,
 *    then its signature (`verify-signature.ts`): required and present, over the envelope's digest;
 * 2. the data against the procedure's field tree, closed-world, with `maxItems` and `maxLength`
 *    (`closed-world.ts`), before any expression runs on it;
 * 3. the back end's own check (`verify.ts`): conditions, computed values, rules and the schema
 *    recomputed from the data, provenance derived from the context, fail-closed.
 *
 * It never throws, for any value as envelope: every problem is an error in the result.
 */
import { closedWorldErrors } from "./closed-world.js";
import { DEFAULT_BUDGET, type ExpressionBudget } from "./budget.js";
import { checkEnvelope, ENVELOPE_LIMITS, type EnvelopeLimits } from "./envelope.js";
import { notify } from "./form.js";
import { canonicalLocale } from "./locale.js";
import { engineMessage } from "./messages.js";
import { submissionMessage } from "./submission-messages.js";
import type { LookupResolver } from "./lookups.js";
import type { Procedure } from "./procedure.js";
import type { Diagnostic, FormContext, FormError, Locale } from "./types.js";
import { errorOf, verifySubmission } from "./verify.js";
import { signatureError, type SignatureVerifier } from "./verify-signature.js";

export interface ValidateSubmissionOptions {
  /** The data the portal passed to the form, from the back end's own records: locked values are checked against it. */
  readonly context?: FormContext;
  /**
   * Answers the procedure's lookups from the back end's own registers, as `createForm`'s option does:
   * every lookup is resolved again for the input the submitted data gives, and a value claimed from it
   * must be the register's. A lookup it cannot answer (no resolver, a rejection, a timeout, a record that
   * is not JSON within `LOOKUP_LIMITS`) refuses the envelope (`cannot-verify` at the lookup's input).
   */
  readonly lookup?: LookupResolver;
  /** Milliseconds after which a lookup of the check is given up (and the envelope refused). Default `LOOKUP_TIMEOUT`. */
  readonly lookupTimeout?: number;
  /** Locale of the messages. Default: the envelope's locale, else the procedure's. */
  readonly locale?: Locale;
  /** Clock for `$today()`. Default: the system clock. */
  readonly now?: () => Date;
  /** Time zone of `$today()`; must be the one the form used. Default `Asia/Ho_Chi_Minh`. */
  readonly timeZone?: string;
  /**
   * Called for each expression that could not be evaluated (the envelope is then refused with a
   * `cannot-verify` error at its field), as `createForm`'s option is.
   */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /**
   * The budget of every expression evaluation of the check. Default `VERIFY_BUDGET`: a step budget, so
   * that the check decides the same way whatever the back end's load, with a generous time limit as a
   * safety net.
   */
  readonly budget?: Partial<ExpressionBudget>;
  /** Limits of the envelope, checked before it is read. Default `ENVELOPE_LIMITS`. */
  readonly limits?: Partial<EnvelopeLimits>;
  /** Most errors returned; `omitted` counts the rest. Default 100. */
  readonly maxErrors?: number;
  /**
   * Verifies the envelope's signature: given `{ digest, signature, envelope }`, where `digest` is the
   * envelope's digest recomputed here (`envelopeDigest`, never the envelope's own `signature.digest`),
   * whether `signature.value` is a valid signature of the UTF-8 bytes of `digest` by the key of the
   * signer the back end expects. Asked whenever the envelope carries a signature; without it, a signed
   * envelope is refused, as is one whose verifier throws. A procedure with `"signature": "required"`
   * refuses an envelope without one. Every such error is at `/signature`, keyword `signature`, with
   * `params.problem`: `missing`, `digest` (changed after signing), `invalid` (the verifier said no),
   * `no-verifier` or `verifier-failed` (it could not be verified).
   */
  readonly verifySignature?: SignatureVerifier;
}

export interface SubmissionValidation {
  readonly valid: boolean;
  /** The errors, in document order, at most `maxErrors` of them. */
  readonly errors: readonly FormError[];
  /** How many more errors there were than `errors` holds (absent when none were left out). */
  readonly omitted?: number;
}

const MAX_ERRORS = 100;

/**
 * The back end's default budget of one evaluation. Fail-closed makes an expression that runs out of
 * budget refuse the envelope, so the check must not depend on the machine's load: 200,000 steps (the
 * example procedures take at most about a thousand), and 5 s of wall clock only as a safety net.
 */
export const VERIFY_BUDGET: ExpressionBudget = Object.freeze({ ...DEFAULT_BUDGET, timeMs: 5_000, steps: 200_000 });

/**
 * Re-validates an envelope as a back end must: it derives, never trusts. See the module comment for the
 * stages. Resolves to `{ valid, errors }` whatever `envelope` is.
 */
export async function validateSubmission(procedure: Procedure, envelope: unknown, options: ValidateSubmissionOptions = {}): Promise<SubmissionValidation> {
  const claimed = envelope && typeof envelope === "object" ? (envelope as { locale?: unknown }).locale : undefined;
  const locale: Locale = options.locale ?? canonicalLocale(claimed) ?? procedure.defaultLocale;
  const max = Math.max(1, options.maxErrors ?? MAX_ERRORS);
  const result = (errors: readonly FormError[], more = 0): SubmissionValidation => {
    const omitted = Math.max(0, errors.length - max) + more;
    return { valid: errors.length === 0 && more === 0, errors: errors.length > max ? errors.slice(0, max) : errors, ...(omitted > 0 ? { omitted } : {}) };
  };
  try {
    const limits = { ...ENVELOPE_LIMITS, ...options.limits };
    const checked = checkEnvelope(envelope, locale, limits);
    if (checked.error) return result([checked.error]);
    const { procedure: named, data } = checked.envelope;
    if (named.id !== procedure.id) {
      const params = { expected: procedure.id, actual: named.id };
      return result([{ pointer: "/procedure/id", keyword: "envelope", message: engineMessage("wrongProcedure", params, locale), params }]);
    }
    if (Number(named.version.split(".")[0]) !== procedure.major) {
      const params = { expected: procedure.version, actual: named.version };
      return result([{ pointer: "/procedure/version", keyword: "envelope", message: engineMessage("wrongVersion", params, locale), params }]);
    }
    const signed = await signatureError(procedure, envelope, checked.envelope, options.verifySignature, locale, options.onDiagnostic, limits);
    if (signed) return result([signed]);
    const closed = closedWorldErrors(procedure.root, data, locale, max);
    if (closed.errors.length > 0) return result(closed.errors, closed.more);
    const problems = await verifySubmission(procedure, checked.envelope, {
      context: options.context ?? {},
      locale,
      budget: { ...VERIFY_BUDGET, ...options.budget },
      ...(options.now ? { now: options.now } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.onDiagnostic ? { onDiagnostic: options.onDiagnostic } : {}),
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.lookupTimeout !== undefined ? { lookupTimeout: options.lookupTimeout } : {}),
    });
    return result(problems.slice(0, max).map((p) => errorOf(p, locale)), Math.max(0, problems.length - max));
  } catch (error) {
    // Fail closed: a check that could not run refuses the envelope. (The property tests hold that this
    // never happens; it is the last line, not a path.)
    notify(options.onDiagnostic, { keywordPointer: "", pointer: "", code: "internal", message: String((error as Error)?.message ?? error), expression: "" });
    return result([{ pointer: "", keyword: "cannot-verify", message: submissionMessage("cannotVerify", {}, locale), params: { internal: true } }]);
  }
}
