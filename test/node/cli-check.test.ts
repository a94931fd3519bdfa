// `tokhai check` run as a process, as a designer or a CI job runs it: every error kind located in the
// file (line and column of the JSON text, or of the character inside an expression), lint warnings,
// exit codes and the JSON format.
import { describe, expect, it } from "vitest";
import { tokhai } from "./tokhai-process.js";

const fixture = (name: string) => `test/fixtures/cli/check/${name}.json`;

/** Each broken procedure: the one line `tokhai check` must print for it (file:line:column  pointer  message). */
const BROKEN: [name: string, line: string][] = [
  ["unknown-document-key", ':6:3  /titel  unknown property "titel"'],
  ["bad-json-schema", ':24:18  /schema/properties/phone/type  not valid JSON Schema 2020-12: must be one of "array", "boolean", "integer", "null", "number", "object", "string"'],
  // The end of the expression, inside the string: a ")" is missing there.
  ["expression-syntax", ':18:105  /schema/properties/fullName/x-prefill  syntax error in x-prefill: Expected ")" before end of expression'],
  // The "$" of "$citzen", inside the string.
  ["unknown-source", ":18:75  /schema/properties/fullName/x-prefill  unknown source $citzen (declared sources: $citizen)"],
  // "fullNam" inside "$uppercase($citizen.fullNam)".
  ["unknown-source-path", ':18:95  /schema/properties/fullName/x-prefill  source $citizen has no field "fullNam" (the root has: fullName, birthDate)'],
  // "fullNam" inside the row title's "$row.fullNam": an x-row-title is checked against its array's items.
  ["row-title-path", ':12:30  /schema/properties/children/x-row-title  the row /children/- has no field "fullNam" (/children/- has: fullName, birthDate)'],
  ["cycle", ":24:98  /schema/properties/phone/x-compute  circular dependency: /phone (x-compute) → /note (x-compute) → /phone (x-compute)"],
  ["unknown-step-field", ':28:86  /steps/0/fields/2  no field at "/phon" in the schema'],
  ["duplicate-step", ':30:7  /steps/1/id  another step already has the id "main"'],
  ["lock-without-prefill", ":24:84  /schema/properties/phone/x-lock  x-lock needs an x-prefill on this field or on an enclosing one"],
  ["unknown-format", ':24:62  /schema/properties/phone/format  unknown format "vn-phon"; known formats: '],
  ["unknown-keyword", ':18:111  /schema/properties/fullName/x-prefil  unknown tokhai keyword "x-prefil"'],
  ["bad-pattern", ":24:62  /schema/properties/phone/pattern  not a valid regular expression: "],
  ["reserved-source", ':7:5  /sources/row  "row" is reserved and cannot name a source'],
  // Lookups (issue 17): a path the record's schema lacks, an input reading no field, and an input that
  // depends on the lookup's own result, each located inside its expression.
  ["lookup-path", ':20:85  /schema/properties/spouseName/x-prefill  lookup $spouse has no field "fullNam" (the root has: fullName, birthDate)'],
  ["lookup-input", ':9:17  /lookups/spouse/input  the form has no field "spouseID" (the root has: spouseId, spouseName)'],
  ["lookup-cycle", ":9:17  /lookups/spouse/input  circular dependency: $spouse (lookup input) → /spouseName (x-prefill) → $spouse (lookup input)"],
];

