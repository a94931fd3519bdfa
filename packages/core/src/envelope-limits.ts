/** The limits of a submission envelope, checked before anything reads it (validateSubmission, envelopeDigest). */
import type { JsonLimits } from "./json-bounds.js";
import { MAX_FIELD_DEPTH } from "./model.js";

/** Limits of an envelope, checked before anything reads it. */
export interface EnvelopeLimits extends JsonLimits {}

/**
 * The default limits: far above any real declaration (a form's data is a few levels deep and holds
 * hundreds of values), low enough that the work a back end does on one envelope stays small. A value of
 * the data may be as deep as the deepest field a procedure may have (MAX_FIELD_DEPTH, 128 levels below
 * `data`), so objects and arrays nest at most 129 levels from the envelope itself.
 */
export const ENVELOPE_LIMITS: EnvelopeLimits = Object.freeze({ depth: MAX_FIELD_DEPTH + 1, values: 200_000, string: 100_000 });
