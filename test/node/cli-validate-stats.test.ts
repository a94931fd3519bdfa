// `tokhai validate` and `tokhai stats` run as processes against the permanent-residence example and
// its personas: a submission made by the core is valid; a tampered one fails with each error located
// in the submission file; the declare-once report counts what the citizen types.
import { webcrypto } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { envelopeDigest, type SubmissionEnvelope } from "@tokhai/core";
import { RESIDENCE, residenceSubmission } from "./residence-submission.js";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PROCEDURE = RESIDENCE;
const PERSONA = "examples/data/personas/nguyen-van-an.json";
/** Phạm Quốc Huy: the persona with gaps (no phone, no e-mail, a household of one). */
const GAPS = "examples/data/personas/pham-quoc-huy.json";
/** The catalogue of administrative units, passed as the `catalog` source. */
const CATALOG = "catalog=examples/data/administrative-units.json";
const TMP = "test/.tmp/cli-validate";

describe("tokhai validate --signature-key", () => {
  const DIR = `${TMP}/signed`;
  const lineOf = (file: string, text: string) => readFileSync(`${root}/${file}`, "utf8").split("\n").findIndex((l) => l.includes(text)) + 1;
  beforeAll(async () => {
    mkdirSync(`${root}/${DIR}`, { recursive: true });
    const keys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const other = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    writeFileSync(`${root}/${DIR}/key.jwk.json`, JSON.stringify(await webcrypto.subtle.exportKey("jwk", keys.publicKey)));
    const spki = Buffer.from(await webcrypto.subtle.exportKey("spki", keys.publicKey)).toString("base64");
    writeFileSync(`${root}/${DIR}/key.pem`, `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`);
    writeFileSync(`${root}/${DIR}/other.jwk.json`, JSON.stringify(await webcrypto.subtle.exportKey("jwk", other.publicKey)));
    writeFileSync(`${root}/${DIR}/not-a-key.json`, JSON.stringify({ kty: "RSA" }));
    const envelope = await residenceSubmission("nguyen-van-an");
    const digest = await envelopeDigest(envelope);
    const raw = await webcrypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, new TextEncoder().encode(digest));
    const signed = { ...envelope, signature: { alg: "ES256", value: Buffer.from(raw).toString("base64url"), digest, signedAt: "2026-11-22T08:00:01.000Z" } };
    writeFileSync(`${root}/${DIR}/signed.json`, JSON.stringify(signed, null, 2));
    const data = envelope.data as Record<string, Record<string, unknown>>;
    const changed = { ...signed, data: { ...data, newAddress: { ...data["newAddress"], detail: "13 Lê Lợi" } } };
    writeFileSync(`${root}/${DIR}/changed.json`, JSON.stringify(changed, null, 2));
    // A valid value with junk appended (a lenient base64 decoder skips it), and another algorithm's name.
    writeFileSync(`${root}/${DIR}/junk.json`, JSON.stringify({ ...signed, signature: { ...signed.signature, value: `${signed.signature.value}!!` } }, null, 2));
    writeFileSync(`${root}/${DIR}/rs256.json`, JSON.stringify({ ...signed, signature: { ...signed.signature, alg: "RS256" } }, null, 2));
  });
  const run = (file: string, ...options: string[]) => tokhai("validate", PROCEDURE, `${DIR}/${file}`, "--context", PERSONA, "--context", CATALOG, "--locale", "en", ...options);

  it("verifies an ES256 signature with the public key, as a JWK or a PEM", async () => {
    for (const key of ["key.jwk.json", "key.pem"]) {
      const { code, stderr } = await run("signed.json", "--signature-key", `${DIR}/${key}`);
      expect({ code, stderr }).toEqual({ code: 0, stderr: `✔ ${DIR}/signed.json is a valid submission of vn.cu-tru.dang-ky-thuong-tru 1.0.0\n` });
    }
  });

  it("refuses a signed envelope it cannot verify (no key), another key's signature, and a change after signing, located at the signature", async () => {
    const line = lineOf(`${DIR}/signed.json`, '"signature": {');
    const unverified = await run("signed.json");
    expect(unverified.code).toBe(1);
    expect(unverified.stdout).toBe(`${DIR}/signed.json:${line}:3  /signature  The signature could not be checked, so the submission cannot be accepted; try again later\n`);
    const other = await run("signed.json", "--signature-key", `${DIR}/other.jwk.json`);
    expect(other.stdout).toBe(`${DIR}/signed.json:${line}:3  /signature  The signature is not valid\n`);
    const changed = await run("changed.json", "--signature-key", `${DIR}/key.jwk.json`);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("/signature  The declaration changed after it was signed, so the signature no longer holds");
  });

  it("finds not valid a value that is not exactly the 64 bytes of a signature, or another algorithm's", async () => {
    for (const file of ["junk.json", "rs256.json"]) {
      const { code, stdout } = await run(file, "--signature-key", `${DIR}/key.jwk.json`);
      expect(code, file).toBe(1);
      expect(stdout, file).toContain("/signature  The signature is not valid\n");
    }
  });

  it("says what is wrong with a key file, exit 2", async () => {
    const { code, stderr } = await run("signed.json", "--signature-key", `${DIR}/not-a-key.json`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--signature-key .*not-a-key\.json: not an ECDSA P-256 public key/);
  });
});

