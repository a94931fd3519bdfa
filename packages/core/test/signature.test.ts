// The declaration's identity and signature: Form.id (made once, kept in drafts, new on reset), the
// procedure keyword `signature`, and validateSubmission's `verifySignature`, end to end with a real
// ECDSA P-256 key (WebCrypto) signing the UTF-8 bytes of the digest string.
import { describe, expect, it } from "vitest";
import {
  createForm,
  ENVELOPE_LIMITS,
  envelopeDigest,
  loadCompiled,
  loadProcedure,
  ProcedureError,
  salvageDraft,
  validateSubmission,
  type Diagnostic,
  type Procedure,
  type SignatureVerifier,
  type SubmissionEnvelope,
} from "@tokhai/core";
import { compileProcedure } from "@tokhai/core/compile";
import { citizenSource, doc } from "./helpers.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ID = "3b241101-e2bb-4255-8caf-4136c566a962";
const now = () => new Date("2026-12-07T08:00:00.000Z");

const schema = {
  type: "object",
  properties: {
    fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
    note: { type: "string", maxLength: 200 },
  },
  required: ["note"],
} as const;
const context = { citizen: { fullName: "Nguyễn Văn An" } };
const load = (signature?: string) => loadProcedure(doc(schema as never, { sources: { citizen: citizenSource }, ...(signature ? { signature } : {}) }));

async function submitted(procedure: Procedure, note = "Xin cấp bản sao"): Promise<SubmissionEnvelope> {
  const form = createForm(procedure, { context, now });
  await form.settled();
  form.set("/note", note);
  const result = await form.submission();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return JSON.parse(JSON.stringify(result.envelope)) as SubmissionEnvelope;
}

const base64 = (bytes: ArrayBuffer) => Buffer.from(bytes).toString("base64");
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A signer and its verifier, over the UTF-8 bytes of the digest string, with a fresh P-256 key. */
async function keyPair() {
  const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const sign = async (envelope: SubmissionEnvelope): Promise<SubmissionEnvelope> => {
    const digest = await envelopeDigest(envelope);
    const value = base64(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, utf8(digest)));
    return { ...envelope, signature: { alg: "ES256", value, digest, signedAt: "2026-12-07T08:00:01.000Z", signer: "Nguyễn Văn An" } };
  };
  const verify: SignatureVerifier = ({ digest, signature }) =>
    crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, keys.publicKey, Buffer.from(signature.value, "base64"), utf8(digest));
  return { sign, verify };
}

const problems = (result: { errors: readonly { pointer: string; keyword: string; params?: Record<string, unknown> }[] }) =>
  result.errors.map((e) => `${e.pointer} ${e.keyword} ${String(e.params?.["problem"])}`);

