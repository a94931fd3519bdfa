/**
 * The two descriptions of an envelope's shape agree: the hand-written `checkEnvelope` (src/envelope.ts,
 * the first stage of `validateSubmission`) and the published `@tokhai/core/envelope.v1.schema.json`,
 * compiled with ajv for draft 2020-12. For arbitrary envelopes (valid ones, and mutations of their
 * shape: members removed, added and retyped, version strings, locales, times, claims of each shape and
 * broken ones, attachments, `__proto__`-like keys), the schema accepts iff `checkEnvelope` does.
 *
 * Sizes stay within `ENVELOPE_LIMITS` (depth, number of values, string length): those limits are what
 * the schema cannot state, and are tested in trust-boundary.test.ts.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission, type Procedure } from "@tokhai/core";
// Internal, not exported by the package: the first stage of validateSubmission, from the built module.
import { checkEnvelope } from "../dist/envelope.js";
import { answersOf, exampleAjv, fillAnswers, personaContext, readJson, type Json } from "../../../test/node/examples.js";

/** `TK_PROPERTY_SCALE=10` multiplies the number of runs, for a longer search by hand. */
const SCALE = Math.max(1, Number(process.env["TK_PROPERTY_SCALE"] ?? 1));
const require = createRequire(import.meta.url);
const schema = require("@tokhai/core/envelope.v1.schema.json") as Json;
const schemaAccepts = exampleAjv({ strict: true }).compile(schema);

/** An object with `entries` as own enumerable properties, `__proto__` included (as JSON.parse makes them). */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Through JSON text, as a back end receives it. */
const received = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// ---------------------------------------------------------------------------------------------
// Pieces of an envelope: valid ones, near misses, and anything
// ---------------------------------------------------------------------------------------------

const anything = fc.jsonValue({ maxDepth: 3 });
const oddKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", "0", "-", "/", "~", "~0", "~1", "/a", "id ", "ID");
const key = fc.oneof(oddKey, fc.string({ maxLength: 8 }), fc.string({ unit: "binary", maxLength: 4 }));
const astral = fc.constantFrom("😀", "𝒜", "\u{10FFFF}");
/** Strings that straddle a length limit: counted in code points by JSON Schema. */
const nearLength = (limit: number) =>
  fc.tuple(fc.integer({ min: limit - 3, max: limit + 3 }), fc.oneof(fc.constant("a"), fc.constant("ệ"), astral)).map(([n, c]) => c.repeat(Math.max(0, n)));

const semver = fc
  .tuple(fc.nat(30), fc.nat(30), fc.nat(30), fc.option(fc.stringMatching(/^[0-9A-Za-z.-]{1,6}$/)), fc.option(fc.stringMatching(/^[0-9A-Za-z.-]{1,6}$/)))
  .map(([a, b, c, pre, build]) => `${a}.${b}.${c}${pre === null ? "" : `-${pre}`}${build === null ? "" : `+${build}`}`);
const version = fc.oneof(
  { weight: 4, arbitrary: semver },
  { weight: 2, arbitrary: fc.constantFrom("1.0", "01.0.0", "1.0.0-", "1.0.0+", " 1.0.0", "1.0.0 ", "1.0.0\n", "1.0.0-a..b", "1.0.0-ệ", "v1.0.0", "1.0.0.0", "", "1.0.0-a+b+c", "1.0.0-+") },
  { weight: 1, arbitrary: semver.map((v) => `${v}${"0".repeat(100 - v.length)}`) }, // around maxLength 100
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("1.0.0-", "1.0.0+"), fc.integer({ min: 90, max: 100 })).map(([v, n]) => v + "a".repeat(n - v.length)) },
  { weight: 1, arbitrary: anything },
);
const procedureId = fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) }, { weight: 2, arbitrary: nearLength(200) }, { weight: 1, arbitrary: fc.constant("") }, { weight: 1, arbitrary: anything });
const procedureMember = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(procedureId, version).map(([id, v]) => ({ id, version: v })) },
  { weight: 2, arbitrary: fc.tuple(procedureId, version, fc.subarray(["id", "version"]), fc.option(fc.tuple(key, anything), { nil: undefined })).map(([id, v, drop, extra]) => objectOf([...(drop.includes("id") ? [] : [["id", id] as const]), ...(drop.includes("version") ? [] : [["version", v] as const]), ...(extra ? [extra] : [])])) },
  { weight: 1, arbitrary: anything },
);

