/**
 * Behaviour of `loadProcedure(document | jsonText, options?)`: every load-time problem is reported in
 * one `ProcedureError`, each with the JSON pointer of the offending keyword and, for expressions, the
 * 0-based position in the expression text; a valid document becomes a compiled Procedure.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createForm, loadProcedure, ProcedureError, type Procedure, type ProcedureProblem } from "@tokhai/core";

/** Reads without their positions in the text (the commune test asserts a position). */
const readsOf = (e: { reads: readonly { pointer: string; level: number }[] }) => e.reads.map(({ pointer, level }) => ({ pointer, level }));

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

const ID = "vn.test.load-procedure";

const citizen = {
  title: "Dân cư",
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string" },
      personalId: { type: "string" },
      birthDate: { type: "string", format: "date" },
      address: { type: "object", properties: { province: { type: "string" }, commune: { type: "string" } } },
    },
  },
};

const household = {
  schema: {
    type: "object",
    properties: {
      members: {
        type: "array",
        items: { type: "object", properties: { fullName: { type: "string" }, personalId: { type: "string" } } },
      },
    },
  },
};

/** A minimal valid procedure around `schema`, with the `citizen` source unless `extra.sources` says otherwise. */
function procedure(schema: unknown, extra: Json = {}): Json {
  return { id: ID, version: "1.0.0", title: "Thử nghiệm", sources: { citizen }, schema, ...extra };
}

/** An object schema with the given properties. */
function obj(properties: Json, more: Json = {}): Json {
  return { type: "object", properties, ...more };
}

/** An array of objects with the given item properties. */
function arrayOf(properties: Json, more: Json = {}): Json {
  return { type: "array", items: obj(properties), ...more };
}

/** A form with one string field `a` carrying `keywords`, beside `others`. */
function field(keywords: Json, others: Json = {}): Json {
  return procedure(obj({ a: { type: "string", ...keywords }, ...others }));
}

/** Loads `input`, expects it to be rejected with a ProcedureError, and returns the problems. */
async function problemsOf(input: unknown, options?: Parameters<typeof loadProcedure>[1]): Promise<readonly ProcedureProblem[]> {
  const error = await errorOf(input, options);
  expect(error.problems.length).toBeGreaterThan(0);
  return error.problems;
}

async function errorOf(input: unknown, options?: Parameters<typeof loadProcedure>[1]): Promise<ProcedureError> {
  let loaded: Procedure | undefined;
  try {
    loaded = await loadProcedure(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ProcedureError);
    return error as ProcedureError;
  }
  throw new Error(`expected loadProcedure to reject, but it loaded ${loaded?.id}`);
}

/** Expects exactly one problem and returns it. */
async function oneProblem(input: unknown): Promise<ProcedureProblem> {
  const problems = await problemsOf(input);
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return problems[0]!;
}

/** Expects every problem to be at `pointer`, with at least one of `code`, and returns those of `code`. */
function ofCode(problems: readonly ProcedureProblem[], code: string): ProcedureProblem[] {
  const found = problems.filter((p) => p.code === code);
  expect(found, `no "${code}" problem in ${JSON.stringify(problems, null, 2)}`).not.toHaveLength(0);
  return found;
}

const residenceText = readFileSync(new URL("../../../examples/procedures/dang-ky-thuong-tru.json", import.meta.url), "utf8");

// ---------------------------------------------------------------------------------------------
// 1-2. JSON text and the shape of the document
// ---------------------------------------------------------------------------------------------

describe("JSON text", () => {
  it("loads a procedure given as JSON text", async () => {
    const loaded = await loadProcedure(JSON.stringify(field({ "x-prefill": "$citizen.fullName" })));
    expect(loaded.id).toBe(ID);
    expect(loaded.expressions.map((e) => e.keywordPointer)).toEqual(["/schema/properties/a/x-prefill"]);
  });

  // Each text: [what, text, line, column] — line and column (1-based) of the offending character.
  it.each([
    ["a trailing comma", '{\n  "id": "a",\n}', 3, 1],
    ["a truncated document", '{\n  "id": "a",', 2, 13],
    ["a missing value", '{\n  "id": "a",\n  "version": }', 3, 14],
    ["a single-quoted string", "{\n  \"id\": 'a'\n}", 2, 9],
  ])("rejects text that is not JSON (%s) with code json and the line and column", async (_what, text, line, column) => {
    const problem = await oneProblem(text);
    expect(problem.pointer).toBe("");
    expect(problem.code).toBe("json");
    expect(problem.message).toContain(`line ${line}, column ${column}`);
  });
});