describe("the declaration's id", () => {
  it("is a random lower-case UUID, made once per form, and the envelope's id", async () => {
    const procedure = await load();
    const a = createForm(procedure, { context });
    const b = createForm(procedure, { context });
    expect(a.id).toMatch(UUID);
    expect(b.id).toMatch(UUID);
    expect(a.id).not.toBe(b.id);
    a.set("/note", "x");
    const first = await a.submission();
    const again = await a.submission(); // a retried submit: the same id
    expect(first.ok && again.ok && first.envelope.id === a.id && again.envelope.id === a.id).toBe(true);
  });

  it("is kept in the draft and restored from it; a draft from before ids, or with a malformed one, gets a new id", async () => {
    const procedure = await load();
    const first = createForm(procedure, { context });
    first.set("/note", "đang viết");
    const draft = first.draft();
    expect(draft.id).toBe(first.id);
    const restored = createForm(procedure, { context, draft: JSON.parse(JSON.stringify(draft)) });
    expect(restored.draftStatus.state).toBe("restored");
    expect(restored.id).toBe(first.id);
    const { id: _, ...old } = draft;
    const fromOld = createForm(procedure, { context, draft: old });
    expect(fromOld.draftStatus.state).toBe("restored");
    expect(fromOld.id).toMatch(UUID);
    expect(fromOld.id).not.toBe(first.id);
    for (const bad of [ID.toUpperCase(), "not-a-uuid", 42, null]) {
      expect(createForm(procedure, { context, draft: { ...draft, id: bad as never } }).id).not.toBe(bad);
    }
  });

  it("is not taken from a draft that is not restored (another major version)", async () => {
    const procedure = await load();
    const form = createForm(procedure, { context, draft: { id: ID, procedure: { id: "vn.test.form", version: "2.0.0" }, data: {} } });
    expect(form.draftStatus).toEqual({ state: "rejected", reason: "version" });
    expect(form.id).not.toBe(ID);
  });

  it("survives salvageDraft when it is a UUID, and is dropped when it is not", async () => {
    const procedure = await load();
    expect(salvageDraft(procedure, { id: ID, procedure: { id: "vn.test.form", version: "0.9.0" }, data: { note: "x" } })?.draft.id).toBe(ID);
    expect(salvageDraft(procedure, { id: "x", data: { note: "x" } })?.draft).not.toHaveProperty("id");
  });

  it("may be given by the host, and wins over the draft's; anything but a lower-case UUID is a clear TypeError", async () => {
    const procedure = await load();
    expect(createForm(procedure, { id: ID }).id).toBe(ID);
    expect(createForm(procedure, { id: ID, draft: { id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10", data: {} } }).id).toBe(ID);
    expect(() => createForm(procedure, { id: ID.toUpperCase() })).toThrow(TypeError);
    expect(() => createForm(procedure, { id: "123" })).toThrow(/createForm's id must be a lower-case UUID .*got "123"/);
  });

  it("is new after reset(): a reset form is a new declaration", async () => {
    const procedure = await load();
    const form = createForm(procedure, { context, id: ID });
    form.reset();
    expect(form.id).toMatch(UUID);
    expect(form.id).not.toBe(ID);
    expect(form.draft().id).toBe(form.id);
  });
});

describe("the procedure keyword signature", () => {
  it("is required, optional or absent, and carried through a compiled procedure", async () => {
    expect((await load("required")).signature).toBe("required");
    expect((await load("optional")).signature).toBe("optional");
    expect((await load()).signature).toBeUndefined();
    const compiled = compileProcedure(await load("required"));
    const throughJson = { ...JSON.parse(JSON.stringify({ ...compiled, validators: {} })), validators: compiled.validators };
    expect(loadCompiled(throughJson).signature).toBe("required");
  });

  it("anything else is a load error at /signature", async () => {
    const error = await load("yes").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcedureError);
    expect((error as ProcedureError).problems.map((p) => p.pointer)).toContain("/signature");
  });
});

describe("validateSubmission's verifySignature", () => {
  it("accepts a signed envelope whose signature the verifier confirms over the recomputed digest", async () => {
    const procedure = await load("required");
    const { sign, verify } = await keyPair();
    const seen: unknown[] = [];
    const envelope = await sign(await submitted(procedure));
    const result = await validateSubmission(procedure, envelope, {
      context,
      verifySignature: (arg) => {
        seen.push(arg.digest);
        return verify(arg);
      },
    });
    expect(result).toEqual({ valid: true, errors: [] });
    expect(seen).toEqual([envelope.signature!.digest]);
  });

  it("verifies under the limits the host gave: a signed envelope with a text longer than the default limit, which the host allows", async () => {
    const procedure = await loadProcedure(doc({ type: "object", properties: { note: { type: "string" } }, required: ["note"] } as never, { signature: "required" }));
    const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const form = createForm(procedure, { now });
    form.set("/note", "ý".repeat(150_000));
    const result = await form.submission();
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const limits = { ...ENVELOPE_LIMITS, string: 200_000 };
    const digest = await envelopeDigest(result.envelope, limits);
    const value = base64(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, utf8(digest)));
    const envelope = { ...result.envelope, signature: { alg: "ES256", value, digest, signedAt: "2026-12-07T08:00:01.000Z" } };
    const verify: SignatureVerifier = ({ digest: d, signature }) => crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, keys.publicKey, Buffer.from(signature.value, "base64"), utf8(d));
    expect(await validateSubmission(procedure, envelope, { verifySignature: verify, limits: { string: 200_000 } })).toEqual({ valid: true, errors: [] });
    // Under the default limits it is refused where it is too long, before any digest.
    expect(problems(await validateSubmission(procedure, envelope, { verifySignature: verify }))).toEqual(["/data/note envelope string"]);
  });

  it("refuses a byte changed in the data after signing: the declaration changed after it was signed", async () => {
    const procedure = await load("required");
    const { sign, verify } = await keyPair();
    const envelope = await sign(await submitted(procedure, "Xin cấp bản sao"));
    const text = JSON.stringify(envelope).replace("Xin cấp bản sao", "Xin cấp bản sau");
    const result = await validateSubmission(procedure, JSON.parse(text), { context, verifySignature: verify, locale: "en" });
    expect(problems(result)).toEqual(["/signature signature digest"]);
    expect(result.errors[0]!.message).toBe("The declaration changed after it was signed, so the signature no longer holds");
    const vi = await validateSubmission(procedure, JSON.parse(text), { context, verifySignature: verify, locale: "vi" });
    expect(vi.errors[0]!.message).toBe("Tờ khai đã bị thay đổi sau khi ký nên chữ ký không còn giá trị");
  });

  it("refuses a changed envelope whose signature.digest was recomputed to match: the verifier says no", async () => {
    const procedure = await load("required");
    const { sign, verify } = await keyPair();
    const envelope = await sign(await submitted(procedure));
    const changed = { ...envelope, data: { ...(envelope.data as object), note: "Khác" } };
    const forged = { ...changed, signature: { ...envelope.signature!, digest: await envelopeDigest(changed) } };
    const result = await validateSubmission(procedure, forged, { context, verifySignature: verify });
    expect(problems(result)).toEqual(["/signature signature invalid"]);
    expect(result.errors[0]!.message).toBe("Chữ ký số không hợp lệ");
  });

  it("refuses a signature by another key", async () => {
    const procedure = await load("optional");
    const mine = await keyPair();
    const theirs = await keyPair();
    const envelope = await theirs.sign(await submitted(procedure));
    expect(problems(await validateSubmission(procedure, envelope, { context, verifySignature: mine.verify }))).toEqual(["/signature signature invalid"]);
  });

  it("refuses an envelope without a signature when the procedure requires one, in the citizen's language", async () => {
    const procedure = await load("required");
    const { verify } = await keyPair();
    const envelope = await submitted(procedure);
    const result = await validateSubmission(procedure, envelope, { context, verifySignature: verify });
    expect(problems(result)).toEqual(["/signature signature missing"]);
    expect(result.errors[0]!.message).toBe("Tờ khai này phải được ký số trước khi nộp");
    const en = await validateSubmission(procedure, { ...envelope, locale: "en" }, { context, verifySignature: verify });
    expect(en.errors[0]!.message).toBe("This declaration must be signed before it is submitted");
  });

  it("accepts an unsigned envelope when the signature is optional, or not asked for", async () => {
    for (const signature of ["optional", undefined]) {
      const procedure = await load(signature);
      expect(await validateSubmission(procedure, await submitted(procedure), { context })).toEqual({ valid: true, errors: [] });
    }
  });

  it("fails closed: a signature with no verifier, or a verifier that throws, cannot be verified and is refused", async () => {
    for (const signature of ["required", "optional", undefined]) {
      const procedure = await load(signature);
      const { sign } = await keyPair();
      const envelope = await sign(await submitted(procedure));
      expect(problems(await validateSubmission(procedure, envelope, { context }))).toEqual(["/signature signature no-verifier"]);
      const diagnostics: Diagnostic[] = [];
      const thrown = await validateSubmission(procedure, envelope, {
        context,
        onDiagnostic: (d) => diagnostics.push(d),
        verifySignature: () => {
          throw new Error("the key store is down");
        },
      });
      expect(problems(thrown)).toEqual(["/signature signature verifier-failed"]);
      expect(diagnostics).toMatchObject([{ pointer: "/signature", code: "signature-verifier", message: "the key store is down" }]);
      const rejected = await validateSubmission(procedure, envelope, { context, verifySignature: () => Promise.reject(new Error("timeout")) });
      expect(problems(rejected)).toEqual(["/signature signature verifier-failed"]);
    }
  });

  it("takes only true as verified", async () => {
    const procedure = await load("required");
    const { sign } = await keyPair();
    const envelope = await sign(await submitted(procedure));
    for (const answer of [false, "true", 1, undefined, {}]) {
      const result = await validateSubmission(procedure, envelope, { context, verifySignature: () => answer as never });
      expect(problems(result)).toEqual(["/signature signature invalid"]);
    }
  });

  it("checks the signature before the data: an unsigned envelope runs no expression", async () => {
    const procedure = await load("required");
    const envelope = await submitted(procedure);
    const bad = { ...envelope, data: { ...(envelope.data as object), fullName: "Người khác" } };
    expect(problems(await validateSubmission(procedure, bad, { context }))).toEqual(["/signature signature missing"]);
  });

  it("refuses a signature of the wrong shape as an envelope error", async () => {
    const procedure = await load("optional");
    const envelope = await submitted(procedure);
    for (const signature of [{}, { alg: "ES256", value: "x", digest: "sha256:00", signedAt: "2026-12-07T08:00:00Z" }, { alg: "", value: "x", digest: `sha256:${"0".repeat(64)}`, signedAt: "2026-12-07T08:00:00Z" }]) {
      const result = await validateSubmission(procedure, { ...envelope, signature }, { context, locale: "en" });
      expect(problems(result)).toEqual(["/signature envelope signature"]);
      expect(result.errors[0]!.message).toMatch(/the signature must be \{ alg, value, digest, signedAt, signer\?, certificate\? \}/);
    }
  });

  it("refuses an envelope without an id, or with one that is not a lower-case UUID", async () => {
    const procedure = await load();
    const { id: _, ...envelope } = await submitted(procedure);
    expect(problems(await validateSubmission(procedure, envelope, { context }))).toEqual(["/id envelope missing"]);
    const upper = await validateSubmission(procedure, { ...envelope, id: ID.toUpperCase() }, { context, locale: "en" });
    expect(problems(upper)).toEqual(["/id envelope id"]);
    expect(upper.errors[0]!.message).toMatch(/id must be a lower-case UUID/);
  });
});
