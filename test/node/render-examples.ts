// The submissions the declaration tests render: for each example procedure and each persona it serves
// (test/e2e/answers/<procedure>.json), the envelope the core makes as the portal's form does (the
// persona's context and registers, the answers typed), accepted by validateSubmission as the back end
// would accept it.
import { signingFor } from "./signing.js";
import { createForm, loadProcedure, validateSubmission, type FormContext, type LookupResolver, type Procedure, type SubmissionEnvelope } from "@tokhai/core";
import { answersOf, CATALOG, fillAnswers, lookupsFor, personaContext, PROCEDURE_NAMES, readJson, TEST_BUDGET, type Json } from "./examples.js";

/** When every example was submitted. */
export const SUBMITTED_AT = new Date("2026-11-22T08:00:00.000Z");
const now = () => SUBMITTED_AT;

export interface ExampleSubmission {
  readonly name: string;
  readonly persona: string;
  readonly procedure: Procedure;
  readonly context: FormContext;
  readonly lookup: LookupResolver;
  /** Through JSON, as a back end receives it. */
  readonly envelope: SubmissionEnvelope;
}

/** The valid submission of `persona` in the example procedure `name`. */
export async function exampleSubmission(name: string, persona: string): Promise<ExampleSubmission> {
  const procedure = await loadProcedure(readJson(`examples/procedures/${name}.json`), { budget: TEST_BUDGET });
  const context = personaContext(persona);
  const lookups = lookupsFor(persona);
  const form = createForm(procedure, { context, now, ...lookups });
  await form.settled();
  await fillAnswers(form, answersOf(name).personas[persona]?.answers ?? {});
  const result = await form.submission();
  if (!result.ok) throw new Error(`${name} × ${persona}: the example submission is invalid: ${JSON.stringify(result.errors)}`);
  // Signed by the persona where the procedure requires it (the business household), as the portal does.
  const { sign, verifySignature } = await signingFor(procedure, persona);
  const envelope = await sign(JSON.parse(JSON.stringify(result.envelope)) as SubmissionEnvelope);
  const verdict = await validateSubmission(procedure, envelope, { context, now, lookup: lookups.lookup, verifySignature });
  if (!verdict.valid) throw new Error(`${name} × ${persona}: the back end refuses the example submission: ${JSON.stringify(verdict.errors)}`);
  return { name, persona, procedure, context, lookup: lookups.lookup, envelope };
}

/** Every example procedure × persona that can submit (not an exit page), in order. */
export const EXAMPLE_CASES: readonly (readonly [string, string])[] = PROCEDURE_NAMES.flatMap((name) =>
  Object.entries(answersOf(name).personas)
    .filter(([, plan]) => !plan.exit)
    .map(([persona]) => [name, persona] as const),
);

/** The names of the provinces and communes the data names by code (every `{ province, commune }` in it). */
export function placeNames(data: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== "object") return;
    const o = value as Record<string, unknown>;
    const province = CATALOG.provinces.find((p: Json) => p.code === o.province);
    if (province) {
      names.push(province.name);
      const commune = province.communes.find((c: Json) => c.code === o.commune);
      if (commune) names.push(commune.name);
    }
    Object.values(o).forEach(visit);
  };
  visit(data);
  return names;
}