const pointer = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9]{0,6}$/), fc.constantFrom("~0", "~1", "ệ", "😀")), { minLength: 1, maxLength: 4 }).map((s) => s.map((x) => `/${x}`).join("")) },
  { weight: 2, arbitrary: fc.constantFrom("", "a", "/", "//", "/~", "/~2", "/a~", "/a~0~1", "a/b", "/\u0000", "/\uD800", " /a", "#/a") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }).map((s) => `/${s}`) },
);
const sourceName = fc.oneof(
  fc.constantFrom("citizen", "household", "_x", "a1", "computed", "default", "user", "Computed", "1a", "a-b", "", "ệ", "a b"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
  fc.string({ maxLength: 6 }),
);
const scalar = fc.oneof(fc.boolean(), fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null));
/** A claim: one of the three shapes, or a near miss (a key dropped or added, a value of another type). */
const claim = fc.oneof(
  { weight: 3, arbitrary: fc.record({ source: sourceName, path: fc.string({ maxLength: 12 }), locked: fc.boolean(), edited: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ source: fc.constantFrom("default", "computed", "user"), edited: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ source: fc.constantFrom("computed", "user", "default", "citizen") }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.subarray(["source", "path", "locked", "edited", "extra", "__proto__"], { minLength: 0 }),
        fc.record({ source: fc.oneof(sourceName, scalar), path: fc.oneof(fc.string({ maxLength: 8 }), scalar), locked: fc.oneof(fc.boolean(), scalar), edited: fc.oneof(fc.boolean(), scalar), extra: scalar, __proto__: scalar }),
      )
      .map(([keys, values]) => objectOf(keys.map((k) => [k, (values as Record<string, unknown>)[k]] as const))),
  },
  { weight: 1, arbitrary: anything },
);
const provenanceMember = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: pointer }, { weight: 1, arbitrary: oddKey }), claim), { maxLength: 6 }).map(objectOf) },
  { weight: 1, arbitrary: anything },
);

const attachment = fc.oneof(
  { weight: 3, arbitrary: fc.record({ pointer, name: fc.string({ maxLength: 8 }), type: fc.constantFrom("application/pdf", "image/jpeg", ""), size: fc.oneof(fc.nat(), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })) }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.subarray(["pointer", "name", "type", "size", "url", "__proto__"]),
        fc.record({ pointer: fc.oneof(pointer, scalar), name: fc.oneof(fc.string({ maxLength: 4 }), scalar), type: fc.oneof(fc.string({ maxLength: 4 }), scalar), size: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), scalar), url: scalar, __proto__: scalar }),
      )
      .map(([keys, values]) => objectOf(keys.map((k) => [k, (values as Record<string, unknown>)[k]] as const))),
  },
  { weight: 1, arbitrary: anything },
);
const attachmentsMember = fc.oneof({ weight: 6, arbitrary: fc.array(attachment, { maxLength: 4 }) }, { weight: 1, arbitrary: anything });

