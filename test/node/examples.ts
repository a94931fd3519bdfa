// The example data of examples/ as the tests use it: the personas (with the catalogue, as a portal
// passes them), the registers the procedures' lookups are answered from (as the example server
// answers them), the source schemas, an ajv that knows tokhai's formats, and the answers a citizen
// types in each procedure (test/e2e/answers/<procedure>.json).
import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { TOKHAI_FORMATS, type Form, type FormContext, type LookupResolver } from "@tokhai/core";
import { createRegisters, registerResolver } from "../../examples/server/registers.mjs";

// Under NodeNext, ajv-formats' default import is the module (see TOOLCHAIN).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export type Json = Record<string, any>;

const root = new URL("../../", import.meta.url);
/** A JSON file of the repository, by its path from the root. */
/**
 * The budget of expressions in the tests of the example procedures: no wall clock (a loaded machine
 * must reach the same verdict as an idle one), a step limit in its place, as the back end's.
 */
export const TEST_BUDGET = { timeMs: 0, steps: 1_000_000 } as const;

export const readJson = (path: string): Json => JSON.parse(readFileSync(new URL(path, root), "utf8"));

/** The procedures of examples/procedures, by file name without `.json`, sorted. */
export const PROCEDURE_NAMES: readonly string[] = readdirSync(new URL("examples/procedures/", root))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** The personas of examples/data/personas, by name, sorted. */
export const PERSONA_NAMES: readonly string[] = readdirSync(new URL("examples/data/personas/", root))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** The catalogue of administrative units (examples/data/administrative-units.json). */
export const CATALOG: Json = readJson("examples/data/administrative-units.json");

/** A persona's data, as its file has it (a fresh copy). */
export const personaOf = (name: string): Json => readJson(`examples/data/personas/${name}.json`);

/** A persona as a portal passes it: its data and the catalogue as `catalog`. `change` edits a copy first. */
export function personaContext(name: string, change?: (persona: Json) => void): FormContext {
  const persona = personaOf(name);
  change?.(persona);
  return { ...persona, catalog: CATALOG } as FormContext;
}

/** Context member → the file of examples/data/schemas describing it. */
export const SOURCE_SCHEMA_FILES: Readonly<Record<string, string>> = {
  citizen: "citizen.schema.json",
  household: "household.schema.json",
  drivingLicence: "driving-licence.schema.json",
  business: "business.schema.json",
  catalog: "catalog.schema.json",
};

/** The example schema of a source. */
export const sourceSchema = (member: string): Json => readJson(`examples/data/schemas/${SOURCE_SCHEMA_FILES[member]}`);

/** The registers of examples/data/registers, by the name registers.mjs takes them, and their files and schemas. */
export const REGISTER_FILES: Readonly<Record<string, { readonly data: string; readonly schema: string }>> = {
  population: { data: "population.json", schema: "population.schema.json" },
  consents: { data: "consents.json", schema: "consents.schema.json" },
  businessHouseholds: { data: "business-households.json", schema: "business-households.schema.json" },
};

/** The data of the registers (a fresh copy). */
export function registerData(): { population: Json; consents: Json; businessHouseholds: Json } {
  const read = (name: string) => readJson(`examples/data/registers/${REGISTER_FILES[name]!.data}`);
  return { population: read("population"), consents: read("consents"), businessHouseholds: read("businessHouseholds") };
}

/** The example schema of a register file. */
export const registerSchema = (name: string): Json => readJson(`examples/data/schemas/${REGISTER_FILES[name]!.schema}`);

/**
 * The schema of what the example server answers for a lookup: a person of the population register with
 * the time they consented, or a business household of the business register.
 */
export function lookupRecordSchema(lookup: string): Json {
  if (lookup === "otherParty") {
    const person = structuredClone(registerSchema("population").properties.persons.items);
    person.properties.consentedAt = registerSchema("consents").properties.consents.items.properties.consentedAt;
    person.required.push("consentedAt");
    return person;
  }
  if (lookup === "businessName") return registerSchema("businessHouseholds").properties.households.items;
  throw new Error(`no example register answers the lookup ${lookup}`);
}

/**
 * The options that answer a procedure's lookups as the example server answers them for a persona
 * (examples/server/registers.mjs over examples/data/registers), with no debounce. `change` edits a copy
 * of the registers first (a divorced other party, a name already taken).
 */
export function lookupsFor(persona: string, change?: (registers: ReturnType<typeof registerData>) => void): ExampleLookups {
  return registerLookups(personaOf(persona).citizen.personalId, change);
}

/** The lookups of a form and of its back-end check, answered by the example registers. */
export interface ExampleLookups {
  readonly lookup: LookupResolver;
  readonly lookupDelay: number;
}

/** As `lookupsFor`, for the signed-in citizen whose personal ID is `viewer`. */
export function registerLookups(viewer: string | undefined, change?: (registers: ReturnType<typeof registerData>) => void): ExampleLookups {
  const data = registerData();
  change?.(data);
  return { lookup: registerResolver(createRegisters(data as never), viewer), lookupDelay: 0 };
}

/** A person of the population register, by personal ID, in `registers` (to change it). */
export const personIn = (registers: ReturnType<typeof registerData>, personalId: string): Json => {
  const person = registers.population.persons.find((p: Json) => p.personalId === personalId);
  if (!person) throw new Error(`no person ${personalId} in the population register`);
  return person;
};

/** An ajv for draft 2020-12 with the standard formats and tokhai's. */
export function exampleAjv(options: { strict: boolean; strictRequired?: boolean }): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: options.strict, ...(options.strictRequired === undefined ? {} : { strictRequired: options.strictRequired }) });
  addFormats(ajv);
  for (const [name, re] of Object.entries(TOKHAI_FORMATS)) ajv.addFormat(name, re);
  return ajv;
}

/** A file answer gives the file's name and type; its size comes from the browser. */
export type FileAnswer = { readonly name: string; readonly type: string };
export type Answer = string | number | boolean | FileAnswer;
export interface PersonaPlan {
  /** What the citizen types: JSON pointer → value. */
  readonly answers?: Readonly<Record<string, Answer>>;
  /**
   * The procedure has no service for this persona: after the steps before it, the exit page `step` is
   * shown in place of the remaining steps, and nothing can be submitted.
   */
  readonly exit?: { readonly step: string };
}
export interface AnswerFile {
  readonly samplePersona: string;
  readonly personas: Readonly<Record<string, PersonaPlan>>;
}

/** test/e2e/answers/<procedure>.json. */
export const answersOf = (procedure: string): AnswerFile => readJson(`test/e2e/answers/${procedure}.json`) as AnswerFile;

/** The size a file answer is given when set on a core form. */
export const FILE_SIZE = 1234;

/** Sets answers on a core form in order, as the citizen would: rows of a repeat are added as needed, files get a size. */
export async function fillAnswers(form: Form, answers: Readonly<Record<string, unknown>>): Promise<void> {
  for (const [pointer, value] of Object.entries(answers)) {
    const row = /^(.*)\/(\d+)\/[^/]+$/.exec(pointer);
    if (row) {
      while (((form.get(row[1]!) as unknown[] | undefined) ?? []).length <= Number(row[2])) form.addRow(row[1]!);
    }
    form.set(pointer, value !== null && typeof value === "object" ? { ...value, size: FILE_SIZE } : value);
    await form.settled();
  }
}
