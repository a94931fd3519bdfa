// A complete submission of the permanent-residence example for a persona, made by the core as the
// form would: the tests of the CLI and of the example back end validate it (and tampered copies).
import { readFileSync } from "node:fs";
import { createForm, loadProcedure, type SubmissionEnvelope } from "@tokhai/core";
import { personaContext, TEST_BUDGET } from "./examples.js";

export const RESIDENCE = "examples/procedures/dang-ky-thuong-tru.json";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** The envelope, through JSON as a back end receives it. `persona`: the name of a persona of examples/data/personas. */
export async function residenceSubmission(persona: string, now = () => new Date("2026-11-22T08:00:00.000Z")): Promise<SubmissionEnvelope> {
  const procedure = await loadProcedure(read(RESIDENCE), { budget: TEST_BUDGET });
  const form = createForm(procedure, { context: personaContext(persona), now });
  await form.settled();
  form.set("/newAddress/province", "79");
  await form.settled();
  form.set("/newAddress/commune", form.field("/newAddress/commune").options![1]!.value);
  form.set("/newAddress/detail", "12 Lê Lợi");
  form.set("/newAddress/ownership", "owner");
  if (!form.get("/applicant/phone")) form.set("/applicant/phone", "0987654321");
  form.set("/declaration", true);
  await form.settled();
  const result = await form.submission();
  if (!result.ok) throw new Error(`the example submission is invalid: ${JSON.stringify(result.errors)}`);
  return JSON.parse(JSON.stringify(result.envelope)) as SubmissionEnvelope;
}
