// The example data of examples/data/: the JSON Schemas of the sources a portal passes and of the
// registers the example server looks things up in (examples/data/schemas/), the catalogue of
// administrative units after the 1 July 2025 reorganisation (examples/data/administrative-units.json),
// the personas (examples/data/personas/) and the registers (examples/data/registers/). The data must
// conform to the schemas, hang together (ids, addresses, households, the registers and the personas'
// own records) and work with the existing residence procedure.
import type { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, type FormContext } from "@tokhai/core";
import {
  CATALOG as catalog,
  exampleAjv,
  type Json,
  PERSONA_NAMES as personaNames,
  personaOf,
  readJson,
  REGISTER_FILES,
  registerData,
  registerSchema,
  SOURCE_SCHEMA_FILES,
  sourceSchema,
  TEST_BUDGET,
} from "./examples.js";

/** Every schema of examples/data/schemas: the sources' by context member, the registers' by register. */
const SCHEMA_FILES: Record<string, string> = { ...SOURCE_SCHEMA_FILES, ...Object.fromEntries(Object.entries(REGISTER_FILES).map(([name, f]) => [name, f.schema])) };
const schemas: Record<string, Json> = {
  ...Object.fromEntries(Object.keys(SOURCE_SCHEMA_FILES).map((member) => [member, sourceSchema(member)])),
  ...Object.fromEntries(Object.keys(REGISTER_FILES).map((name) => [name, registerSchema(name)])),
};
const registers = registerData();
const personas: Record<string, Json> = Object.fromEntries(personaNames.map((name) => [name, personaOf(name)]));
const residence = readJson("examples/procedures/dang-ky-thuong-tru.json");

// Strict, but for a `required` under `else` naming a property declared beside it (strictRequired).
const ajv = exampleAjv({ strict: true, strictRequired: false });
const validators = Object.fromEntries(Object.entries(schemas).map(([member, schema]) => [member, ajv.compile(schema)]));

/** ajv's errors in a form that reads well in a failed expectation. */
function errorsOf(validate: ReturnType<Ajv2020["compile"]>, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

type Address = { provinceCode: string; communeCode: string; detail: string };
/** Every address of a persona, with where it is. */
function addressesOf(persona: Json): [string, Address][] {
  const out: [string, Address][] = [];
  const { citizen, business } = persona;
  if (citizen?.permanentAddress) out.push(["citizen.permanentAddress", citizen.permanentAddress]);
  if (citizen?.temporaryAddress) out.push(["citizen.temporaryAddress", citizen.temporaryAddress]);
  (business?.households ?? []).forEach((h: Json, i: number) => out.push([`business.households[${i}].address`, h.address]));
  return out;
}

/** Everyone in a persona whose birth date and sex are known. */
function peopleOf(persona: Json): { where: string; personalId: string; birthDate: string; sex: "M" | "F" }[] {
  const out: { where: string; personalId: string; birthDate: string; sex: "M" | "F" }[] = [];
  const { citizen, household } = persona;
  out.push({ where: "citizen", ...pick(citizen) });
  (household?.members ?? []).forEach((m: Json, i: number) => out.push({ where: `household.members[${i}]`, ...pick(m) }));
  return out;
  function pick(p: Json) {
    return { personalId: p.personalId, birthDate: p.birthDate, sex: p.sex };
  }
}

describe("examples/data/schemas: the JSON Schemas of the sources", () => {
  it.each(Object.entries(SCHEMA_FILES))("%s (%s) is strict JSON Schema 2020-12 with Vietnamese titles", (_member, file) => {
    const schema = schemas[_member]!;
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title, file).toEqual(expect.any(String));
    expect(schema.description, file).toEqual(expect.any(String));
    // Strict: every object schema closes its properties and titles them.
    const open: string[] = [];
    const untitled: string[] = [];
    (function walk(node: unknown, pointer: string) {
      if (!node || typeof node !== "object") return;
      const n = node as Json;
      if (n.type === "object" && n.additionalProperties !== false) open.push(pointer);
      for (const [name, child] of Object.entries((n.properties ?? {}) as Json)) {
        if (typeof (child as Json).title !== "string") untitled.push(`${pointer}/properties/${name}`);
        walk(child, `${pointer}/properties/${name}`);
      }
      if (n.items) walk(n.items, `${pointer}/items`);
    })(schema, "");
    expect(open, "object schemas without additionalProperties: false").toEqual([]);
    expect(untitled, "properties without a title").toEqual([]);
  });
});

