// The CLI and lookups in registers (issue 17), run as processes: `tokhai stats` counts a field filled
// from a lookup as looked up, not typed; `tokhai validate --lookups` resolves every lookup again from a
// file of records and fails closed without one; `tokhai types` declares the records each lookup finds.
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createForm, loadProcedure, type SubmissionEnvelope } from "@tokhai/core";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PROCEDURE = "test/fixtures/cli/check/lookup-good.json";
const TMP = "test/.tmp/cli-lookups";
const REGISTERS = { spouse: { "001090000001": { fullName: "Trần Thị Bình", birthDate: "1995-04-02" } } };

describe("tokhai and lookups", () => {
  let envelope: SubmissionEnvelope;
  beforeAll(async () => {
    mkdirSync(`${root}/${TMP}`, { recursive: true });
    const procedure = await loadProcedure(await readFile(`${root}/${PROCEDURE}`, "utf8"));
    const form = createForm(procedure, { lookup: async (name, input) => (REGISTERS as Record<string, Record<string, unknown>>)[name]?.[String(input)], lookupDelay: 0 });
    form.set("/spouseId", "001090000001");
    const result = await form.submission();
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    envelope = result.envelope;
    writeFileSync(`${root}/${TMP}/valid.json`, JSON.stringify(envelope, null, 2));
    writeFileSync(`${root}/${TMP}/forged.json`, JSON.stringify({ ...envelope, data: { ...(envelope.data as object), spouseName: "Người khác" } }, null, 2));
    writeFileSync(`${root}/${TMP}/registers.json`, JSON.stringify(REGISTERS));
    writeFileSync(`${root}/${TMP}/not-registers.json`, "[1, 2]");
  });

  it("stats: a field filled from a lookup is looked up, not typed", async () => {
    const { code, stdout } = await tokhai("stats", PROCEDURE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ +fields +locked +editable +looked up +computed +conditional +attachments +typed +at most$/m);
    expect(stdout).toMatch(/^total +2 +0 +0 +1 +0 +0 +0 +1 \(50 %\) +1 \(50 %\)$/m);
    expect(stdout).toContain("0 come from the state's data (0 verified and locked), 1 from registers looked up as they answer, and 0 are computed.");
    const json = JSON.parse((await tokhai("stats", PROCEDURE, "--format", "json")).stdout);
    expect(json.total).toMatchObject({ fields: 2, lookedUp: 1, typed: 1 });
  });

  it("validate --lookups: the register bears the envelope out, exit 0; a forged verified value, exit 1", async () => {
    const ok = await tokhai("validate", PROCEDURE, `${TMP}/valid.json`, "--lookups", `${TMP}/registers.json`);
    expect({ code: ok.code, stdout: ok.stdout }).toEqual({ code: 0, stdout: "" });
    const forged = await tokhai("validate", PROCEDURE, `${TMP}/forged.json`, "--lookups", `${TMP}/registers.json`, "--locale", "en");
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(/\/spouseName {2}Must be “Trần Thị Bình”, the verified value from official records/);
  });

  it("validate without --lookups fails closed at the lookup's input; a file that is not records is refused (exit 2)", async () => {
    const closed = await tokhai("validate", PROCEDURE, `${TMP}/valid.json`, "--locale", "en");
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(/\/spouseId {2}This answer could not be checked, so the submission cannot be accepted; try again later/);
    const bad = await tokhai("validate", PROCEDURE, `${TMP}/valid.json`, "--lookups", `${TMP}/not-registers.json`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lookups .*not-registers\.json: must be a JSON object of records by lookup and input/);
  });

  it("types: the record each lookup finds, and the input in the provenance", async () => {
    const { code, stdout } = await tokhai("types", PROCEDURE);
    expect(code).toBe(0);
    expect(stdout).toContain("export interface TestCliLookupLookupSpouse {");
    expect(stdout).toContain("export interface TestCliLookupLookups {\n  readonly spouse: TestCliLookupLookupSpouse;\n}");
    expect(stdout).toContain("readonly input?: unknown;");
  });
});
