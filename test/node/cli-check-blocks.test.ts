// `tokhai check` with building blocks, run as a process: a catalogue folder, problems located in the
// block's file with the procedures and `$ref`s that reached them, the root no block may leave.
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadCompiled, type CompiledProcedure } from "@tokhai/core";
import { tokhai } from "./tokhai-process.js";

const GOOD = "test/fixtures/cli/blocks";
const BROKEN = "test/fixtures/cli/blocks-broken";

describe("tokhai check with building blocks", () => {
  it("checks a folder as a catalogue and lists, for each block, the procedures that use it", async () => {
    const { code, stdout, stderr } = await tokhai("check", `${GOOD}/`);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        // A warning in a block (a source it declares and nothing reads) is located in the block.
        `${GOOD}/blocks/person.json:5:5  /sources/household  warning: the source "household" is declared but no expression reads it`,
        `  from ${GOOD}/procedures/a.json:8:22`,
        "Blocks and the procedures that use them:",
        `  ${GOOD}/blocks/address.json  address 1.2.0: ${GOOD}/procedures/a.json, ${GOOD}/procedures/b.json`,
        `  ${GOOD}/blocks/person.json  person 1.0.0: ${GOOD}/procedures/a.json`,
        "",
      ].join("\n"),
    );
    expect(stderr).toBe("0 errors, 1 warning in 2 procedures\n");
  });

  it("lists each block once, with its procedures, when the folder is named by its absolute path", async () => {
    const { code, stdout } = await tokhai("check", join(process.cwd(), GOOD));
    expect(code).toBe(0);
    const listed = stdout.split("\n").filter((line) => line.startsWith("  ") && !line.startsWith("  from"));
    expect(listed.map((line) => line.trim().split("  ")[0])).toEqual([`${GOOD}/blocks/address.json`, `${GOOD}/blocks/person.json`]);
    expect(listed.every((line) => !line.includes("used by no procedure"))).toBe(true);
  });

  it("locates a problem inside a block in the block's file, with the chain of $refs from each procedure", async () => {
    const { code, stdout, stderr } = await tokhai("check", BROKEN);
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    expect(lines.slice(0, 8)).toEqual([
      // "provinc" inside the x-visible of the block's detail field, reached through person.json from a.json …
      `${BROKEN}/blocks/address.json:10:84  /schema/properties/detail/x-visible  the field /applicant/address/detail has no field "provinc": /applicant/address/detail is a string`,
      `  from ${BROKEN}/procedures/a.json:8:22 → ${BROKEN}/blocks/person.json:14:20`,
      // … and directly from b.json.
      `${BROKEN}/blocks/address.json:10:84  /schema/properties/detail/x-visible  the field /workplace/detail has no field "provinc": /workplace/detail is a string`,
      `  from ${BROKEN}/procedures/b.json:8:22`,
      // A block that is not JSON: where it breaks.
      `${BROKEN}/blocks/not-json.json:4:33  (document)  not valid JSON (line 4, column 33): Expected double-quoted property name in JSON at position 74`,
      `  from ${BROKEN}/procedures/c.json:8:17`,
      // A block that is not there: at the $ref, with the path it was looked for at.
      `${BROKEN}/procedures/c.json:9:18  /schema/properties/other/$ref  cannot resolve "../blocks/missing.json": there is no document ${BROKEN}/blocks/missing.json`,
      "Blocks and the procedures that use them:",
    ]);
    expect(stdout).toContain(`  ${BROKEN}/blocks/address.json  address 1.2.0: ${BROKEN}/procedures/a.json, ${BROKEN}/procedures/b.json\n`);
    expect(stdout).toContain(`  ${BROKEN}/blocks/not-json.json  (not a block): ${BROKEN}/procedures/c.json\n`);
    expect(stderr).toBe("4 errors, 0 warnings in 3 procedures\n");
  });

  it("reads no block outside the root: the procedure's folder by default, or --root", async () => {
    const alone = await tokhai("check", `${GOOD}/procedures/b.json`);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toBe(
      `${GOOD}/procedures/b.json:8:22  /schema/properties/workplace/$ref  cannot read "../blocks/address.json": ${GOOD}/blocks/address.json is outside the root folder ${GOOD}/procedures (--root widens it)\n`,
    );
    const rooted = await tokhai("check", "--root", GOOD, `${GOOD}/procedures/b.json`);
    expect(rooted).toMatchObject({ code: 0, stderr: "✔ 1 procedure checked: no problems\n" });
    expect(rooted.stdout).toBe(`Blocks and the procedures that use them:\n  ${GOOD}/blocks/address.json  address 1.2.0: ${GOOD}/procedures/b.json\n`);
  });

  it("gives the blocks in --format json", async () => {
    const { code, stdout } = await tokhai("check", "--format", "json", GOOD);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.ok).toBe(true);
    expect(out.files).toEqual([
      { file: `${GOOD}/procedures/a.json`, errors: 0, warnings: 1 },
      { file: `${GOOD}/procedures/b.json`, errors: 0, warnings: 0 },
    ]);
    expect(out.blocks).toEqual([
      { file: `${GOOD}/blocks/address.json`, id: "address", version: "1.2.0", procedures: [`${GOOD}/procedures/a.json`, `${GOOD}/procedures/b.json`] },
      { file: `${GOOD}/blocks/person.json`, id: "person", version: "1.0.0", procedures: [`${GOOD}/procedures/a.json`] },
    ]);
    expect(out.findings[0]).toMatchObject({ file: `${GOOD}/blocks/person.json`, line: 5, column: 5, code: "unused-source", via: [[`${GOOD}/procedures/a.json:8:22`]] });
  });

  describe("a symbolic link out of the root", () => {
    let dir: string | undefined;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("is refused: the file it leads to is outside", async () => {
      dir = await mkdtemp(join(tmpdir(), "tokhai-blocks-"));
      await mkdir(join(dir, "catalogue"));
      await writeFile(join(dir, "secret.json"), JSON.stringify({ id: "secret", version: "1.0.0", schema: { type: "string" } }));
      await symlink(join(dir, "secret.json"), join(dir, "catalogue", "link.json"));
      await writeFile(join(dir, "catalogue", "p.json"), JSON.stringify({ id: "vn.p", version: "1.0.0", title: "P", schema: { type: "object", properties: { s: { $ref: "link.json" } } } }));
      const { code, stdout } = await tokhai("check", join(dir, "catalogue", "p.json"));
      expect(code).toBe(1);
      expect(stdout).toContain("/schema/properties/s/$ref");
      expect(stdout).toContain("is outside the root folder");
    });
  });
});