describe("tokhai check", () => {
  it("passes a good procedure and the examples, exit 0", async () => {
    const good = await tokhai("check", fixture("good"), fixture("lookup-good"), "examples/procedures/dang-ky-thuong-tru.json");
    expect(good).toMatchObject({ code: 0, stdout: "" });
    expect(good.stderr).toBe("✔ 3 procedures checked: no problems\n");
  });

  it.each(BROKEN)("locates the problem of %s, exit 1", async (name, line) => {
    const { code, stdout, stderr } = await tokhai("check", fixture(name));
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(fixture(name) + line)).toBe(true);
    expect(stderr).toBe("1 error, 0 warnings in 1 procedure\n");
  });

  it("warns of a lookup nothing reads, at the lookup, exit 0", async () => {
    const { code, stdout } = await tokhai("check", fixture("lookup-unused"));
    expect(code).toBe(0);
    expect(stdout).toBe(`${fixture("lookup-unused")}:7:5  /lookups/spouse  warning: the lookup "spouse" is declared but no expression reads it: the register would be asked for nothing\n`);
  });

  it("says where JSON breaks, exit 2", async () => {
    const { code, stdout, stderr } = await tokhai("check", fixture("not-json"));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`tokhai check: ${fixture("not-json")}:27:3: not valid JSON: a property name in double quotes is expected\n`);
  });

  it("warns of what loads but is a mistake, exit 0 (1 with --strict)", async () => {
    const expected = [
      ':7:5  /sources/business  warning: the source "business" is declared but no expression reads it',
      ':26:68  /schema/properties/channel/enum  warning: the values of "/channel" have no labels',
      ':27:7  /schema/properties/note  warning: no step shows the field "/note"',
      ':29:40  /schema/required/2  warning: "email" is required but "properties" does not define it',
      ':33:7  /i18n/en/~1fulName  warning: no field at "/fulName": this translation is never shown',
    ];
    const { code, stdout, stderr } = await tokhai("check", fixture("warnings"));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(expected.length);
    expected.forEach((line, i) => expect(lines[i]!.startsWith(fixture("warnings") + line), lines[i]).toBe(true));
    expect(stderr).toBe("0 errors, 5 warnings in 1 procedure\n");
    expect((await tokhai("check", "--strict", fixture("warnings"))).code).toBe(1);
  });

  it("warns of patterns that repeat a repeating group, which can freeze the page on a long answer", async () => {
    const { code, stdout, stderr } = await tokhai("check", fixture("slow-pattern"));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((l) => l.slice(fixture("slow-pattern").length));
    expect(lines).toEqual([
      expect.stringMatching(/^:\d+:\d+  \/schema\/properties\/code\/pattern  warning: /),
      expect.stringMatching(/^:\d+:\d+  \/schema\/properties\/words\/pattern  warning: /),
      expect.stringMatching(/^:\d+:\d+  \/schema\/properties\/group\/pattern  warning: /),
    ]);
    expect(lines[0]).toContain('the group "([A-Z0-9]+-?)+" repeats something that repeats itself');
    expect(lines[1]).toContain('the group "(\\w*\\s?)*" repeats');
    expect(lines[2]).toContain('the group "(?:[a-z]{2,}[ ,]?){1,}" repeats');
    expect(stderr).toBe("0 errors, 3 warnings in 1 procedure\n");
  });

  it("warns of each text without a translation for a locale the procedure declares, at the text, exit 0 (1 with --strict)", async () => {
    const { code, stdout, stderr } = await tokhai("check", fixture("missing-translations"));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((line) => line.slice(fixture("missing-translations").length));
    // "en" lacks five texts; "en-GB" falls back to "en" (reported once, for "en"); "vi-VN" is the
    // document's own language; "km" has only the form's title.
    const en = lines.filter((line) => line.includes(' no "en" '));
    expect(en).toEqual([
      ':20:9  /schema/properties/gender/description  warning: the description of "/gender" has no "en" translation: add it as i18n.en["/gender"].description',
      ':21:69  /schema/properties/gender/oneOf/1/title  warning: the label of "F" in "/gender" has no "en" translation: add it as i18n.en["/gender"].enum.F',
      ':27:39  /schema/properties/age/x-rules/0/message  warning: the message of rule 0 of "/age" has no "en" translation: add it as i18n.en["/age"].rules[0], or write the message per locale ({ "vi": …, "en": … })',
      ':34:63  /steps/1/body  warning: the body of step "minor" has no "en" translation: add it as i18n.en.steps.minor.body',
      ':34:142  /steps/1/link/text  warning: the link text of step "minor" has no "en" translation: add it as i18n.en.steps.minor.linkText',
    ]);
    const km = lines.filter((line) => line.includes(' no "km" '));
    expect(km.map((line) => line.split("  ")[1])).toEqual([
      "/description",
      "/sources/citizen/title",
      "/schema/properties/fullName/title",
      "/schema/properties/gender/title",
      "/schema/properties/gender/description",
      "/schema/properties/gender/oneOf/0/title",
      "/schema/properties/gender/oneOf/1/title",
      "/schema/properties/age/title",
      "/schema/properties/age/x-rules/0/message",
      "/schema/properties/age/x-rules/1/message",
      "/steps/0/title",
      "/steps/0/description",
      "/steps/1/title",
      "/steps/1/body",
      "/steps/1/link/text",
    ]);
    expect(km).toContain(':33:29  /steps/0/title  warning: the title of step "main" has no "km" translation: add it as i18n.km.steps.main.title');
    expect(km).toContain(':9:7  /sources/citizen/title  warning: the title of source "citizen" has no "km" text: write it per locale ({ "vi": …, "km": … })');
    expect(lines).toHaveLength(en.length + km.length);
    expect(lines.every((line) => line.includes("  warning: "))).toBe(true);
    expect(stderr).toBe("0 errors, 20 warnings in 1 procedure\n");
    expect((await tokhai("check", "--strict", fixture("missing-translations"))).code).toBe(1);
  });

  it("keeps the five example procedures clean under --strict, translations included", async () => {
    const examples = ["cap-doi-giay-phep-lai-xe", "dang-ky-ho-kinh-doanh", "dang-ky-ket-hon", "dang-ky-khai-sinh", "dang-ky-thuong-tru"].map((name) => `examples/procedures/${name}.json`);
    expect(await tokhai("check", "--strict", ...examples)).toMatchObject({ code: 0, stdout: "", stderr: "✔ 5 procedures checked: no problems\n" });
  });

  it("refuses a locale that is not a BCP-47 language tag, or not written canonically, where it is written", async () => {
    const { code, stdout } = await tokhai("check", fixture("bad-locales"));
    expect(code).toBe(1);
    expect(stdout.trimEnd().split("\n").map((line) => line.slice(fixture("bad-locales").length))).toEqual([
      ':6:3  /defaultLocale  "vi_VN" is not a BCP-47 language tag (such as "vi", "en", "en-GB" or "km")',
      ':9:42  /sources/citizen/title/EN  write the language tag "EN" as "en": texts are looked up by the canonical tag',
      ':22:5  /i18n/en_GB  "en_GB" is not a BCP-47 language tag (such as "vi", "en", "en-GB" or "km")',
      ':23:5  /i18n/en-gb  write the language tag "en-gb" as "en-GB": texts are looked up by the canonical tag',
    ]);
  });

  it("locates a warning about a $ref'd schema where that schema is written", async () => {
    const { code, stdout } = await tokhai("check", fixture("ref-enum"));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^test\/fixtures\/cli\/check\/ref-enum\.json:\d+:\d+  \/schema\/\$defs\/channel\/enum  warning: the values of "\/channel" have no labels/);
  });

  it("checks several files at once; --format json lists every finding with its position", async () => {
    const { code, stdout } = await tokhai("check", "--format", "json", fixture("good"), fixture("cycle"), fixture("warnings"), fixture("not-json"), "nowhere.json");
    expect(code).toBe(2); // two files could not be read as JSON procedures
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(report.files).toEqual([
      { file: fixture("good"), errors: 0, warnings: 0 },
      { file: fixture("cycle"), errors: 1, warnings: 0 },
      { file: fixture("warnings"), errors: 0, warnings: 5 },
      { file: fixture("not-json"), errors: 0, warnings: 0, unusable: `${fixture("not-json")}:27:3: not valid JSON: a property name in double quotes is expected` },
      { file: "nowhere.json", errors: 0, warnings: 0, unusable: "nowhere.json: no such procedure file" },
    ]);
    expect(report.findings[0]).toEqual({
      severity: "error",
      file: fixture("cycle"),
      line: 24,
      column: 98,
      pointer: "/schema/properties/phone/x-compute",
      code: "cycle",
      message: "circular dependency: /phone (x-compute) → /note (x-compute) → /phone (x-compute)",
    });
    expect(report.findings.filter((f: { severity: string }) => f.severity === "warning")).toHaveLength(5);
  });

  it("explains usage mistakes in one line, exit 2, without a stack trace", async () => {
    const cases: [string[], string][] = [
      [["check"], "tokhai check: expected one or more procedure files. See `tokhai check --help`.\n"],
      [["check", "--format", "xml", fixture("good")], 'tokhai check: --format must be "text" or "json", not "xml"\n'],
      [["check", "--colour", fixture("good")], "tokhai check: unknown option '--colour'. See `tokhai check --help`.\n"],
      [["check", "nowhere.json"], "tokhai check: nowhere.json: no such procedure file\n"],
      [["chek", fixture("good")], 'tokhai: unknown command "chek". Did you mean "check"? Run `tokhai --help` for the commands.\n'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await tokhai(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toBe(message);
    }
  });

  it("has help for the command and for check", async () => {
    const top = await tokhai("--help");
    expect(top.code).toBe(0);
    for (const name of ["check", "types", "compile", "validate", "stats"]) expect(top.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    const help = await tokhai("check", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: tokhai check <procedure.json>…");
    expect(help.stdout).toContain("enum-without-labels");
  });
});