describe("examples/data/administrative-units.json: the catalogue", () => {
  const provinces: Json[] = catalog.provinces;
  const communes: Json[] = provinces.flatMap((p) => p.communes);

  it("conforms to catalog.schema.json and says that the communes are a sample", () => {
    expect(errorsOf(validators.catalog!, catalog)).toEqual([]);
    expect(catalog.sample).toBe(true);
    expect(catalog.note).toMatch(/MẪU/);
    expect(catalog.note).toMatch(/communes are a sample/);
    expect(schemas.catalog!.description).toMatch(/chỉ là MẪU/);
    expect(catalog.effectiveFrom).toBe("2025-07-01");
  });

  it("has the 34 provincial units in force since 1 July 2025, with unique 2-digit codes and unique names", () => {
    expect(provinces).toHaveLength(34);
    const codes = provinces.map((p) => p.code);
    for (const code of codes) expect(code).toMatch(/^\d{2}$/);
    expect(new Set(codes).size).toBe(34);
    expect(new Set(provinces.map((p) => p.name)).size).toBe(34);
    // Nghị quyết 202/2025/QH15: 28 provinces and 6 centrally-run cities; codes of the 2025 list.
    expect(codes).toEqual([
      "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
      "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96",
    ]);
    const cities = provinces.filter((p) => p.type === "thanh-pho").map((p) => `${p.code} ${p.name}`);
    expect(cities).toEqual([
      "01 Thành phố Hà Nội",
      "31 Thành phố Hải Phòng",
      "46 Thành phố Huế",
      "48 Thành phố Đà Nẵng",
      "79 Thành phố Hồ Chí Minh",
      "92 Thành phố Cần Thơ",
    ]);
    for (const p of provinces) expect(p.name).toMatch(p.type === "thanh-pho" ? /^Thành phố / : /^Tỉnh /);
  });

  it("has a sample of communes for every province, with unique 5-digit codes and names that match their type", () => {
    for (const p of provinces) expect(p.communes.length, p.name).toBeGreaterThanOrEqual(2);
    for (const c of communes) expect(c.code).toMatch(/^\d{5}$/);
    expect(new Set(communes.map((c) => c.code)).size).toBe(communes.length);
    const prefix = { phuong: "Phường ", xa: "Xã ", "dac-khu": "Đặc khu " } as Record<string, string>;
    for (const c of communes) expect(c.name.startsWith(prefix[c.type]!), `${c.code} ${c.name}`).toBe(true);
    for (const p of provinces) expect(new Set(p.communes.map((c: Json) => c.name)).size, p.name).toBe(p.communes.length);
    // Composed Unicode, as the national databases and the procedures' labels use.
    for (const name of [...provinces.map((p) => p.name), ...communes.map((c) => c.name)]) expect(name).toBe(name.normalize("NFC"));
  });
});

