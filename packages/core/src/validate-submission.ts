/**
 * Back-end validation of a submission envelope with the same procedure: schema, conditions and rules
 * recomputed from the submitted data, plus checks a browser cannot be trusted with.
 */
import { deepEqual } from "./equal.js";
import { Form } from "./form.js";
import { engineMessage } from "./messages.js";
import type { Procedure } from "./procedure.js";
import type { FormContext, FormError, Locale, Provenance } from "./types.js";

export interface ValidateSubmissionOptions {
  /** The data the portal passed to the form: locked values are checked against it. */
  readonly context?: FormContext;
  /** Locale of the messages. Default: the envelope's locale, else the procedure's. */
  readonly locale?: Locale;
  /** Clock for `$today()`. Default: the system clock. */
  readonly now?: () => Date;
  /** Time zone of `$today()`; must be the one the form used. Default `Asia/Ho_Chi_Minh`. */
  readonly timeZone?: string;
}

export interface SubmissionValidation {
  readonly valid: boolean;
  readonly errors: readonly FormError[];
}

/**
 * Re-validates an envelope as a back end must: the procedure id and major version, the schema, the
 * conditions, rules and computed values recomputed from the submitted data, locked values against the
 * sources in `context`, and no value for a hidden field.
 */
export async function validateSubmission(
  procedure: Procedure,
  envelope: unknown,
  options: ValidateSubmissionOptions = {},
): Promise<SubmissionValidation> {
  const env = envelope as { procedure?: { id?: unknown; version?: unknown }; data?: unknown; provenance?: unknown; locale?: unknown } | null;
  const envLocale = env && (env.locale === "vi" || env.locale === "en") ? env.locale : undefined;
  const locale: Locale = options.locale ?? envLocale ?? procedure.defaultLocale;
  const fail = (error: FormError): SubmissionValidation => ({ valid: false, errors: [error] });
  if (!env || typeof env !== "object" || Array.isArray(env) || !env.procedure || typeof env.procedure !== "object") {
    return fail({ pointer: "", keyword: "envelope", message: engineMessage("badEnvelope", { detail: 'missing "procedure"' }, locale) });
  }
  if (env.procedure.id !== procedure.id) {
    return fail({
      pointer: "/procedure/id",
      keyword: "envelope",
      message: engineMessage("wrongProcedure", { expected: procedure.id, actual: env.procedure.id }, locale),
    });
  }
  const version = typeof env.procedure.version === "string" ? env.procedure.version : "";
  if (Number(version.split(".")[0]) !== procedure.major || !/^\d+\.\d+\.\d+/.test(version)) {
    return fail({
      pointer: "/procedure/version",
      keyword: "envelope",
      message: engineMessage("wrongVersion", { expected: procedure.version, actual: env.procedure.version }, locale),
    });
  }
  if (!env.data || typeof env.data !== "object" || Array.isArray(env.data)) {
    return fail({ pointer: "/data", keyword: "envelope", message: engineMessage("badEnvelope", { detail: '"data" must be an object' }, locale) });
  }
  const provenance =
    env.provenance && typeof env.provenance === "object" && !Array.isArray(env.provenance)
      ? (env.provenance as Record<string, Provenance>)
      : {};
  const form = new Form(
    procedure,
    {
      context: options.context ?? {},
      locale,
      ...(options.now ? { now: options.now } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
    { submitted: env.data, provenance },
  );
  const errors = await form.verifyErrors();
  // The portal uploads the bytes the envelope lists: the list must be the files the data holds.
  const attachments = (env as { attachments?: unknown }).attachments;
  if (attachments !== undefined && !deepEqual(attachments, form.attachments())) {
    errors.unshift({
      pointer: "/attachments",
      keyword: "envelope",
      message: engineMessage("badEnvelope", { detail: '"attachments" does not list the files that "data" holds' }, locale),
    });
  }
  return { valid: errors.length === 0, errors };
}
