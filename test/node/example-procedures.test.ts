// The example procedures (examples/procedures/) as a procedure designer meets them, through the CLI:
// each passes `tokhai check --strict` (no error, no warning), has complete English texts, and with
// its sample persona (named in test/e2e/answers/<procedure>.json) `tokhai stats` shows that the
// citizen types at most 20 % of the fields shown: the rest comes from the state's data or is computed.
// Its inline source schemas accept every persona, its lookups' inline schemas every record the example
// registers answer, and the example schemas of examples/data/schemas can replace them: every path its
// expressions read exists there.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadProcedure } from "@tokhai/core";
import { createRegisters } from "../../examples/server/registers.mjs";
import { exampleAjv, lookupRecordSchema, PERSONA_NAMES, personaContext, PROCEDURE_NAMES, registerData, sourceSchema } from "./examples.js";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
type Json = Record<string, any>;

const names = PROCEDURE_NAMES;

/** The catalogue as the portal passes it: the whole file is the `catalog` source. */
const UNITS = "catalog=examples/data/administrative-units.json";

/** The procedures' inline source schemas are not strict JSON Schema (they carry titles in two languages). */
const inlineAjv = exampleAjv({ strict: false });

/** Every record the example registers answer for a lookup: each person to whom consent was given, each business household. */
function recordsOf(lookup: string): unknown[] {
  const data = registerData();
  const registers = createRegisters(data as never);
  if (lookup === "otherParty") return data.consents.consents.map((c: Json) => registers.lookup("otherParty", c.personalId, { viewer: c.sharesWith }));
  if (lookup === "businessName") {
    return data.businessHouseholds.households.map((h: Json) => registers.lookup("businessName", { properName: h.name.slice("Hộ kinh doanh ".length), communeCode: h.communeCode }));
  }
  throw new Error(`no example register answers the lookup ${lookup}`);
}

describe("the example procedures", () => {
  it("are the five procedures of the examples", () => {
    expect(names).toEqual(["cap-doi-giay-phep-lai-xe", "dang-ky-ho-kinh-doanh", "dang-ky-ket-hon", "dang-ky-khai-sinh", "dang-ky-thuong-tru"]);
  });

  it("pass tokhai check --strict: no error and no warning", async () => {
    const { code, stdout, stderr } = await tokhai("check", "--strict", ...names.map((n) => `examples/procedures/${n}.json`));
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(`✔ ${names.length} procedures checked: no problems`);
  });

  describe.each(names)("%s", (name) => {
    const document: Json = JSON.parse(readFileSync(`${root}/examples/procedures/${name}.json`, "utf8"));
    const answers = `${root}/test/e2e/answers/${name}.json`;
    const sample: string | undefined = existsSync(answers) ? JSON.parse(readFileSync(answers, "utf8")).samplePersona : undefined;

    it("has a Vietnamese title, steps, and an English title for the procedure and each step", () => {
      expect(document.defaultLocale).toBe("vi");
      expect(document.title).toEqual(expect.any(String));
      expect(document.i18n?.en?.title).toEqual(expect.any(String));
      expect(document.steps.length).toBeGreaterThanOrEqual(2);
      for (const step of document.steps) expect(document.i18n.en.steps?.[step.id]?.title, `step ${step.id}`).toEqual(expect.any(String));
    });

    it("gives every titled field an English title", () => {
      const missing: string[] = [];
      const walk = (schema: Json, pointer: string) => {
        if (schema.title !== undefined && pointer !== "" && document.i18n.en[pointer]?.title === undefined) missing.push(pointer);
        for (const [key, child] of Object.entries<Json>(schema.properties ?? {})) walk(child, `${pointer}/${key}`);
        if (schema.items && typeof schema.items === "object") walk(schema.items, `${pointer}/-`);
      };
      walk(document.schema, "");
      expect(missing).toEqual([]);
    });

    it.each(PERSONA_NAMES)("its inline source schemas accept the data of %s and the catalogue", (persona) => {
      const context = personaContext(persona) as Json;
      for (const [member, source] of Object.entries<Json>(document.sources ?? {})) {
        expect(context[member], `${persona} has ${member}`).toBeDefined();
        const validate = inlineAjv.compile(source.schema);
        expect(validate(context[member]) ? [] : validate.errors, `${persona}.${member}`).toEqual([]);
      }
    });

    it("its lookups' inline schemas accept every record the example registers answer", () => {
      for (const [name, lookup] of Object.entries<Json>(document.lookups ?? {})) {
        const validate = inlineAjv.compile(lookup.schema);
        const records = recordsOf(name);
        expect(records.length, name).toBeGreaterThan(0);
        for (const record of records) {
          expect(record, `${name}: a record`).toEqual(expect.any(Object));
          expect(validate(record) ? [] : validate.errors, name).toEqual([]);
        }
      }
    });

    it("loads with the example source and register schemas in place of its inline ones: every path it reads exists there", async () => {
      const copy = structuredClone(document);
      for (const member of Object.keys(copy.sources ?? {})) copy.sources[member].schema = sourceSchema(member);
      for (const name of Object.keys(copy.lookups ?? {})) copy.lookups[name].schema = lookupRecordSchema(name);
      await expect(loadProcedure(copy)).resolves.toBeDefined();
    });

    it("with its sample persona, the citizen types 20 % or less of the fields shown before answering anything", async () => {
      expect(sample, `samplePersona in test/e2e/answers/${name}.json`).toEqual(expect.any(String));
      const { code, stdout, stderr } = await tokhai("stats", `examples/procedures/${name}.json`, "--context", `examples/data/personas/${sample}.json`, "--context", UNITS, "--format", "json");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const { total } = JSON.parse(stdout);
      expect(total.fields - total.hidden).toBeGreaterThan(0);
      // The promise is about what the state knows: the least the citizen types, with their data and no answers
      // yet. What their own situation adds (a rental contract once they say they rent) is the most, reported
      // beside it and bounded by the hidden fields.
      expect(total.typedPercent).toBeLessThanOrEqual(20);
      expect(total.typed / (total.fields - total.hidden)).toBeLessThanOrEqual(0.2);
      expect(total.typedAtMost).toBeGreaterThanOrEqual(total.typed);
      expect(total.typedAtMost).toBeLessThanOrEqual(total.typed + total.revealed + total.mayBeRevealed);
    });
  });
});