describe("examples/data/personas", () => {
  it("has the three personas", () => {
    expect(personaNames).toEqual(["le-thi-mai", "nguyen-van-an", "pham-quoc-huy"]);
  });

  describe.each(personaNames)("%s", (name) => {
    const persona = personas[name]!;

    it("has the members a portal passes (without the catalogue), each valid against its source schema", () => {
      expect(Object.keys(persona)).toEqual(expect.arrayContaining(["citizen", "household", "drivingLicence", "business"]));
      expect(persona).not.toHaveProperty("catalog");
      for (const [member, value] of Object.entries(persona)) {
        expect(validators[member], `no schema for member "${member}"`).toBeDefined();
        expect(errorsOf(validators[member]!, value), member).toEqual([]);
      }
    });

    it("refers only to provinces and communes of the catalogue", () => {
      for (const [where, address] of addressesOf(persona)) {
        const province = catalog.provinces.find((p: Json) => p.code === address.provinceCode);
        expect(province, `${where}: province ${address.provinceCode}`).toBeDefined();
        expect(
          province.communes.some((c: Json) => c.code === address.communeCode),
          `${where}: commune ${address.communeCode} of ${province.name}`,
        ).toBe(true);
      }
    });

    it("gives personal ids that encode each person's sex, century and year of birth", () => {
      for (const { where, personalId, birthDate, sex } of peopleOf(persona)) {
        const province = Number(personalId.slice(0, 3));
        expect(province, `${where}: birth province code`).toBeGreaterThanOrEqual(1);
        expect(province, `${where}: birth province code`).toBeLessThanOrEqual(96);
        const century = Number(birthDate.slice(0, 2));
        const digit = Number(personalId[3]);
        expect(Math.floor(digit / 2), `${where}: century digit of ${personalId}`).toBe(century - 19);
        expect(digit % 2, `${where}: sex digit of ${personalId}`).toBe(sex === "M" ? 0 : 1);
        expect(personalId.slice(4, 6), `${where}: year of ${personalId}`).toBe(birthDate.slice(2, 4));
      }
    });

    it("is consistent: marital status and spouse, household head, licence dates", () => {
      const { citizen, household, drivingLicence } = persona;
      expect(citizen.spouse !== undefined).toBe(citizen.maritalStatus === "married");
      const ids = [household.headPersonalId, ...household.members.map((m: Json) => m.personalId)];
      expect(new Set(ids).size).toBe(ids.length);
      // The citizen is the head or one of the members.
      expect(ids).toContain(citizen.personalId);
      if (household.headPersonalId === citizen.personalId) expect(household.headName).toBe(citizen.fullName);
      for (const licence of drivingLicence.licences) {
        if (licence.expiresOn) expect(licence.expiresOn > licence.issuedOn, licence.number).toBe(true);
        expect(licence.issuedOn > citizen.birthDate, licence.number).toBe(true);
      }
    });
  });

  it("nguyen-van-an heads a household in Hồ Chí Minh City, married to Trần Thị Bình, with a B2 licence due in December 2026, a recent fit health check and a café", () => {
    const { citizen, household, drivingLicence, business } = personas["nguyen-van-an"]!;
    expect(citizen).toMatchObject({ personalId: "001090012345", fullName: "Nguyễn Văn An", maritalStatus: "married", permanentAddress: { provinceCode: "79", communeCode: "26743" } });
    expect(household).toMatchObject({ headPersonalId: citizen.personalId });
    expect(household.members.map((m: Json) => m.relation)).toEqual(["vo", "con", "con"]);
    expect(citizen.spouse).toEqual({ personalId: "079192004567", fullName: "Trần Thị Bình" });
    expect(household.members.find((m: Json) => m.personalId === citizen.spouse.personalId)).toMatchObject({ fullName: "Trần Thị Bình", relation: "vo" });
    const car = drivingLicence.licences.find((l: Json) => l.class === "B2");
    expect(car.expiresOn.slice(0, 7)).toBe("2026-12");
    expect(drivingLicence.healthChecks[0]).toMatchObject({ result: "fit", classes: ["B"] });
    expect(drivingLicence.healthChecks[0].date > "2026-01-01").toBe(true);
    expect(business.households).toHaveLength(1);
    expect(business.households[0].taxCode.startsWith(business.taxCode)).toBe(true);
    expect(business.households[0].businessLines.map((l: Json) => l.code)).toContain("5630");
  });

  it("le-thi-mai is single, lives in Đà Nẵng with her parents, stays temporarily in Hồ Chí Minh, and her car licence has expired", () => {
    const { citizen, household, drivingLicence, business } = personas["le-thi-mai"]!;
    expect(citizen).toMatchObject({ maritalStatus: "single", sex: "F", permanentAddress: { provinceCode: "48" }, temporaryAddress: { provinceCode: "79" } });
    expect(citizen.birthDate.slice(0, 4)).toBe("1998");
    // Her parents as the birth registration of a future child would read them, and as her household records them.
    expect(household.headPersonalId).toBe(citizen.father.personalId);
    expect(household.headName).toBe(citizen.father.fullName);
    expect(household.members.find((m: Json) => m.personalId === citizen.mother.personalId)).toMatchObject({ fullName: citizen.mother.fullName, relation: "vo" });
    expect(household.members.find((m: Json) => m.personalId === citizen.personalId)).toMatchObject({ fullName: citizen.fullName, relation: "con" });
    expect(drivingLicence.licences.map((l: Json) => l.class)).toEqual(["A1", "B2"]);
    expect(drivingLicence.licences[0].expiresOn).toBeUndefined();
    expect(drivingLicence.licences[1].expiresOn < "2026-11-01").toBe(true);
    expect(drivingLicence.healthChecks).toEqual([]);
    expect(business.households).toEqual([]);
  });

  it("pham-quoc-huy has the gaps (no phone, email, spouse, licence, business)", () => {
    const { citizen, household, drivingLicence, business } = personas["pham-quoc-huy"]!;
    for (const missing of ["phone", "email", "spouse", "religion", "temporaryAddress"]) expect(citizen).not.toHaveProperty(missing);
    expect(citizen.father).not.toHaveProperty("personalId");
    expect(citizen.maritalStatus).toBe("single");
    expect(household).toMatchObject({ headPersonalId: citizen.personalId, headName: citizen.fullName, members: [] });
    expect(drivingLicence).toEqual({ licences: [], healthChecks: [] });
    expect(business).toEqual({ households: [] });
    expect(personas["le-thi-mai"]!.citizen.sex).not.toBe(citizen.sex);
  });

  it("carries no data of other people the citizen has not been given: the registers hold it (no registry member)", () => {
    for (const name of personaNames) expect(Object.keys(personas[name]!).sort(), name).toEqual(["business", "citizen", "drivingLicence", "household"]);
  });
});