const localeMember = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("vi", "en") }, { weight: 2, arbitrary: fc.constantFrom("VI", "en-US", "fr", "", " vi", ["vi"]) }, { weight: 1, arbitrary: anything });

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const dateTime = fc
  .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.option(fc.stringMatching(/^\.[0-9]{1,9}$/), { nil: "" }), fc.oneof(fc.constant("Z"), fc.tuple(fc.constantFrom("+", "-"), digits(2), digits(2)).map(([s, h, m]) => `${s}${h}:${m}`)))
  .map(([y, mo, d, h, mi, s, frac, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`);
const submittedAtMember = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(dateTime, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) },
  { weight: 2, arbitrary: fc.constantFrom("2026-11-22", "2026-11-22T08:00:00", "2026-11-22 08:00:00Z", "2026-11-22t08:00:00z", "2026-11-22T08:00:00.Z", "2026-11-22T08:00:00+0700", "+002026-11-22T08:00:00Z", "2026-11-22T08:00:00Z\n") },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 55, max: 60 }), dateTime).map(([n, d]) => d.replace(/(Z|[+-].*)$/, `.${"1".repeat(n - 20)}$1`)) }, // around maxLength 64
  { weight: 1, arbitrary: anything },
);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const uuid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join("-"));
const idMember = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(uuid, fc.uuid()) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      uuid.map((u) => u.toUpperCase()),
      uuid.map((u) => u.replaceAll("-", "")),
      uuid.map((u) => `{${u}}`),
      uuid.map((u) => `${u}\n`),
      uuid.map((u) => u.slice(1)),
      uuid.map((u) => `urn:uuid:${u}`),
      fc.constantFrom("", "00000000-0000-0000-0000-00000000000g", "0000000-00000-0000-0000-000000000000"),
    ),
  },
  { weight: 1, arbitrary: anything },
);
/** Strings of BMP characters around a limit (astral ones past 100,000 UTF-16 units are the string limit's, not the schema's). */
const nearLengthBmp = (limit: number) => fc.tuple(fc.integer({ min: limit - 2, max: limit + 2 }), fc.constantFrom("a", "ệ")).map(([n, c]) => c.repeat(Math.max(0, n)));
const digest = hex(64).map((h) => `sha256:${h}`);
const goodSignature = fc.record(
  { alg: fc.constantFrom("ES256", "ECDSA-P256-SHA256", "RS256"), value: fc.base64String({ minLength: 4, maxLength: 100 }), digest, signedAt: dateTime, signer: fc.string({ maxLength: 20 }), certificate: fc.base64String({ maxLength: 40 }) },
  { requiredKeys: ["alg", "value", "digest", "signedAt"] },
);
const signatureMember = fc.oneof(
  { weight: 4, arbitrary: goodSignature },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.subarray(["alg", "value", "digest", "signedAt", "signer", "certificate", "extra", "__proto__"]),
        fc.record({
          alg: fc.oneof(fc.constant(""), nearLength(100), scalar),
          value: fc.oneof(fc.constant(""), nearLength(20_000), scalar),
          digest: fc.oneof(digest.map((d) => d.toUpperCase()), digest.map((d) => d.slice(0, -1)), digest.map((d) => d.replace("sha256:", "sha-256:")), hex(64), scalar),
          signedAt: submittedAtMember,
          signer: fc.oneof(nearLength(1_000), scalar),
          certificate: fc.oneof(nearLengthBmp(100_000), scalar),
          extra: scalar,
          __proto__: scalar,
        }),
        goodSignature,
      )
      .map(([keys, values, base]) => objectOf([...Object.entries(base).filter(([k]) => !keys.includes(k)), ...keys.map((k) => [k, (values as Record<string, unknown>)[k]] as const)])),
  },
  { weight: 1, arbitrary: anything },
);

const dataMember = fc.oneof({ weight: 6, arbitrary: fc.dictionary(key, anything, { maxKeys: 4 }) }, { weight: 1, arbitrary: anything });

const validPointer = fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9]{0,6}$/), fc.constantFrom("~0", "~1", "ệ", "😀")), { minLength: 1, maxLength: 4 }).map((s) => s.map((x) => `/${x}`).join(""));
const validClaim = fc.oneof(
  fc.record({ source: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((n) => !["computed", "default", "user"].includes(n)), path: fc.string({ maxLength: 12 }), locked: fc.boolean(), edited: fc.boolean() }),
  fc.record({ source: fc.constant("default"), edited: fc.boolean() }),
  fc.record({ source: fc.constantFrom("computed", "user") }),
);
/** Well-formed members: what the form makes. */
const good = {
  id: uuid,
  procedure: fc.record({ id: fc.string({ minLength: 1, maxLength: 30 }), version: semver }),
  data: fc.dictionary(key, anything, { maxKeys: 4 }),
  provenance: fc.array(fc.tuple(validPointer, validClaim), { maxLength: 6 }).map(objectOf),
  attachments: fc.array(fc.record({ pointer: validPointer, name: fc.string({ maxLength: 8 }), type: fc.constantFrom("application/pdf", "image/jpeg", ""), size: fc.nat() }), { maxLength: 3 }),
  locale: fc.constantFrom("vi", "en"),
  submittedAt: fc.oneof(dateTime, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
  /** Optional: absent two times in three. */
  signature: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: goodSignature }),
};
/** Any member: well-formed, a near miss, or anything. */
const any = { id: idMember, signature: signatureMember, procedure: procedureMember, data: dataMember, provenance: provenanceMember, attachments: attachmentsMember, locale: localeMember, submittedAt: submittedAtMember };

/** `arbitrary` one time in 8, else undefined. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const MEMBERS = ["id", "procedure", "data", "provenance", "attachments", "locale", "submittedAt", "signature"] as const;
type Member = (typeof MEMBERS)[number];
/**
 * An envelope: well-formed members, 0–2 of them replaced by any value of theirs (a near miss, usually),
 * sometimes one removed or an extra member added, in a rotated order; sometimes not an object at all.
 */
const envelopeArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.record(good),
        fc.record(any),
        fc.subarray([...MEMBERS], { maxLength: 2 }), // replaced by any value
        rarely(fc.constantFrom(...MEMBERS)), // removed
        rarely(fc.tuple(fc.oneof(oddKey, fc.constantFrom("Data", "version", "meta"), key), anything)),
        fc.nat(), // a rotation of the member order
      )
      .map(([wellFormed, anyValue, replaced, removed, extra, rotation]) => {
        const entries: [string, unknown][] = MEMBERS.filter((m) => m !== removed)
          .map((m: Member): [string, unknown] => [m, replaced.includes(m) ? anyValue[m] : wellFormed[m]])
          .filter(([m, v]) => m !== "signature" || v !== undefined); // an absent signature is no member

        const r = rotation % entries.length;
        const ordered = [...entries.slice(r), ...entries.slice(0, r)];
        if (extra) ordered.splice(rotation % (ordered.length + 1), 0, extra);
        return objectOf(ordered);
      }),
  },
  { weight: 1, arbitrary: anything },
);

// ---------------------------------------------------------------------------------------------
// Real envelopes, from the example procedures
// ---------------------------------------------------------------------------------------------

const now = () => new Date("2026-11-22T08:00:00.000Z");
interface Seed {
  readonly procedure: Procedure;
  readonly envelope: Json;
}
const seeds: Seed[] = [];

beforeAll(async () => {
  for (const [name, persona] of [
    ["dang-ky-thuong-tru", "le-thi-mai"],
    ["dang-ky-khai-sinh", "nguyen-van-an"],
    ["cap-doi-giay-phep-lai-xe", "pham-quoc-huy"],
  ] as const) {
    const procedure = await loadProcedure(readJson(`examples/procedures/${name}.json`));
    const form = createForm(procedure, { context: personaContext(persona), now });
    await form.settled();
    await fillAnswers(form, answersOf(name).personas[persona]!.answers!);
    const result = await form.submission();
    if (!result.ok) throw new Error(`${name} ${persona}: ${JSON.stringify(result.errors)}`);
    seeds.push({ procedure, envelope: received(result.envelope) as Json });
  }
});

/** Replaces one member of a real envelope (or one of its claims or attachments) by a generated piece, or removes it. */
const realMutation = fc.record({
  seed: fc.nat(),
  at: fc.constantFrom("id", "signature", "procedure", "procedure.id", "procedure.version", "data", "provenance", "claim", "claim key", "attachments", "attachment", "locale", "submittedAt", "extra", "remove"),
  index: fc.nat(),
  piece: fc.record({ envelopeId: idMember, signature: signatureMember, procedure: procedureMember, id: procedureId, version, provenance: provenanceMember, claim, pointer, attachments: attachmentsMember, attachment, locale: localeMember, submittedAt: submittedAtMember, data: dataMember, extra: fc.tuple(key, anything) }),
});

type RealMutation = typeof realMutation extends fc.Arbitrary<infer T> ? T : never;

function applyReal(m: RealMutation): { seed: Seed; envelope: unknown } {
  const seed = seeds[m.seed % seeds.length]!;
  const e = structuredClone(seed.envelope);
  const claims = Object.keys(e["provenance"]);
  const k = claims[m.index % claims.length]!;
  switch (m.at) {
    case "id":
      e["id"] = m.piece.envelopeId;
      break;
    case "signature":
      e["signature"] = m.piece.signature;
      break;
    case "procedure":
    case "provenance":
    case "attachments":
    case "locale":
    case "submittedAt":
    case "data":
      e[m.at] = m.piece[m.at];
      break;
    case "procedure.id":
      e["procedure"].id = m.piece.id;
      break;
    case "procedure.version":
      e["procedure"].version = m.piece.version;
      break;
    case "claim":
      e["provenance"][k] = m.piece.claim;
      break;
    case "claim key": {
      const entries = Object.entries(e["provenance"] as Json).map(([p, c]) => [p === k ? m.piece.pointer : p, c] as const);
      e["provenance"] = objectOf(entries);
      break;
    }
    case "attachment":
      e["attachments"] = [...(e["attachments"] as unknown[]), m.piece.attachment];
      break;
    case "extra":
      return { seed, envelope: objectOf([...Object.entries(e), m.piece.extra]) };
    case "remove":
      delete e[MEMBERS[m.index % MEMBERS.length]!];
      break;
  }
  return { seed, envelope: e };
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

/** The procedure-dependent errors of validateSubmission's envelope check: not about the shape. */
const procedureDependent = (e: { pointer: string; keyword: string; params?: Record<string, unknown> }) =>
  (e.pointer === "/procedure/id" && e.params?.["expected"] !== undefined) ||
  (e.pointer === "/procedure/version" && e.params?.["expected"] !== undefined) ||
  (e.pointer === "/attachments" && e.params?.["problem"] === "attachments");

const verdicts = (envelope: unknown) => {
  const value = received(envelope);
  const checked = checkEnvelope(value, "en");
  return { value, schema: schemaAccepts(value), hand: checked.error === undefined, checked };
};

describe("checkEnvelope and envelope.v1.schema.json agree", () => {
  it("the schema compiles under ajv's strict mode and accepts the form's own envelopes", () => {
    for (const seed of seeds) {
      expect(schemaAccepts(seed.envelope), JSON.stringify(schemaAccepts.errors)).toBe(true);
      expect(checkEnvelope(seed.envelope, "en").error).toBeUndefined();
    }
  });

  it("on generated envelopes: the schema accepts iff checkEnvelope does", { timeout: 20_000 * SCALE }, () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const v = verdicts(envelope);
        expect({ schema: v.schema, hand: v.hand, error: v.checked.error, ajv: schemaAccepts.errors?.slice(0, 3) }).toMatchObject({ schema: v.hand });
      }),
      { numRuns: 3000 * SCALE },
    );
  });

  it("on real envelopes with a member, claim or attachment replaced: the schema accepts iff checkEnvelope does", { timeout: 20_000 * SCALE }, () => {
    fc.assert(
      fc.property(realMutation, (m) => {
        const v = verdicts(applyReal(m).envelope);
        expect({ schema: v.schema, hand: v.hand, error: v.checked.error, ajv: schemaAccepts.errors?.slice(0, 3) }).toMatchObject({ schema: v.hand });
      }),
      { numRuns: 2000 * SCALE },
    );
  });

  it("through validateSubmission: the schema accepts iff there is no envelope error but the procedure's own", { timeout: 20_000 * SCALE }, async () => {
    await fc.assert(
      fc.asyncProperty(realMutation, async (m) => {
        const { seed, envelope } = applyReal(m);
        const value = received(envelope);
              const result = await validateSubmission(seed.procedure, value, { context: {}, now });
        const shape = result.errors.filter((e) => e.keyword === "envelope" && !procedureDependent(e));
        expect({ schema: schemaAccepts(value), shape }).toMatchObject({ schema: shape.length === 0 });
        // Located in the envelope, and before any data check: the only error.
        if (shape.length > 0) expect(result.errors).toEqual(shape);
      }),
      { numRuns: 300 * SCALE },
    );
  });
});

describe("bugs found by the properties", () => {
  // Found by "on real envelopes…": a procedure id of 101 to 200 astral characters (emoji) is within the
  // schema's `maxLength: 200` (JSON Schema counts code points), and checkEnvelope refused it (it counted
  // UTF-16 code units): the published schema and validateSubmission disagreed.
  it("a procedure id of 150 emoji: the schema accepts it, and so should checkEnvelope", () => {
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: "😀".repeat(150), version: "1.0.0" },
      data: {},
      provenance: {},
      attachments: [],
      locale: "vi",
      submittedAt: "2026-11-22T08:00:00.000Z",
    };
    expect(schemaAccepts(envelope)).toBe(true);
    expect(checkEnvelope(envelope, "en").error).toBeUndefined();
  });
});

describe("the generators", () => {
  it("make both accepted and refused envelopes", () => {
    const sample = fc.sample(envelopeArb, { numRuns: 2000, seed: 1 }).map((e) => schemaAccepts(received(e)));
    const accepted = sample.filter(Boolean).length;
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(1800);
  });
});
