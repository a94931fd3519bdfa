// `tokhai data-use` run as a process: what a procedure reads of each source and lookup, for a designer
// (text) and for a portal (JSON, the same as core's dataUse); errors as the other commands give them;
// and the warnings `tokhai check` gives of registers read for nothing and of the notice's texts.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dataUse, loadProcedure } from "@tokhai/core";
import { PROCEDURE_NAMES, readJson } from "./examples.js";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = "test/fixtures/cli/data-use/registers.json";
const TMP = "test/.tmp/cli-data-use";

describe("tokhai data-use", () => {
  it("prints, for a designer, each register's title and each path read with what it is and the fields and steps reading it", async () => {
    const { code, stdout, stderr } = await tokhai("data-use", FIXTURE, "--locale", "en");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(`test.cli.data-use 1.0.0: Test form
locale: en

Population data  ($citizen, source)
  $citizen.fullName          Full name
                               read by /fullName
  $citizen.address.province  Permanent residence — Tỉnh, thành phố
                               read by /province
  $citizen.sex               Note
                               read by /note

Household  ($household, source)
  $household.members  Members  (all of it)
                        read by /members
  $household          Household  (all of it)
                        read by step "household"

The other party  ($party2, lookup)
  nothing: no expression reads it, and the register need not be asked

5 paths read of 2 registers; 1 register declared and read for nothing.
`);
  });

  it("writes in the procedure's own language by default", async () => {
    const { code, stdout } = await tokhai("data-use", "examples/procedures/dang-ky-thuong-tru.json");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual(["vn.cu-tru.dang-ky-thuong-tru 1.0.0: Đăng ký thường trú", "locale: vi"]);
    expect(lines).toContain("Cơ sở dữ liệu quốc gia về dân cư  ($citizen, source)");
    expect(lines.find((l) => l.includes("$citizen.temporaryAddress.detail"))).toMatch(/^  \$citizen\.temporaryAddress\.detail +Nơi tạm trú — Số nhà, đường phố, tổ, thôn, xóm$/);
    expect(lines.find((l) => l.includes("$household.members"))).toMatch(/Các thành viên khác của hộ {2}\(all of it\)$/);
    expect(lines.at(-2)).toBe("12 paths read of 3 registers.");
  });

  it.each(PROCEDURE_NAMES)("gives a portal, with --format json, what dataUse gives for examples/procedures/%s.json", async (name) => {
    const procedure = await loadProcedure(readJson(`examples/procedures/${name}.json`));
    for (const locale of ["vi", "en"]) {
      const { code, stdout, stderr } = await tokhai("data-use", `examples/procedures/${name}.json`, "--format", "json", "--locale", locale);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const report = JSON.parse(stdout);
      expect(report.procedure).toMatchObject({ id: procedure.id, version: procedure.version });
      expect(report.locale).toBe(locale);
      expect(report.registers).toEqual(JSON.parse(JSON.stringify(dataUse(procedure, { locale }))));
    }
  });

  it("refuses a procedure with problems, located, exit 1; a missing file, a file that is not JSON or a bad option, exit 2", async () => {
    mkdirSync(`${root}/${TMP}`, { recursive: true });
    const broken = readJson(FIXTURE);
    broken["schema"].properties.fullName["x-prefill"] = "$citizen.fulName";
    writeFileSync(`${root}/${TMP}/broken.json`, JSON.stringify(broken, null, 2));
    const failed = await tokhai("data-use", `${TMP}/broken.json`);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(new RegExp(`^${TMP}/broken\\.json:\\d+:\\d+  /schema/properties/fullName/x-prefill  source \\$citizen has no field "fulName"`));
    expect(failed.stderr).toContain(`tokhai data-use: ${TMP}/broken.json has 1 problem; \`tokhai check ${TMP}/broken.json\` lists them with warnings.`);

    expect(await tokhai("data-use", `${TMP}/nothing.json`)).toMatchObject({ code: 2, stdout: "" });
    writeFileSync(`${root}/${TMP}/not-json.json`, "{ nope");
    expect(await tokhai("data-use", `${TMP}/not-json.json`)).toMatchObject({ code: 2, stdout: "" });
    const locale = await tokhai("data-use", FIXTURE, "--locale", "en_GB");
    expect(locale).toMatchObject({ code: 2, stdout: "" });
    expect(locale.stderr).toBe('tokhai data-use: --locale must be a BCP-47 language tag such as "vi" or "en", not "en_GB"\n');
    expect(await tokhai("data-use", FIXTURE, "--format", "yaml")).toMatchObject({ code: 2, stdout: "" });
    expect(await tokhai("data-use")).toMatchObject({ code: 2, stdout: "" });
    expect((await tokhai("data-use", "--help")).stdout).toContain("Usage: tokhai data-use <procedure.json>");
    expect((await tokhai("--help")).stdout).toMatch(/\n {2}data-use {2}/);
  });
});

describe("tokhai check: the data use of a procedure", () => {
  it("warns of a register read for nothing and of the notice's texts without translation or matching nothing", async () => {
    const { code, stdout, stderr } = await tokhai("check", FIXTURE);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n").map((line) => line.slice(FIXTURE.length))).toEqual([
      expect.stringMatching(/^:14:\d+  \/sources\/citizen\/schema\/properties\/address\/properties\/province\/title  warning: the title of \$citizen\.address\.province \(shown in the data-use notice\) has no "en" translation: add it as i18n\.en\.sources\.citizen\["address\.province"\]\.title$/),
      ':25:5  /lookups/party2  warning: the lookup "party2" is declared but no expression reads it: the register would be asked for nothing',
      expect.stringMatching(/^:45:\d+  \/i18n\/en\/sources\/citizen\/religion  warning: the procedure reads nothing at \$citizen\.religion: this translation is never shown$/),
      ':46:9  /i18n/en/sources/residence  warning: no source "residence": this translation is never shown',
    ]);
    expect(stderr).toBe("0 errors, 4 warnings in 1 procedure\n");
  });
});
