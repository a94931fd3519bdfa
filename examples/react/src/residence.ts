// The permanent-residence procedure, the persona's data, and the submission type generated from the
// procedure by `tokhai types` (src/generated/residence.ts, made by `npm run types`).
import type { FormContext, ProcedureDocument, SubmissionEnvelope } from "@tokhai/core";
import type { VnCuTruDangKyThuongTruData, VnCuTruDangKyThuongTruSubmission } from "./generated/residence";
import document from "../../procedures/dang-ky-thuong-tru.json";
import persona from "../../data/personas/nguyen-van-an.json";
import catalog from "../../data/administrative-units.json";

/** The data of a submission of this procedure: generated, never written by hand. */
export type ResidenceData = VnCuTruDangKyThuongTruData;
/** The envelope `<tk-form>` sends for this procedure. */
export type ResidenceSubmission = VnCuTruDangKyThuongTruSubmission;

/**
 * The procedure document: the JSON import has the document type as it is (a locale is any language
 * tag, a string); `<tk-form>` checks the document itself when it loads it.
 */
export const PROCEDURE: ProcedureDocument = document;

/** What the portal already holds for this citizen: its sources, plus the catalogue of administrative units. */
export const CONTEXT: FormContext = { ...persona, catalog };

/**
 * `<tk-form>` sends an envelope only once the data is valid against the procedure's schema, so the
 * procedure's id and major version tell which generated type the data has.
 */
export function isResidenceSubmission(envelope: SubmissionEnvelope): envelope is ResidenceSubmission {
  const major = (version: string) => version.split(".")[0];
  return envelope.procedure.id === PROCEDURE.id && major(envelope.procedure.version) === major(PROCEDURE.version);
}