describe("examples/data/registers: what the example server looks up", () => {
  const persons: Json[] = registers.population.persons;
  const consents: Json[] = registers.consents.consents;
  const households: Json[] = registers.businessHouseholds.households;
  const citizens = personaNames.map((name) => personas[name]!.citizen);

  it.each(Object.entries(REGISTER_FILES))("%s (%s) conforms to its schema", (name) => {
    expect(errorsOf(validators[name]!, registers[name as keyof typeof registers])).toEqual([]);
  });

  it("holds each persona's own record as the population register has it, and one person who is no persona", () => {
    const fields = Object.keys(schemas.population!.properties.persons.items.properties);
    for (const citizen of citizens) {
      const record = persons.find((p) => p.personalId === citizen.personalId);
      expect(record, citizen.fullName).toEqual(Object.fromEntries(fields.filter((f) => citizen[f] !== undefined).map((f) => [f, citizen[f]])));
    }
    expect(new Set(persons.map((p) => p.personalId)).size).toBe(persons.length);
    // Trần Thị Bình, Nguyễn Văn An's wife, as his household records her.
    const an = personas["nguyen-van-an"]!;
    const binh = persons.find((p) => p.personalId === an.citizen.spouse.personalId);
    const member = an.household.members.find((m: Json) => m.personalId === binh?.personalId);
    expect(binh).toMatchObject({ fullName: member.fullName, birthDate: member.birthDate, sex: member.sex, maritalStatus: "married", permanentAddress: an.citizen.permanentAddress });
    for (const p of persons) {
      const province = catalog.provinces.find((c: Json) => c.code === p.permanentAddress.provinceCode);
      expect(province?.communes.some((c: Json) => c.code === p.permanentAddress.communeCode), p.fullName).toBe(true);
      // The personal id encodes the sex, the century and the year of birth.
      expect(Number(p.personalId[3]), p.fullName).toBe((Number(p.birthDate.slice(0, 2)) - 19) * 2 + (p.sex === "M" ? 0 : 1));
      expect(p.personalId.slice(4, 6), p.fullName).toBe(p.birthDate.slice(2, 4));
    }
  });

  it("records that le-thi-mai and pham-quoc-huy agreed to share their records with each other for the marriage registration, and no one else's", () => {
    const [mai, huy] = [personas["le-thi-mai"]!.citizen, personas["pham-quoc-huy"]!.citizen];
    expect(consents.map((c) => [c.personalId, c.sharesWith, c.procedure])).toEqual([
      [mai.personalId, huy.personalId, "vn.ho-tich.dang-ky-ket-hon"],
      [huy.personalId, mai.personalId, "vn.ho-tich.dang-ky-ket-hon"],
    ]);
    for (const c of consents) expect(persons.map((p) => p.personalId)).toEqual(expect.arrayContaining([c.personalId, c.sharesWith]));
  });

  it("holds nguyen-van-an's café among the business households, and every household in a commune of the catalogue", () => {
    const cafe = personas["nguyen-van-an"]!.business.households[0];
    expect(households).toContainEqual({ name: cafe.name, registrationNumber: cafe.registrationNumber, provinceCode: cafe.address.provinceCode, communeCode: cafe.address.communeCode, registeredOn: cafe.registeredOn });
    for (const h of households) {
      const province = catalog.provinces.find((c: Json) => c.code === h.provinceCode);
      expect(province?.communes.some((c: Json) => c.code === h.communeCode), h.name).toBe(true);
      expect(h.name).toBe(h.name.normalize("NFC"));
    }
    expect(new Set(households.map((h) => h.registrationNumber)).size).toBe(households.length);
  });
});

describe("the personas with the permanent residence procedure (dang-ky-thuong-tru.json)", () => {
  // Its source schemas (inline and example) are checked with every procedure's, in example-procedures.test.ts.
  it.each(personaNames)("prefills from %s and cascades the catalogue's communes", async (name) => {
    const procedure = await loadProcedure(residence, { budget: TEST_BUDGET });
    const persona = personas[name]!;
    const context: FormContext = { ...persona, catalog };
    const form = createForm(procedure, { context, now: () => new Date("2026-11-22T08:00:00.000Z") });
    await form.settled();
    expect(form.field("/applicant/personalId")).toMatchObject({ value: persona.citizen.personalId, locked: true });
    expect(form.field("/applicant/fullName")).toMatchObject({ value: persona.citizen.fullName, locked: true });
    expect(form.get("/applicant/phone")).toBe(persona.citizen.phone);
    expect(form.field("/newAddress/province").options).toHaveLength(34);
    const { provinceCode, communeCode } = persona.citizen.permanentAddress;
    form.set("/newAddress/province", provinceCode);
    await form.settled();
    const options = form.field("/newAddress/commune").options!;
    expect(options.map((o) => o.value)).toContain(communeCode);
    const province = catalog.provinces.find((p: Json) => p.code === provinceCode);
    expect(options).toEqual(province.communes.map((c: Json) => ({ value: c.code, label: c.name })));
  });
});