describe("the document", () => {
  it.each([
    ["an array", [1, 2]],
    ["null", null],
    ["a number", 42],
    ["a boolean", true],
    ["JSON text of a string", '"procedure"'],
    ["JSON text of an array", "[]"],
  ])("must be an object, not %s", async (_what, input) => {
    const problem = await oneProblem(input);
    expect(problem).toMatchObject({ pointer: "", code: "document" });
    expect(problem.message).toMatch(/object/);
  });

  it("must have a schema", async () => {
    const { schema: _schema, ...withoutSchema } = procedure(obj({}));
    const problem = await oneProblem(withoutSchema);
    expect(problem).toMatchObject({ pointer: "/schema", code: "document" });
    expect(problem.message).toContain("schema");
  });

  it("lists every missing required property of an empty document", async () => {
    const problems = await problemsOf({});
    expect(problems.map((p) => p.pointer).sort()).toEqual(["/id", "/schema", "/title", "/version"]);
    for (const p of problems) expect(p.code).toBe("document");
  });

  it("rejects a schema that is not a schema object", async () => {
    const problem = await oneProblem(procedure("text"));
    expect(problem).toMatchObject({ pointer: "/schema", code: "document" });
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Meta-schema violations
// ---------------------------------------------------------------------------------------------

describe("meta-schema", () => {
  it.each(["Vn.Test", "tờ-khai", "vn..test", "vn test"])("rejects the id %j", async (id) => {
    const problem = await oneProblem({ ...procedure(obj({})), id });
    expect(problem).toMatchObject({ pointer: "/id", code: "document" });
    expect(problem.message).toMatch(/pattern/);
  });

  it.each(["1.0", "v1.0.0", "1.0.0.0", "1.x.0"])("rejects the version %j (not semver)", async (version) => {
    const problem = await oneProblem({ ...procedure(obj({})), version });
    expect(problem).toMatchObject({ pointer: "/version", code: "document" });
  });

  it("accepts a semver pre-release version", async () => {
    const loaded = await loadProcedure({ ...procedure(obj({})), version: "2.1.0-rc.1" });
    expect(loaded.version).toBe("2.1.0-rc.1");
    expect(loaded.major).toBe(2);
  });

  it("rejects an unknown top-level property, naming it", async () => {
    const problem = await oneProblem({ ...procedure(obj({})), titel: "Tờ khai" });
    expect(problem).toMatchObject({ pointer: "/titel", code: "document" });
    expect(problem.message).toContain("titel");
  });

  it("rejects a typo'd tokhai keyword such as x-prefil", async () => {
    const problem = await oneProblem(field({ "x-prefil": "$citizen.fullName" }));
    expect(problem.pointer).toBe("/schema/properties/a/x-prefil");
    expect(problem.code).toBe("document");
    expect(problem.message).toContain("x-prefil");
  });

  it("rejects a typo'd tokhai keyword deep inside arrays and $defs", async () => {
    const problems = await problemsOf(
      procedure({
        ...obj({ members: arrayOf({ name: { type: "string", "x-visibel": "true" } }) }),
        $defs: { address: obj({ province: { type: "string", "x-optons": "[]" } }) },
      }),
    );
    expect(problems.map((p) => p.pointer).sort()).toEqual([
      "/schema/$defs/address/properties/province/x-optons",
      "/schema/properties/members/items/properties/name/x-visibel",
    ]);
  });

  it('rejects x-lock: "yes" (x-lock is a boolean)', async () => {
    const problem = await oneProblem(field({ "x-prefill": "$citizen.fullName", "x-lock": "yes" }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-lock", code: "document" });
    expect(problem.message).toMatch(/boolean/);
  });

  it("rejects an expression that is not a string", async () => {
    const problem = await oneProblem(field({ "x-compute": 42 }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-compute", code: "document" });
    expect(problem.message).toMatch(/string/);
  });

  it("rejects a step whose fields are not a list, with a condition, as a located problem, not a TypeError", async () => {
    // Found by the property test (seed 382323881: /steps/2/fields = 0 in the driving licence example).
    const document = {
      id: "vn.test.steps",
      version: "1.0.0",
      title: "Thử",
      schema: { type: "object", properties: { a: { type: "string" } } },
      steps: [{ id: "one", title: "Một", fields: 0, "x-visible": "a = 'x'" }],
    };
    const error = await loadProcedure(document).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcedureError);
    expect((error as ProcedureError).problems.map((p) => p.pointer)).toContain("/steps/0/fields");
  });

  it("rejects an unknown x-widget", async () => {
    const problem = await oneProblem(field({ "x-widget": "dropdown" }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-widget", code: "document" });
    expect(problem.message).toContain("select");
  });

  it("rejects a rule without a message", async () => {
    const problem = await oneProblem(field({ "x-rules": [{ assert: "true" }] }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-rules/0/message", code: "document" });
  });

  it.each(["value", "row", "index", "today", "user", "computed", "default"])(
    "rejects the reserved source name %j",
    async (name) => {
      const problems = await problemsOf(procedure(obj({}), { sources: { [name]: citizen } }));
      for (const p of problems) expect(p.pointer).toBe(`/sources/${name}`);
      const [reserved] = ofCode(problems, "reserved-source");
      expect(reserved!.message).toContain(`"${name}"`);
    },
  );

  it.each(["sum", "string", "now"])("rejects a source named like the JSONata function $%s()", async (name) => {
    const problem = await oneProblem(procedure(obj({}), { sources: { [name]: citizen } }));
    expect(problem).toMatchObject({ pointer: `/sources/${name}`, code: "reserved-source" });
    expect(problem.message).toContain(`$${name}()`);
  });

  it("rejects a source name that cannot be a JSONata variable", async () => {
    const problem = await oneProblem(procedure(obj({}), { sources: { "dân-cư": citizen } }));
    expect(problem).toMatchObject({ pointer: "/sources/dân-cư", code: "document" });
    expect(problem.message).toContain("dân-cư");
  });

  it("rejects a source without a schema", async () => {
    const problem = await oneProblem(procedure(obj({}), { sources: { citizen: { title: "Dân cư" } } }));
    expect(problem).toMatchObject({ pointer: "/sources/citizen/schema", code: "document" });
  });
});

// ---------------------------------------------------------------------------------------------
// 3-4. JSON Schema validity, unknown keywords and formats
// ---------------------------------------------------------------------------------------------

describe("JSON Schema", () => {
  it('rejects "type": "strnig" with a pointer to the type', async () => {
    const problems = await problemsOf(procedure(obj({ a: { type: "strnig" } })));
    for (const p of problems) expect(p).toMatchObject({ pointer: "/schema/properties/a/type", code: "json-schema" });
  });

  it('rejects "minLength": -1', async () => {
    const problem = await oneProblem(procedure(obj({ a: { type: "string", minLength: -1 } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/minLength", code: "json-schema" });
    expect(problem.message).toMatch(/>= 0/);
  });

  it("rejects an invalid source schema with a pointer inside /sources", async () => {
    const bad = { schema: obj({ fullName: { type: "text" } }) };
    const problems = await problemsOf(procedure(obj({}), { sources: { citizen: bad } }));
    for (const p of problems) {
      expect(p).toMatchObject({ pointer: "/sources/citizen/schema/properties/fullName/type", code: "json-schema" });
    }
  });

  it("reports a typo'd JSON Schema keyword (maxLenght) as unknown-keyword", async () => {
    const problem = await oneProblem(procedure(obj({ a: { type: "string", maxLenght: 10 } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/maxLenght", code: "unknown-keyword" });
    expect(problem.message).toContain("maxLenght");
  });

  it("reports unknown keywords in array items and the root", async () => {
    const problems = await problemsOf(procedure({ ...obj({ m: arrayOf({ n: { type: "string", minimun: 1 } }) }), requried: ["m"] }));
    expect(problems.map((p) => [p.pointer, p.code]).sort()).toEqual([
      ["/schema/properties/m/items/properties/n/minimun", "unknown-keyword"],
      ["/schema/requried", "unknown-keyword"],
    ]);
  });

  it("reports an unknown format as unknown-format, naming it", async () => {
    const problem = await oneProblem(procedure(obj({ a: { type: "string", format: "phone" } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/format", code: "unknown-format" });
    expect(problem.message).toContain('"phone"');
    expect(problem.message).toContain("vn-phone"); // suggests the known ones
  });

  it("reports a pattern that is not a regular expression at its pattern, with the engine's reason", async () => {
    const problem = await oneProblem(procedure(obj({ a: { type: "string", pattern: "^(\\d+$" } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/pattern", code: "pattern" });
    expect(problem.message).toMatch(/not a valid regular expression: .+/);
  });

  it("reports a patternProperties key that is not a regular expression, escaped in the pointer", async () => {
    const problem = await oneProblem(procedure(obj({ a: { type: "object", patternProperties: { "^a/[": { type: "string" } } } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/patternProperties/^a~1[", code: "pattern" });
  });

  it("compiles patterns as ajv does, with Unicode semantics", async () => {
    // Valid without the u flag, a syntax error with it: the check must match what the validator will run.
    const problem = await oneProblem(procedure(obj({ a: { type: "string", pattern: "\\-x{" } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/pattern", code: "pattern" });
    const loaded = await loadProcedure(procedure(obj({ a: { type: "string", pattern: "^\\p{L}+$" } })));
    expect(loaded.validateData({ a: "Nguyễn" })).toBe(true);
    expect(loaded.validateData({ a: "N1" })).toBe(false);
  });

  it("accepts standard and tokhai formats", async () => {
    const formats = ["date", "email", "date-time", "uri", "vn-personal-id", "vn-phone", "vn-tax-code"];
    const properties = Object.fromEntries(formats.map((f, i) => [`f${i}`, { type: "string", format: f }]));
    await expect(loadProcedure(procedure(obj(properties)))).resolves.toMatchObject({ id: ID });
  });

  it("escapes / and ~ of property names in pointers", async () => {
    const problems = await problemsOf(procedure(obj({ "a/b": { type: "string", maxLenght: 1 }, "c~d": { type: "string", "x-prefil": "x" } })));
    expect(problems.map((p) => p.pointer).sort()).toEqual(["/schema/properties/a~1b/maxLenght", "/schema/properties/c~0d/x-prefil"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Expression syntax
// ---------------------------------------------------------------------------------------------

describe("expression syntax", () => {
  it("reports a syntax error with the keyword pointer, the position and the text", async () => {
    const text = "applicant.fullName + + 2";
    const problem = await oneProblem(field({ "x-compute": text }));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/a/x-compute",
      code: "expression-syntax",
      position: text.indexOf("+ 2"),
      expression: text,
    });
    expect(problem.message).toContain("x-compute");
  });

  it("points at an unknown operator", async () => {
    const text = "a ! 'x'";
    const problem = await oneProblem(field({ "x-visible": text }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-visible", code: "expression-syntax", position: text.indexOf("!") });
  });

  it("locates a syntax error in a rule's assert", async () => {
    const text = "a = ]";
    const problem = await oneProblem(field({ "x-rules": [{ assert: "true", message: "ok" }, { assert: text, message: "sai" }] }));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/a/x-rules/1/assert",
      code: "expression-syntax",
      position: text.indexOf("]"),
      expression: text,
    });
  });

  it.each([
    ["an unclosed parenthesis", "(1 + 2"],
    ["a dangling operator", "$citizen.fullName +"],
    ["a dangling dot", "applicant."],
  ])("places an end-of-expression error (%s) at the end of the text, not inside it", async (_what, text) => {
    const problem = await oneProblem(field({ "x-compute": text }));
    expect(problem.code).toBe("expression-syntax");
    // The problem is the end of the text (or the last token before it), not an earlier character.
    const lastToken = text.trimEnd().length - 1;
    expect([lastToken, text.length]).toContain(problem.position);
  });
});

// ---------------------------------------------------------------------------------------------
// 6-7. Sources and their paths
// ---------------------------------------------------------------------------------------------

describe("sources", () => {
  it("reports an unknown source at the position of the variable", async () => {
    const text = "$uppercase($citzen.fullName)";
    const problem = await oneProblem(field({ "x-prefill": text }));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/a/x-prefill",
      code: "unknown-source",
      position: text.indexOf("$citzen"),
      expression: text,
    });
    expect(problem.message).toContain("$citzen");
    expect(problem.message).toContain("$citizen"); // the declared sources
  });

  it("reports a source read when the procedure declares no sources", async () => {
    const text = "$citizen.fullName";
    const doc = procedure(obj({ a: { type: "string", "x-prefill": text } }));
    delete doc["sources"];
    const problem = await oneProblem(doc);
    expect(problem).toMatchObject({ code: "unknown-source", position: 0 });
  });

  it("reports a path the source's schema lacks at the position of the segment", async () => {
    const text = "$citizen.fullNam";
    const problem = await oneProblem(field({ "x-prefill": text }));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/a/x-prefill",
      code: "unknown-path",
      position: text.indexOf("fullNam"),
      expression: text,
    });
    expect(problem.message).toContain("fullNam");
    expect(problem.message).toContain("fullName"); // what the source has
  });

  it("reports a nested path the source lacks at the position of the wrong segment", async () => {
    const text = "$citizen.address.provnce";
    const problem = await oneProblem(field({ "x-prefill": text }));
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf("provnce") });
    expect(problem.message).toContain("province");
  });

  it("reports a path through a leaf", async () => {
    const text = "$citizen.fullName.x";
    const problem = await oneProblem(field({ "x-prefill": text }));
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf(".x") + 1 });
    expect(problem.message).toContain("fullName.x");
    expect(problem.message).toContain("string");
  });

  it("follows source paths through arrays", async () => {
    const ok = "$household.members.fullName";
    const bad = "$household.members.fulName";
    const problem = await oneProblem(
      procedure(obj({ a: { type: "array", "x-prefill": ok }, b: { type: "array", "x-prefill": bad } }), { sources: { household } }),
    );
    expect(problem).toMatchObject({ pointer: "/schema/properties/b/x-prefill", code: "unknown-path", position: bad.indexOf("fulName") });
  });

  it("allows any path in a source whose schema leaves it open", async () => {
    const open = { schema: { type: "object" } };
    const loaded = await loadProcedure(
      procedure(obj({ a: { type: "string", "x-prefill": "$extra.anything.deep" } }), { sources: { citizen, extra: open } }),
    );
    expect(loaded.expressions[0]!.sourceReads).toEqual([{ source: "extra", path: ["anything", "deep"] }]);
  });

  it("checks every source read of an expression, each at its own position", async () => {
    const text = "$citizen.fullName & $citizen.adress.province & $citizen.personalId";
    const problem = await oneProblem(field({ "x-prefill": text }));
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf("adress") });
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Paths in the form data
// ---------------------------------------------------------------------------------------------

describe("data paths", () => {
  const applicant = obj({ name: { type: "string" }, "full name": { type: "string" } });
  const members = arrayOf({ fullName: { type: "string" }, age: { type: "integer" } });

  it("reports a data path the form schema lacks", async () => {
    const text = "applicant.nam";
    const problem = await oneProblem(procedure(obj({ applicant, b: { type: "string", "x-compute": text } })));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/b/x-compute",
      code: "unknown-path",
      position: text.indexOf(".nam") + 1,
      expression: text,
    });
    expect(problem.message).toContain("applicant.nam");
    expect(problem.message).toContain("name");
  });

  it("reports an unknown first segment", async () => {
    const text = "$count(membrs)";
    const problem = await oneProblem(procedure(obj({ members, n: { type: "integer", "x-compute": text } })));
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf("membrs") });
    expect(problem.message).toContain("membrs");
  });

  it("follows paths into arrays of objects (members.fulName)", async () => {
    const text = "$count(members.fulName)";
    const problem = await oneProblem(procedure(obj({ members, n: { type: "integer", "x-compute": text } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/n/x-compute", code: "unknown-path", position: text.indexOf("fulName") });
    expect(problem.message).toContain("fullName");
  });

  it("accepts paths into arrays of objects (members.fullName) and records the read", async () => {
    const loaded = await loadProcedure(procedure(obj({ members, n: { type: "string", "x-compute": "$join(members.fullName, ', ')" } })));
    expect(readsOf(loaded.expressions[0]!)).toEqual([{ pointer: "/members/-/fullName", level: 0 }]);
  });

  it("checks paths read through $row", async () => {
    const text = "$row.fulName";
    const problem = await oneProblem(procedure(obj({ members: arrayOf({ fullName: { type: "string" }, label: { type: "string", "x-compute": text } }) })));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/members/items/properties/label/x-compute",
      code: "unknown-path",
      position: text.indexOf("fulName"),
    });
  });

  it("checks paths read through $value", async () => {
    const text = "$count($value.fulName) > 0";
    const problem = await oneProblem(procedure(obj({ members: { ...members, "x-rules": [{ assert: text, message: "m" }] } })));
    expect(problem).toMatchObject({
      pointer: "/schema/properties/members/x-rules/0/assert",
      code: "unknown-path",
      position: text.indexOf("fulName"),
    });
  });

  it("checks paths read from the root through $$ and $, also inside predicates", async () => {
    const inPredicate = "members[fullName = $$.applicant.nme]";
    const viaDollar = "$.applicant.nam";
    const problems = await problemsOf(
      procedure(obj({ applicant, members, b: { type: "array", "x-compute": inPredicate }, c: { type: "string", "x-compute": viaDollar } })),
    );
    expect(problems.map((p) => [p.pointer, p.code, p.position])).toEqual([
      ["/schema/properties/b/x-compute", "unknown-path", inPredicate.indexOf("nme")],
      ["/schema/properties/c/x-compute", "unknown-path", viaDollar.indexOf("nam")],
    ]);
  });

  it("accepts a backtick-quoted name that exists", async () => {
    const loaded = await loadProcedure(procedure(obj({ applicant, b: { type: "string", "x-compute": "applicant.`full name`" } })));
    expect(readsOf(loaded.expressions[0]!)).toEqual([{ pointer: "/applicant/full name", level: 0 }]);
  });

  it("places an unknown backtick-quoted name at its opening backtick (or first letter)", async () => {
    const text = "applicant.`full nam`";
    const problem = await oneProblem(procedure(obj({ applicant, b: { type: "string", "x-compute": text } })));
    expect(problem.code).toBe("unknown-path");
    const backtick = text.indexOf("`full nam`");
    expect([backtick, backtick + 1]).toContain(problem.position);
  });

  it("reads Vietnamese property names at the right position", async () => {
    const text = "chủHộ.họTn";
    const problem = await oneProblem(procedure(obj({ chủHộ: obj({ họTên: { type: "string" } }), b: { type: "string", "x-compute": text } })));
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf("họTn") });
  });
});

// ---------------------------------------------------------------------------------------------
// 9. $row and $index
// ---------------------------------------------------------------------------------------------

describe("$row and $index", () => {
  it("reports $row outside an array", async () => {
    const text = "'#' & $row.b";
    const problem = await oneProblem(procedure(obj({ a: { type: "string", "x-compute": text }, b: { type: "string" } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-compute", code: "row-outside-array", position: text.indexOf("$row") });
    expect(problem.message).toContain("$row");
  });

  it("reports $index outside an array", async () => {
    const text = "1 + $index";
    const problem = await oneProblem(procedure(obj({ a: { type: "integer", "x-compute": text } })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-compute", code: "row-outside-array", position: text.indexOf("$index") });
    expect(problem.message).toContain("$index");
  });

  it("reports $row on an array field itself (it is not inside an item)", async () => {
    const problem = await oneProblem(procedure(obj({ m: arrayOf({ n: { type: "string" } }, { "x-visible": "$exists($row.n)" }) })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/m/x-visible", code: "row-outside-array" });
  });

  it("accepts $row and $index inside array items, reading the same row", async () => {
    const loaded = await loadProcedure(
      procedure(obj({ members: arrayOf({ fullName: { type: "string" }, label: { type: "string", "x-compute": "$string($index + 1) & '. ' & $row.fullName" } }) })),
    );
    const [label] = loaded.expressions;
    expect(readsOf(label!)).toEqual([{ pointer: "/members/-/fullName", level: 1 }]);
    expect(label!.usesIndex).toBe(true);
  });

  it("binds $row to the nearest enclosing item", async () => {
    const text = "$row.head";
    const problem = await oneProblem(
      procedure(obj({ families: arrayOf({ head: { type: "string" }, kids: arrayOf({ name: { type: "string" }, c: { type: "string", "x-compute": text } }) }) })),
    );
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf("head") });
    expect(problem.message).toContain("/families/-/kids/-");
  });

  it("accepts a lambda parameter named $index outside arrays", async () => {
    const loaded = await loadProcedure(
      procedure(obj({ members: arrayOf({ fullName: { type: "string" } }), b: { type: "array", "x-compute": "$map(members, function($m, $index) { $index })" } })),
    );
    expect(loaded.expressions).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 10. Functions
// ---------------------------------------------------------------------------------------------

describe("functions", () => {
  it("forbids $eval", async () => {
    const text = "'x' & $eval('1 + 1')";
    const problem = await oneProblem(field({ "x-compute": text }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-compute", code: "forbidden-function", position: text.indexOf("$eval") });
    expect(problem.message).toContain("$eval");
  });

  it("reports an unknown function", async () => {
    const text = "$uppercase($foo(1))";
    const problem = await oneProblem(field({ "x-compute": text }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-compute", code: "unknown-function", position: text.indexOf("$foo") });
    expect(problem.message).toContain("$foo");
  });

  it("accepts functions bound with := and lambda parameters", async () => {
    const loaded = await loadProcedure(
      procedure(
        obj({
          b: { type: "integer" },
          members: arrayOf({ fullName: { type: "string" } }),
          doubled: { type: "integer", "x-compute": "($double := function($x) { $x * 2 }; $double(b))" },
          names: { type: "array", "x-compute": "$map(members, function($m, $i) { $string($i) & $m.fullName })" },
          firstUpper: { type: "string", "x-compute": "($f := $uppercase; $f($citizen.fullName))" },
        }),
      ),
    );
    expect(loaded.expressions).toHaveLength(3);
    const doubled = loaded.expressions.find((e) => e.node.pointer === "/doubled")!;
    expect(readsOf(doubled)).toEqual([{ pointer: "/b", level: 0 }]);
  });

  it("accepts JSONata built-ins and $today()", async () => {
    const text = "$count(members) > 0 and $today() > '2020-01-01' and $contains($uppercase($citizen.fullName), 'A')";
    await expect(loadProcedure(procedure(obj({ members: arrayOf({ n: { type: "string" } }), a: { type: "boolean", "x-visible": text } })))).resolves.toBeDefined();
  });
});

// ---------------------------------------------------------------------------------------------
// 11. Steps
// ---------------------------------------------------------------------------------------------

describe("steps", () => {
  const schema = obj({ a: { type: "string" }, b: obj({ c: { type: "string" } }), m: arrayOf({ n: { type: "string" } }) });

  it("reports each unknown pointer at /steps/i/fields/j", async () => {
    const problems = await problemsOf(
      procedure(schema, {
        steps: [
          { id: "one", title: "Một", fields: ["/a", "/b/d"] },
          { id: "two", title: "Hai", fields: ["/m/-/n", "/zz", "/m/-/x"] },
        ],
      }),
    );
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ["/steps/0/fields/1", "unknown-pointer"],
      ["/steps/1/fields/1", "unknown-pointer"],
      ["/steps/1/fields/2", "unknown-pointer"],
    ]);
    expect(problems[0]!.message).toContain("/b/d");
  });

  it("reports a pointer that does not start with /", async () => {
    const problems = await problemsOf(procedure(schema, { steps: [{ id: "one", title: "Một", fields: ["/a", "b/c"] }] }));
    for (const p of problems) expect(p.pointer).toBe("/steps/0/fields/1");
    const [bad] = ofCode(problems, "unknown-pointer");
    expect(bad!.message).toContain('"b/c"');
  });

  it("reports duplicate step ids", async () => {
    const problem = await oneProblem(
      procedure(schema, {
        steps: [
          { id: "one", title: "Một", fields: ["/a"] },
          { id: "two", title: "Hai", fields: ["/b"] },
          { id: "one", title: "Ba", fields: ["/m"] },
        ],
      }),
    );
    expect(problem).toMatchObject({ pointer: "/steps/2/id", code: "duplicate-step" });
    expect(problem.message).toContain('"one"');
  });

  it("accepts template pointers with - and pointers behind $ref", async () => {
    const loaded = await loadProcedure(
      procedure(
        { ...obj({ m: arrayOf({ n: { type: "string" } }), home: { $ref: "#/$defs/address" } }), $defs: { address: obj({ province: { type: "string" } }) } },
        { steps: [{ id: "one", title: "Một", fields: ["/m/-/n", "/m", "/home/province"] }] },
      ),
    );
    expect(loaded.steps).toEqual([{ id: "one", title: "Một", fields: ["/m/-/n", "/m", "/home/province"] }]);
  });

  it("defaults to one step with every top-level field when steps is absent", async () => {
    const loaded = await loadProcedure(procedure(schema));
    expect(loaded.steps).toHaveLength(1);
    expect(loaded.steps[0]!.fields).toEqual(["/a", "/b", "/m"]);
    expect(loaded.steps[0]!.title).toBe("Thử nghiệm");
    expect(typeof loaded.steps[0]!.id).toBe("string");
  });

  it("rejects an empty steps list", async () => {
    const problem = await oneProblem(procedure(schema, { steps: [] }));
    expect(problem).toMatchObject({ pointer: "/steps", code: "document" });
  });
});

// ---------------------------------------------------------------------------------------------
// 12. Cycles
// ---------------------------------------------------------------------------------------------

describe("cycles", () => {
  const compute = (text: string) => ({ type: "integer", "x-compute": text });

  it("reports a → b → a, naming both fields", async () => {
    const problem = await oneProblem(procedure(obj({ first: compute("second + 1"), second: compute("first + 1") })));
    expect(problem.code).toBe("cycle");
    expect(["/schema/properties/first/x-compute", "/schema/properties/second/x-compute"]).toContain(problem.pointer);
    expect(problem.message).toContain("/first");
    expect(problem.message).toContain("/second");
  });

  it("reports a 3-cycle once, naming every field", async () => {
    const problem = await oneProblem(procedure(obj({ first: compute("third + 1"), second: compute("first + 1"), third: compute("second + 1"), other: compute("1") })));
    expect(problem.code).toBe("cycle");
    for (const name of ["/first", "/second", "/third"]) expect(problem.message).toContain(name);
    expect(problem.message).not.toContain("/other");
  });

  it("reports a field that reads itself", async () => {
    const problem = await oneProblem(procedure(obj({ total: compute("total + 1") })));
    expect(problem).toMatchObject({ pointer: "/schema/properties/total/x-compute", code: "cycle" });
    expect(problem.message).toContain("/total");
  });

  it("reports a cycle through x-prefill", async () => {
    const problem = await oneProblem(procedure(obj({ first: { type: "integer", "x-prefill": "second" }, second: compute("first * 2") })));
    expect(problem.code).toBe("cycle");
    expect(problem.message).toContain("/first");
    expect(problem.message).toContain("/second");
    expect(problem.message).toContain("x-prefill");
  });

  it("reports a cycle through a computed field inside an object that another computed field reads whole", async () => {
    const problem = await oneProblem(procedure(obj({ box: obj({ inner: compute("$count($keys(outer))") }), outer: { type: "object", "x-compute": "box" } })));
    expect(problem.code).toBe("cycle");
    expect(problem.message).toContain("/box/inner");
    expect(problem.message).toContain("/outer");
  });

  it("reports two independent cycles separately", async () => {
    const problems = await problemsOf(procedure(obj({ a: compute("b"), b: compute("a"), c: compute("d"), d: compute("c") })));
    expect(problems.map((p) => p.code)).toEqual(["cycle", "cycle"]);
  });

  it("finds no cycle in a chain (b reads a, c reads b), whatever the document order", async () => {
    const loaded = await loadProcedure(procedure(obj({ c: compute("b + 1"), b: compute("a + 1"), a: { type: "integer" } })));
    expect(loaded.expressions.map((e) => e.node.pointer)).toEqual(["/b", "/c"]);
  });

  it("finds no cycle when a field's own x-required, x-readonly, x-options and x-rules read its computed value", async () => {
    const loaded = await loadProcedure(
      procedure(
        obj({
          b: { type: "integer" },
          a: {
            ...compute("b + 1"),
            "x-required": "a > 1",
            "x-readonly": "$value > 2",
            "x-options": "[{'value': a, 'label': 'A'}]",
            "x-rules": [{ assert: "a < 10", message: "quá lớn" }],
          },
        }),
      ),
    );
    expect(loaded.expressions).toHaveLength(5);
    expect(loaded.expressions[0]!.keyword).toBe("x-compute");
  });

  it("finds no cycle when a section's visibility reads a field computed from another section", async () => {
    const loaded = await loadProcedure(
      procedure(
        obj({
          applicant: obj({ birthYear: { type: "integer" }, age: compute("2026 - applicant.birthYear") }),
          guardian: obj({ name: { type: "string", "x-prefill": "$citizen.fullName" } }, { "x-visible": "applicant.age < 18" }),
        }),
      ),
    );
    expect(loaded.expressions.map((e) => e.keywordPointer)).toEqual([
      "/schema/properties/applicant/properties/age/x-compute",
      "/schema/properties/guardian/x-visible",
      "/schema/properties/guardian/properties/name/x-prefill",
    ]);
  });

  it("gives the position in the expression of the read that closes the cycle (DESIGN: cycles are located like other expression errors)", async () => {
    const first = "1 + second";
    const problem = await oneProblem(procedure(obj({ first: compute(first), second: compute("first + 1") })));
    expect(problem.pointer).toBe("/schema/properties/first/x-compute");
    expect(problem.expression).toBe(first);
    expect(problem.position).toBe(first.indexOf("second"));
  });
});

// ---------------------------------------------------------------------------------------------
// 13. x-lock
// ---------------------------------------------------------------------------------------------

describe("x-lock", () => {
  it("reports x-lock without x-prefill", async () => {
    const problem = await oneProblem(field({ "x-lock": true }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-lock", code: "lock-without-prefill" });
    expect(problem.message).toContain("x-prefill");
  });

  it("reports x-lock on a computed field without x-prefill", async () => {
    const problem = await oneProblem(field({ "x-compute": "'x'", "x-lock": true }));
    expect(problem).toMatchObject({ pointer: "/schema/properties/a/x-lock", code: "lock-without-prefill" });
  });

  it("accepts x-lock under a prefilled ancestor (object or array)", async () => {
    const loaded = await loadProcedure(
      procedure(
        obj({
          address: obj({ province: { type: "string", "x-lock": true } }, { "x-prefill": "$citizen.address" }),
          members: arrayOf({ fullName: { type: "string", "x-lock": true } }, { "x-prefill": "$household.members" }),
        }),
        { sources: { citizen, household } },
      ),
    );
    expect(loaded.expressions).toHaveLength(2);
  });

  it("accepts x-lock: false without x-prefill", async () => {
    await expect(loadProcedure(field({ "x-lock": false }))).resolves.toBeDefined();
  });
});

// ---------------------------------------------------------------------------------------------
// 14. $ref
// ---------------------------------------------------------------------------------------------

describe("$ref", () => {
  const withAddress = (properties: Json) => ({ ...obj(properties), $defs: { address: obj({ province: { type: "string" }, commune: { type: "string" } }) } });

  it.each(["#/$defs/nope", "#/properties/missing", "https://example.com/address.json", "address.json#/x"])(
    "reports the unresolvable reference %j at its $ref",
    async (ref) => {
      const problem = await oneProblem(procedure(withAddress({ home: { $ref: ref } })));
      expect(problem.pointer).toBe("/schema/properties/home/$ref");
      expect(problem.code).toBe("schema");
      expect(problem.message).toContain(ref);
    },
  );

  it("resolves local references, and expressions read fields behind them", async () => {
    const loaded = await loadProcedure(
      procedure(withAddress({ home: { $ref: "#/$defs/address" }, work: { $ref: "#/$defs/address" }, label: { type: "string", "x-compute": "home.province & work.commune" } })),
    );
    expect(readsOf(loaded.expressions[0]!)).toEqual([
      { pointer: "/home/province", level: 0 },
      { pointer: "/work/commune", level: 0 },
    ]);
  });

  it("reports an unknown path behind a reference", async () => {
    const text = "home.provnce";
    const problem = await oneProblem(procedure(withAddress({ home: { $ref: "#/$defs/address" }, label: { type: "string", "x-compute": text } })));
    expect(problem).toMatchObject({ code: "unknown-path", position: text.indexOf("provnce") });
    expect(problem.message).toContain("province");
  });

  it("locates an error of an expression inside $defs in $defs", async () => {
    const text = "$exists($value.provnce)";
    const problem = await oneProblem(
      procedure({
        ...obj({ home: { $ref: "#/$defs/address" } }),
        $defs: { address: obj({ province: { type: "string" } }, { "x-rules": [{ assert: text, message: "m" }] }) },
      }),
    );
    expect(problem).toMatchObject({ pointer: "/schema/$defs/address/x-rules/0/assert", code: "unknown-path", position: text.indexOf("provnce") });
  });

  it("accepts recursive references", async () => {
    const loaded = await loadProcedure(
      procedure({ ...obj({ tree: { $ref: "#/$defs/node" } }), $defs: { node: obj({ name: { type: "string" }, children: { type: "array", items: { $ref: "#/$defs/node" } } }) } }),
    );
    expect(loaded.fields.map((f) => f.pointer)).toContain("/tree/children/-");
  });
});

// ---------------------------------------------------------------------------------------------
// 15-16. Many problems at once; the ProcedureError
// ---------------------------------------------------------------------------------------------

describe("many problems at once", () => {
  const fullNameText = "$citizen.fullNam";
  const labelText = "'Ông/bà ' & $citzen.fullName";
  const fiveProblems = (): Json =>
    procedure(
      obj({
        fullName: { type: "string", "x-prefill": fullNameText },
        label: { type: "string", "x-compute": labelText },
        phone: { type: "string", maxLenght: 10 },
        personalId: { type: "string", "x-lock": true },
      }),
      { steps: [{ id: "main", title: "Tờ khai", fields: ["/fullName", "/phon"] }] },
    );
  const byPointer = (problems: readonly ProcedureProblem[]) =>
    problems.map((p) => [p.pointer, p.code, p.position]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it("reports five different problems in one error", async () => {
    const problems = await problemsOf(fiveProblems());
    expect(byPointer(problems)).toEqual([
      ["/schema/properties/fullName/x-prefill", "unknown-path", fullNameText.indexOf("fullNam")],
      ["/schema/properties/label/x-compute", "unknown-source", labelText.indexOf("$citzen")],
      ["/schema/properties/personalId/x-lock", "lock-without-prefill", undefined],
      ["/schema/properties/phone/maxLenght", "unknown-keyword", undefined],
      ["/steps/0/fields/1", "unknown-pointer", undefined],
    ]);
  });

  it("reports meta-schema problems and cycles together with the others", async () => {
    const doc = fiveProblems();
    doc["version"] = "1.0";
    const schema = doc["schema"] as { properties: Json };
    schema.properties["total"] = { type: "integer", "x-compute": "total + 1" };
    const problems = await problemsOf(doc);
    expect(problems.map((p) => p.code).sort()).toEqual(
      ["cycle", "document", "lock-without-prefill", "unknown-keyword", "unknown-path", "unknown-pointer", "unknown-source"],
    );
    expect(problems.find((p) => p.code === "document")!.pointer).toBe("/version");
    expect(problems.find((p) => p.code === "cycle")!.pointer).toBe("/schema/properties/total/x-compute");
  });
});

describe("ProcedureError", () => {
  it("is an Error named ProcedureError whose message lists every pointer and position", async () => {
    const prefill = "$citizen.fullNam";
    const compute = "1 + $foo()";
    const error = await errorOf(procedure(obj({ a: { type: "string", "x-prefill": prefill }, b: { type: "string", "x-compute": compute, maxLenght: 1 } })));
    expect(error).toBeInstanceOf(ProcedureError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ProcedureError");
    expect(error.problems).toHaveLength(3);
    expect(error.message).toContain("3 problems");
    expect(error.message).toContain(ID);
    expect(error.message).toContain(`/schema/properties/a/x-prefill @${prefill.indexOf("fullNam")}`);
    expect(error.message).toContain(`/schema/properties/b/x-compute @${compute.indexOf("$foo")}`);
    expect(error.message).toContain("/schema/properties/b/maxLenght");
    for (const p of error.problems) expect(error.message).toContain(p.message);
  });

  it("gives every problem a pointer, a code and a message; expression problems carry the text", async () => {
    const text = "$citzen.x";
    const error = await errorOf(field({ "x-prefill": text, maxLenght: 2 }));
    for (const p of error.problems) {
      expect(typeof p.pointer).toBe("string");
      expect(p.code).toMatch(/^[a-z-]+$/);
      expect(p.message.length).toBeGreaterThan(10);
    }
    expect(error.problems.find((p) => p.code === "unknown-source")).toMatchObject({ expression: text, position: 0 });
    expect(error.problems.find((p) => p.code === "unknown-keyword")!.position).toBeUndefined();
  });

  it("can be constructed and caught by hosts", () => {
    const error = new ProcedureError([{ pointer: "/x", code: "document", message: "boom" }]);
    expect(error).toBeInstanceOf(ProcedureError);
    expect(error.name).toBe("ProcedureError");
    expect(error.message).toContain("/x: boom");
  });
});

// ---------------------------------------------------------------------------------------------
// Loaded procedures
// ---------------------------------------------------------------------------------------------

describe("a loaded procedure", () => {
  it("loads the residence fixture", async () => {
    const loaded = await loadProcedure(JSON.parse(residenceText));
    expect(loaded.id).toBe("vn.cu-tru.dang-ky-thuong-tru");
    expect(loaded.version).toBe("1.0.0");
    expect(loaded.major).toBe(1);
    expect(loaded.defaultLocale).toBe("vi");
    expect(loaded.sourceNames).toEqual(["citizen", "household", "catalog"]);
    expect(loaded.steps.map((s) => s.id)).toEqual(["applicant", "newAddress", "household", "fee"]);
    expect(typeof loaded.validateData).toBe("function");
  });

  it("loads the residence fixture from its JSON text", async () => {
    const loaded = await loadProcedure(residenceText);
    expect(loaded.id).toBe("vn.cu-tru.dang-ky-thuong-tru");
    expect(loaded.document).toEqual(JSON.parse(residenceText));
  });

  it("analyses what an expression reads (the commune options read the chosen province)", async () => {
    const loaded = await loadProcedure(residenceText);
    const commune = loaded.expressions.find((e) => e.keywordPointer === "/schema/properties/newAddress/properties/commune/x-options")!;
    expect(commune.keyword).toBe("x-options");
    expect(commune.node.pointer).toBe("/newAddress/commune");
    expect(readsOf(commune)).toContainEqual({ pointer: "/newAddress/province", level: 0 });
    expect(commune.reads.find((r) => r.pointer === "/newAddress/province")!.position).toBe(commune.text.indexOf("$$.newAddress.province"));
    expect(commune.sourceReads).toContainEqual({ source: "catalog", path: ["provinces"] });
    const fee = loaded.expressions.find((e) => e.keywordPointer === "/schema/properties/fee/x-compute")!;
    expect(readsOf(fee)).toEqual([{ pointer: "/feeExempt", level: 0 }]);
    const fullName = loaded.expressions.find((e) => e.keywordPointer === "/schema/properties/applicant/properties/fullName/x-prefill")!;
    expect(readsOf(fullName)).toEqual([]);
    expect(fullName.sourceReads).toEqual([{ source: "citizen", path: ["fullName"] }]);
  });

  it("orders expressions by dependency, whatever the document order", async () => {
    const loaded = await loadProcedure(
      procedure(
        obj({
          total: { type: "integer", "x-compute": "subtotal + tax" },
          tax: { type: "integer", "x-compute": "$round(subtotal / 10)" },
          note: { type: "string", "x-visible": "total > 100" },
          subtotal: { type: "integer", "x-compute": "$sum(items.price)" },
          items: arrayOf({ price: { type: "integer" } }),
        }),
      ),
    );
    const order = loaded.expressions.map((e) => e.node.pointer);
    expect(order.indexOf("/subtotal")).toBeLessThan(order.indexOf("/tax"));
    expect(order.indexOf("/tax")).toBeLessThan(order.indexOf("/total"));
    expect(order.indexOf("/total")).toBeLessThan(order.indexOf("/note"));
    expect(order).toEqual(["/subtotal", "/tax", "/total", "/note"]);
    loaded.expressions.forEach((e, i) => expect(e.rank).toBe(i));
  });

  it("orders a reader of an object after the computed fields inside it", async () => {
    const loaded = await loadProcedure(
      procedure(obj({ summary: { type: "string", "x-compute": "$string(applicant)" }, applicant: obj({ name: { type: "string", "x-compute": "'An'" } }) })),
    );
    expect(loaded.expressions.map((e) => e.node.pointer)).toEqual(["/applicant/name", "/summary"]);
    expect(readsOf(loaded.expressions[1]!)).toEqual([{ pointer: "/applicant", level: 0 }]);
  });

  it("orders a reader of a field after the prefill of an enclosing object", async () => {
    const loaded = await loadProcedure(
      procedure(obj({ greeting: { type: "string", "x-compute": "'Chào ' & address.province" }, address: obj({ province: { type: "string" } }, { "x-prefill": "$citizen.address" }) })),
    );
    expect(loaded.expressions.map((e) => e.keywordPointer)).toEqual(["/schema/properties/address/x-prefill", "/schema/properties/greeting/x-compute"]);
  });
});

describe("precompiled validators", () => {
  const schema = obj({ a: { type: "string", "x-prefill": "$citizen.fullName" } });

  it("use the given validator and skip meta-schema checking", async () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    // Not valid against the meta-schema (unknown top-level property, bad semver, x- typo): not checked.
    const doc = { ...procedure(obj({ a: { type: "string", "x-prefill": "$citizen.fullName", "x-prefil": "x" } })), notes: "…", version: "1.0.0-" };
    const loaded = await loadProcedure(doc, { validators: { data: validate } });
    expect(loaded.validateData).toBe(validate);
    expect(loaded.expressions).toHaveLength(1);
    // …while without them the same document is rejected.
    const problems = await problemsOf(doc);
    expect(problems.map((p) => p.pointer).sort()).toEqual(["/notes", "/schema/properties/a/x-prefil", "/version"]);
  });

  it("still report expression problems", async () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const text = "$citizen.fullNam";
    const error = await errorOf(field({ "x-prefill": text }), { validators: { data: validate } });
    expect(error.problems).toEqual([expect.objectContaining({ code: "unknown-path", position: text.indexOf("fullNam") })]);
  });

  it("must be for the same procedure and version", async () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const error = await errorOf(procedure(schema), { validators: { data: validate, procedure: { id: ID, version: "2.0.0" } } });
    expect(error.problems).toEqual([expect.objectContaining({ pointer: "/id", code: "validators" })]);
    expect(error.problems[0]!.message).toContain("2.0.0");
    await expect(loadProcedure(procedure(schema), { validators: { data: validate, procedure: { id: ID, version: "1.0.0" } } })).resolves.toBeDefined();
  });
});

describe("deferCompile", () => {
  const schema = obj({ a: { type: "string", maxLength: 3 }, b: { type: "integer" } });

  it("validates exactly as an eager load does, from the first call", async () => {
    const eager = await loadProcedure(procedure(schema));
    const lazy = await loadProcedure(procedure(schema), { deferCompile: true });
    for (const data of [{}, { a: "abcd" }, { a: "ab", b: 1.5 }, { a: "ab", b: 2 }]) {
      expect(lazy.validateData(data)).toBe(eager.validateData(data));
      expect(lazy.validateData.errors ?? null).toEqual(eager.validateData.errors ?? null);
    }
    const form = createForm(lazy);
    form.set("/a", "abcd");
    expect((await form.validate()).map((e) => [e.pointer, e.keyword])).toEqual([["/a", "maxLength"]]);
  });

  it("still reports every document, schema and pattern problem at load", async () => {
    const error = await errorOf(procedure(obj({ a: { type: "string", pattern: "(" }, b: { type: "strin" } })), { deferCompile: true });
    expect([...new Set(error.problems.map((p) => p.pointer))].sort()).toEqual(["/schema/properties/a/pattern", "/schema/properties/b/type"]);
  });

  it("turns a failure of the deferred compilation into the ProcedureError a load would throw, every time", async () => {
    // A pattern inside allOf is not a field of the form, so only the compiler sees it.
    const doc = procedure({ ...obj({ a: { type: "string" } }), allOf: [{ properties: { a: { pattern: "(" } } }] });
    const eager = await errorOf(doc);
    expect(eager.problems).toEqual([expect.objectContaining({ pointer: "/schema", code: "json-schema" })]);
    const lazy = await loadProcedure(doc, { deferCompile: true });
    for (let i = 0; i < 2; i++) {
      let thrown: unknown;
      try {
        lazy.validateData({ a: "x" });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProcedureError);
      expect((thrown as ProcedureError).problems).toEqual(eager.problems);
    }
  });
});

describe("the published meta-schema", () => {
  const require = createRequire(import.meta.url);
  const metaSchema = require("@tokhai/core/procedure.v1.schema.json") as Json;

  it("is importable as @tokhai/core/procedure.v1.schema.json with its $id", () => {
    expect(metaSchema["$id"]).toBe("https://tokhai.dev/schemas/procedure.v1.schema.json");
    expect(metaSchema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("is valid JSON Schema 2020-12 (loadProcedure compiles it without checking it again)", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    expect(ajv.validateSchema(metaSchema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("accepts the residence fixture and rejects a typo'd keyword", () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(metaSchema);
    expect(validate(JSON.parse(residenceText)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(field({ "x-prefil": "$citizen.fullName" }))).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain("/schema/properties/a/x-prefil");
  });
});