describe("tokhai compile with building blocks", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes a module that contains the blocks: loading it resolves nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "tokhai-compile-blocks-"));
    const output = join(dir, "a.compiled.js");
    const run = await tokhai("compile", "--root", GOOD, `${GOOD}/procedures/a.json`, "-o", output);
    expect(run.code).toBe(0);
    const module = (await import(pathToFileURL(output).href)) as { default: CompiledProcedure };
    const compiled = module.default;
    expect(JSON.stringify(compiled.document)).not.toContain(".json");
    expect(compiled.blocks?.map((b) => [b.id, b.version])).toEqual([
      ["person", "1.0.0"],
      ["address", "1.2.0"],
    ]);
    const procedure = loadCompiled(compiled);
    expect(procedure.fields.map((f) => f.pointer)).toEqual(["", "/applicant", "/applicant/fullName", "/applicant/address", "/applicant/address/province", "/applicant/address/detail", "/birthProvince"]);
    expect(procedure.validateData({ applicant: { address: { province: "79" } }, birthProvince: "01" })).toBe(true);
    expect(procedure.validateData({ applicant: { address: {} } })).toBe(false);
  });

  it("refuses a block outside the procedure's folder without --root", async () => {
    const run = await tokhai("compile", `${GOOD}/procedures/b.json`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is outside the root folder");
  });
});