describe("tokhai validate", () => {
  let envelope: SubmissionEnvelope;
  beforeAll(async () => {
    mkdirSync(`${root}/${TMP}`, { recursive: true });
    envelope = await residenceSubmission("nguyen-van-an");
    writeFileSync(`${root}/${TMP}/valid.json`, JSON.stringify(envelope, null, 2));
    // Tampered after the form: a locked name changed, and a phone number that is not one.
    const data = envelope.data as Record<string, Record<string, unknown>>;
    const tampered = { ...envelope, data: { ...data, applicant: { ...data["applicant"], fullName: "Nguyễn Văn Bình", phone: "12345" } } };
    writeFileSync(`${root}/${TMP}/tampered.json`, JSON.stringify(tampered, null, 2));
    writeFileSync(`${root}/${TMP}/other-procedure.json`, JSON.stringify({ ...envelope, procedure: { id: "vn.ho-tich.khai-sinh", version: "1.0.0" } }, null, 2));
  });

  it("accepts the submission the form made, exit 0", async () => {
    const { code, stdout, stderr } = await tokhai("validate", PROCEDURE, `${TMP}/valid.json`, "--context", PERSONA, "--context", CATALOG);
    expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
    expect(stderr).toBe(`✔ ${TMP}/valid.json is a valid submission of vn.cu-tru.dang-ky-thuong-tru 1.0.0\n`);
  });

  it("lists each error of a tampered submission at its line in the file, exit 1", async () => {
    const file = `${TMP}/tampered.json`;
    const lines = readFileSync(`${root}/${file}`, "utf8").split("\n");
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const { code, stdout, stderr } = await tokhai("validate", PROCEDURE, file, "--context", PERSONA, "--context", CATALOG, "--locale", "en");
    expect(code).toBe(1);
    const out = stdout.trimEnd().split("\n");
    expect(out).toEqual([
      `${file}:${lineOf('"fullName": "Nguyễn Văn Bình"')}:7  /applicant/fullName  Must be “Nguyễn Văn An”, the verified value from official records`,
      // Its provenance still says "from the citizen's data, not edited": the records hold another number.
      `${file}:${lineOf('"phone": "12345"')}:7  /applicant/phone  This value is declared as coming from official records, but the records do not hold it`,
      `${file}:${lineOf('"phone": "12345"')}:7  /applicant/phone  Enter a Vietnamese phone number of 10 digits, like 0912345678`,
    ]);
    expect(stderr).toBe(`${file}: ${out.length} errors\n`);
  });

  it("says when a submission belongs to another procedure; --format json", async () => {
    const { code, stdout } = await tokhai("validate", PROCEDURE, `${TMP}/other-procedure.json`, "--context", PERSONA, "--context", CATALOG, "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.valid).toBe(false);
    expect(report.errors).toHaveLength(1);
    // Line 1 is "{", 2 the envelope's own "id", 3 "procedure": {, 4 its "id".
    expect(report.errors[0]).toMatchObject({ pointer: "/procedure/id", keyword: "envelope", line: 4 });
  });

  it("refuses what it cannot read, exit 2", async () => {
    expect(await tokhai("validate", PROCEDURE)).toMatchObject({ code: 2, stderr: "tokhai validate: expected a procedure file and a submission file. See `tokhai validate --help`.\n" });
    expect(await tokhai("validate", PROCEDURE, "nowhere.json")).toMatchObject({ code: 2, stderr: "tokhai validate: nowhere.json: no such submission file\n" });
    expect(await tokhai("validate", PROCEDURE, `${TMP}/valid.json`, "--context", PROCEDURE.replace(".json", ".md"))).toMatchObject({ code: 2 });
    expect(await tokhai("validate", PROCEDURE, `${TMP}/valid.json`, "--locale", "en_GB")).toMatchObject({ code: 2, stderr: 'tokhai validate: --locale must be a BCP-47 language tag such as "vi" or "en", not "en_GB"\n' });
  });

  it("refuses a broken procedure with its located problems, exit 1", async () => {
    const { code, stderr } = await tokhai("validate", "test/fixtures/cli/check/cycle.json", `${TMP}/valid.json`);
    expect(code).toBe(1);
    expect(stderr).toContain("test/fixtures/cli/check/cycle.json:24:98  /schema/properties/phone/x-compute  circular dependency");
    expect(stderr).toContain("`tokhai check test/fixtures/cli/check/cycle.json` lists them");
  });
});

describe("tokhai stats", () => {
  it("counts, per step, what the citizen types and what comes from data", async () => {
    const { code, stdout } = await tokhai("stats", PROCEDURE, "--context", PERSONA, "--context", CATALOG, "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.procedure).toEqual({ id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0", title: "Đăng ký thường trú" });
    expect(report.steps.map((s: { id: string }) => s.id)).toEqual(["applicant", "newAddress", "household", "fee"]);
    // The applicant's identity is verified data; the phone and e-mail are prefilled but editable.
    expect(report.steps[0]).toMatchObject({ fields: 6, locked: 4, editable: 2, typed: 0 });
    // Three household members prefilled (name, id, birth date locked; relation editable), none typed.
    expect(report.steps[2]).toMatchObject({ fields: 12, locked: 9, editable: 3, typed: 0 });
    // The fee is computed; the exemption is a checkbox left unticked unless it applies (a default, not typed).
    expect(report.steps[3]).toMatchObject({ computed: 1, typed: 1 });
    // Each attachment counts once; the owner's name is asked only of a citizen who does not own the dwelling;
    // the month the citizen started living there is asked of everyone (optional, it is typed when given).
    expect(report.steps[1]).toMatchObject({ fields: 8, conditional: 3, hidden: 3, attachments: 2, typed: 5 });
    // Choosing "rent" or "relative" reveals the contract, the owner's consent and the owner's name: at most 3 more typed.
    expect(report.steps[1]).toMatchObject({ revealed: 3, mayBeRevealed: 0, typedAtMost: 8, typedAtMostPercent: 100 });
    expect(report.total).toEqual({
      fields: 29, locked: 13, editable: 5, lookedUp: 0, computed: 1, conditional: 3, hidden: 3, attachments: 2, typed: 6, typedPercent: 23.1,
      revealed: 3, mayBeRevealed: 0, typedAtMost: 9, typedAtMostPercent: 31,
    });
  });

  it("shows the gaps of a persona the state knows less about", async () => {
    const full = JSON.parse((await tokhai("stats", PROCEDURE, "--context", PERSONA, "--context", CATALOG, "--format", "json")).stdout);
    const gaps = JSON.parse((await tokhai("stats", PROCEDURE, "--context", GAPS, "--context", CATALOG, "--format", "json")).stdout);
    expect(gaps.steps[0].typed).toBeGreaterThan(full.steps[0].typed);
    expect(gaps.total.typed).toBeGreaterThan(full.total.typed);
  });

  it("merges several --context files member by member, later ones winning", async () => {
    const gaps = JSON.parse((await tokhai("stats", PROCEDURE, "--context", GAPS, "--context", CATALOG, "--format", "json")).stdout);
    const merged = JSON.parse((await tokhai("stats", PROCEDURE, "--context", PERSONA, "--context", GAPS, "--context", CATALOG, "--format", "json")).stdout);
    expect(merged.context).toEqual([PERSONA, GAPS, CATALOG]);
    expect(merged.total).toEqual(gaps.total);
  });

  it("without a context nothing is prefilled; prints a table", async () => {
    const { code, stdout } = await tokhai("stats", PROCEDURE);
    expect(code).toBe(0);
    expect(stdout).toContain("no context: nothing is prefilled (pass --context)");
    expect(stdout).toMatch(/^ +fields +locked +editable +computed +conditional +attachments +typed +at most$/m);
    expect(stdout).toMatch(/^total +21 +0 +0 +1 +3 \(3 hidden\) +2 +16 \(88\.9 %\) +19 \(90\.5 %\)$/m);
    expect(stdout).toContain("The citizen is shown 18 of 21 fields and types 16 of them (88.9 %)");
    expect(stdout).toContain("Of the 3 hidden, 3 are revealed by some answer of the citizen's: at most, they are shown 21 fields and type 19 (90.5 %).");
  });

  it("takes a whole file as one source with --context <source>=<file>, and notes a file that gives no source", async () => {
    const persona = "examples/data/personas/le-thi-mai.json";
    const units = "examples/data/administrative-units.json";
    const named = await tokhai("stats", PROCEDURE, "--context", persona, "--context", `catalog=${units}`, "--format", "json");
    expect({ code: named.code, stderr: named.stderr }).toEqual({ code: 0, stderr: "" });
    const merged = await tokhai("stats", PROCEDURE, "--context", persona, "--context", units, "--format", "json");
    expect(merged.code).toBe(0);
    expect(merged.stderr).toBe(
      `tokhai stats: note: ${units} gives no source of this procedure (its members: note, sample, effectiveFrom, provinces; sources: citizen, household, catalog); to pass the file as one source, write --context <source>=${units}\n`,
    );
    // Mai's new address is her temporary one, in Hồ Chí Minh City: with the catalogue, it is one of its communes.
    const form = JSON.parse(named.stdout);
    expect(form.steps[1]).toMatchObject({ id: "newAddress", typed: 2 });
    expect((await tokhai("stats", PROCEDURE, "--context", "catalog=no-such-file.json")).code).toBe(2);
  });

  describe("fields the citizen's own answers reveal", () => {
    // Choosing "rent" reveals a contract to upload and the landlord's name; a long reason reveals its details
    // (a free answer: possibly asked); a source alone decides the exemption (never revealed by an answer).
    const REVEALED = "test/fixtures/cli/stats/revealed.json";

    it("counts them in the most the citizen types, not in the least (JSON)", async () => {
      const { code, stdout, stderr } = await tokhai("stats", REVEALED, "--format", "json");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const report = JSON.parse(stdout);
      expect(report.steps[0]).toEqual({
        id: "address", title: "Chỗ ở", fields: 3, locked: 0, editable: 0, lookedUp: 0, computed: 0, conditional: 2, hidden: 2, attachments: 1,
        typed: 1, typedPercent: 100, revealed: 2, mayBeRevealed: 0, typedAtMost: 3, typedAtMostPercent: 100,
      });
      expect(report.steps[1]).toMatchObject({ id: "other", fields: 4, computed: 1, hidden: 2, typed: 1, typedPercent: 50, revealed: 0, mayBeRevealed: 1, typedAtMost: 2, typedAtMostPercent: 66.7 });
      expect(report.total).toEqual({
        fields: 7, locked: 0, editable: 0, lookedUp: 0, computed: 1, conditional: 4, hidden: 4, attachments: 1,
        typed: 2, typedPercent: 66.7, revealed: 2, mayBeRevealed: 1, typedAtMost: 5, typedAtMostPercent: 83.3,
      });
    });

    it("shows the least and the most in the table, and says which are only possibly asked", async () => {
      const { code, stdout } = await tokhai("stats", REVEALED);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^address  Chỗ ở +3 +0 +0 +0 +2 \(2 hidden\) +1 +1 \(100 %\) +3 \(100 %\)$/m);
      expect(stdout).toMatch(/^total +7 +0 +0 +1 +4 \(4 hidden\) +1 +2 \(66\.7 %\) +5 \(83\.3 %\)$/m);
      expect(stdout).toContain(
        "Of the 4 hidden, 2 are revealed by some answer of the citizen's and 1 more may be (its condition reads a free answer, which cannot be tried): at most, they are shown 6 fields and type 5 (83.3 %).",
      );
    });

    it("documents the JSON shape in the help", async () => {
      expect((await tokhai("stats", "--help")).stdout).toContain("typedAtMost");
    });
  });

  it("explains usage mistakes, exit 2", async () => {
    expect(await tokhai("stats")).toMatchObject({ code: 2, stderr: "tokhai stats: expected a procedure file. See `tokhai stats --help`.\n" });
    expect(await tokhai("stats", PROCEDURE, "--context", "test/fixtures/cli/check/not-json.json")).toMatchObject({ code: 2 });
    const help = await tokhai("stats", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("The declare-once report");
  });
});
