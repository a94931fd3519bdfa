// envelopeDigest: "sha256:" + hex SHA-256 of the UTF-8 of the RFC 8785 canonical JSON of the envelope
// without its signature. Checked against node:crypto over canonical text written by hand
// (test/fixtures/digest-vectors.ts); the same vectors run in Chromium (elements' tk-form-signature test).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalEnvelope, envelopeDigest } from "@tokhai/core";
import * as precompiled from "@tokhai/core/precompiled";
import { CANONICAL, CANONICAL_NFD, DIGEST, DIGEST_NFD, ENVELOPE_TEXT, ENVELOPE_TEXT_NFD } from "../../../test/fixtures/digest-vectors.js";

const sha256 = (text: string) => `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;

describe("envelopeDigest", () => {
  it("is SHA-256 of the RFC 8785 canonical form: members sorted by UTF-16 code units, ECMAScript numbers, JSON.stringify strings, no signature", async () => {
    const envelope = JSON.parse(ENVELOPE_TEXT);
    expect(canonicalEnvelope(envelope)).toBe(CANONICAL);
    expect(sha256(CANONICAL)).toBe(DIGEST);
    expect(await envelopeDigest(envelope)).toBe(DIGEST);
  });

  it("tells NFC from NFD: text is hashed as it is, not normalised", async () => {
    expect(sha256(CANONICAL_NFD)).toBe(DIGEST_NFD);
    expect(await envelopeDigest(JSON.parse(ENVELOPE_TEXT_NFD))).toBe(DIGEST_NFD);
    expect(DIGEST_NFD).not.toBe(DIGEST);
  });

  it("does not depend on member order or the signature, and changes with any value", async () => {
    const envelope = JSON.parse(ENVELOPE_TEXT);
    const reordered = Object.fromEntries(Object.entries(envelope).reverse());
    expect(await envelopeDigest(reordered)).toBe(DIGEST);
    const { signature: _, ...unsigned } = envelope;
    expect(await envelopeDigest(unsigned)).toBe(DIGEST);
    expect(await envelopeDigest({ ...envelope, signature: { other: true } })).toBe(DIGEST);
    expect(await envelopeDigest({ ...envelope, data: { ...envelope.data, soTien: 2 } })).not.toBe(DIGEST);
    expect(await envelopeDigest({ ...envelope, id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c11" })).not.toBe(DIGEST);
  });

  it("is the same function in the precompiled entry", async () => {
    expect(await precompiled.envelopeDigest(JSON.parse(ENVELOPE_TEXT))).toBe(DIGEST);
  });

  it("refuses what is not a JSON object within the envelope limits, saying what and where", async () => {
    await expect(envelopeDigest([])).rejects.toThrow(/a JSON object/);
    await expect(envelopeDigest("{}")).rejects.toThrow(TypeError);
    await expect(envelopeDigest({ data: { n: Number.NaN } })).rejects.toThrow(/NaN, which is not JSON at "\/data\/n"/);
    await expect(envelopeDigest({ data: { when: new Date(0) } })).rejects.toThrow(/not JSON/);
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { a: deep };
    await expect(envelopeDigest({ data: deep })).rejects.toThrow(/depth limit/);
  });

  it("keeps an own __proto__ member, as JSON.parse makes it", async () => {
    const envelope = JSON.parse('{"data":{"__proto__":{"x":1}},"id":"a"}');
    expect(canonicalEnvelope(envelope)).toBe('{"data":{"__proto__":{"x":1}},"id":"a"}');
  });
});
