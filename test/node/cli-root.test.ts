// `--root` on the commands that load one procedure (validate, stats, render, types, data-use), run as
// processes: a procedure whose building block is outside its own folder (test/fixtures/cli/blocks:
// procedures/b.json → ../blocks/address.json) loads with --root naming the folder that holds both, and
// without it is refused with the $ref located and the reason (outside the root folder; --root widens it).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createForm, loadProcedure } from "@tokhai/core";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const GOOD = "test/fixtures/cli/blocks";
const PROCEDURE = `${GOOD}/procedures/b.json`;
const TMP = "test/.tmp/cli-root";
const SUBMISSION = `${TMP}/submission.json`;

/** Where the $ref is in b.json, and the message every command prints without --root. */
const REFUSED = (command: string) =>
  `${PROCEDURE}:8:22  /schema/properties/workplace/$ref  cannot read "../blocks/address.json": ${GOOD}/blocks/address.json is outside the root folder ${GOOD}/procedures (--root widens it)\n` +
  `tokhai ${command}: ${PROCEDURE} has 1 problem; \`tokhai check ${PROCEDURE}\` lists them with warnings.\n`;

beforeAll(async () => {
  // A submission of b.json made by core, its block read from the fixture's files.
  const read = (uri: string) => JSON.parse(readFileSync(fileURLToPath(uri), "utf8"));
  const procedure = await loadProcedure(read(new URL(PROCEDURE, `file://${root}`).href), { resolve: read, uri: new URL(PROCEDURE, `file://${root}`).href });
  const form = createForm(procedure, { now: () => new Date("2026-11-22T08:00:00.000Z") });
  form.set("/workplace/province", "79");
  form.set("/workplace/detail", "12 Lê Lợi");
  await form.settled();
  const result = await form.submission();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  mkdirSync(`${root}/${TMP}`, { recursive: true });
  writeFileSync(`${root}/${SUBMISSION}`, JSON.stringify(result.envelope, null, 2));
});

describe("--root", () => {
  it("tokhai validate", async () => {
    expect(await tokhai("validate", PROCEDURE, SUBMISSION)).toEqual({ code: 1, stdout: "", stderr: REFUSED("validate") });
    expect(await tokhai("validate", PROCEDURE, SUBMISSION, "--root", GOOD)).toEqual({ code: 0, stdout: "", stderr: `✔ ${SUBMISSION} is a valid submission of vn.test.blocks-b 1.0.0\n` });
  });

  it("tokhai stats", async () => {
    expect(await tokhai("stats", PROCEDURE)).toEqual({ code: 1, stdout: "", stderr: REFUSED("stats") });
    const rooted = await tokhai("stats", PROCEDURE, "--root", GOOD, "--format", "json");
    expect(rooted.code).toBe(0);
    // The block's two fields: the province and the house number, both typed.
    expect(JSON.parse(rooted.stdout).total).toMatchObject({ fields: 2, typed: 2 });
  });

  it("tokhai render", async () => {
    expect(await tokhai("render", PROCEDURE, SUBMISSION)).toEqual({ code: 1, stdout: "", stderr: REFUSED("render") });
    const rooted = await tokhai("render", PROCEDURE, SUBMISSION, "--root", GOOD);
    expect(rooted.code).toBe(0);
    // The block's choice written by its label, its text as typed.
    expect(rooted.stdout).toContain("TP. Hồ Chí Minh");
    expect(rooted.stdout).toContain("12 Lê Lợi");
  });

  it("tokhai types", async () => {
    expect(await tokhai("types", PROCEDURE)).toEqual({ code: 1, stdout: "", stderr: REFUSED("types") });
    const rooted = await tokhai("types", PROCEDURE, "--root", GOOD);
    expect(rooted.code).toBe(0);
    expect(rooted.stdout).toMatch(/export interface VnTestBlocksBData \{[\s\S]*workplace\?:/);
    expect(rooted.stdout).toContain('"01" | "79"');
  });

  it("tokhai data-use", async () => {
    expect(await tokhai("data-use", PROCEDURE)).toEqual({ code: 1, stdout: "", stderr: REFUSED("data-use") });
    const rooted = await tokhai("data-use", PROCEDURE, "--root", GOOD, "--format", "json");
    expect(rooted.code).toBe(0);
    expect(JSON.parse(rooted.stdout)).toMatchObject({ procedure: { id: "vn.test.blocks-b" }, registers: [] });
  });

  it("says when the root folder does not exist", async () => {
    expect(await tokhai("stats", PROCEDURE, "--root", `${GOOD}/nope`)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${GOOD}/nope: no such root folder`) });
  });
});
