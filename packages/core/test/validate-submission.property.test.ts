/**
 * Properties of the trust boundary (issue 14): `validateSubmission`, the back end's re-validation of an
 * envelope, on the envelopes the example procedures really make, mutated as an attacker (or a broken
 * client) would.
 *
 * a. It always resolves to `{ valid, errors }`, never rejects or throws, with at most `maxErrors`
 *    located errors, and never reaches its catch-all (`params.internal`).
 * b. It never accepts an envelope whose locked values differ from the context. With the envelope the
 *    form made from the same context as the reference (its locked claims are what the context yields):
 *    in an accepted envelope, every claim `locked: true` names a locked value of the reference and holds
 *    it; every locked value of the reference outside a list is there, with the same claim and value, or
 *    its field is hidden; and every row that claims source row k (a claim of the list's source whose
 *    path is below `list[k]`), wherever it sits, holds the locked values of the reference's row k.
 * c. An envelope the form made is accepted, whatever the order of its members, keys and claims.
 *
 * How: the seeds are the envelopes of each example procedure for each persona that can submit it
 * (test/e2e/answers), their lookups answered by the example registers (as the example server answers
 * them, for the form and for the check alike). A mutation is a small description (a kind, indices, a payload) applied to a copy,
 * so that a counterexample is short and shrinks; 1–3 are applied at once. The result goes through JSON
 * text, as a back end receives it (so `__proto__` is an own key).
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission, type Diagnostic, type FormContext, type LookupResolver, type Procedure } from "@tokhai/core";
import { answersOf, fillAnswers, lookupsFor, PERSONA_NAMES, PROCEDURE_NAMES, personaContext, readJson, type Json } from "../../../test/node/examples.js";

const now = () => new Date("2026-11-22T08:00:00.000Z");
/** `TK_PROPERTY_SCALE=10` multiplies the number of runs, for a longer search by hand. */
const SCALE = Math.max(1, Number(process.env["TK_PROPERTY_SCALE"] ?? 1));

// ---------------------------------------------------------------------------------------------
// Seeds: the envelopes the forms make, and what the context locks in them
// ---------------------------------------------------------------------------------------------

interface Claim {
  readonly source: string;
  readonly path?: string;
  readonly locked?: boolean;
  readonly edited?: boolean;
}
interface ListTruth {
  readonly source: string;
  /** The provenance path of the list: a row's claims are `${listPath}[k].field`. */
  readonly listPath: string;
  /** Source row → its locked values, by pointer relative to the row. */
  readonly rows: Map<number, Map<string, unknown>>;
}
interface Seed {
  readonly name: string;
  readonly persona: string;
  readonly procedure: Procedure;
  readonly context: FormContext;
  /** The procedure's lookups, answered by the example registers for the persona. */
  readonly lookup: LookupResolver;
  /** The envelope the form made, through JSON. */
  readonly envelope: Json;
  /** `source\0path` of each locked claim → its value. */
  readonly lockedByPath: Map<string, unknown>;
  /** Pointer of each locked value outside a list → its claim and value. */
  readonly lockedTop: Map<string, { claim: Claim; value: unknown }>;
  /** List pointer → its source rows' locked values. */
  readonly lists: Map<string, ListTruth>;
}

const seeds: Seed[] = [];
/** Every scalar of every seed's data, and a few odd ones: the values a mutation writes. */
const pool: unknown[] = ["", "x", 0, -1, 1.5, true, false, null, "Nguyễn Văn Bê", "001090012345", "1990-01-01", "79", "00166", "<script>", "__proto__"];

const escape = (s: string | number) => String(s).replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
const pointerOf = (path: readonly (string | number)[]) => path.map((s) => `/${escape(s)}`).join("");

/** The value at a JSON pointer, own properties only; undefined when there is none. */
function getPointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let v: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const s = unescape(raw);
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

const ROW_POINTER = /^(.*)\/(0|[1-9][0-9]*)(\/.*)$/;
const ROW_PATH = /^([\s\S]*)\[(0|[1-9][0-9]*)\](\.[^.[\]]+)+$/;

function truthOf(envelope: Json): Pick<Seed, "lockedByPath" | "lockedTop" | "lists"> {
  const lockedByPath = new Map<string, unknown>();
  const lockedTop = new Map<string, { claim: Claim; value: unknown }>();
  const lists = new Map<string, ListTruth>();
  for (const [pointer, claim] of Object.entries(envelope["provenance"] as Record<string, Claim>)) {
    if (claim.locked !== true) continue;
    const value = getPointer(envelope["data"], pointer);
    lockedByPath.set(`${claim.source}\u0000${claim.path}`, value);
    const row = ROW_POINTER.exec(pointer);
    const path = row ? ROW_PATH.exec(claim.path!) : null;
    if (!row || !path) {
      lockedTop.set(pointer, { claim, value });
      continue;
    }
    const [, list, , rel] = row;
    let truth = lists.get(list!);
    if (!truth) lists.set(list!, (truth = { source: claim.source, listPath: path[1]!, rows: new Map() }));
    const k = Number(path[2]);
    if (!truth.rows.has(k)) truth.rows.set(k, new Map());
    truth.rows.get(k)!.set(rel!, value);
  }
  return { lockedByPath, lockedTop, lists };
}

beforeAll(async () => {
  for (const name of PROCEDURE_NAMES) {
    // These properties are about the data: a signature the procedure requires is signature.test.ts's.
    const { signature: _signature, ...document } = readJson(`examples/procedures/${name}.json`);
    const procedure = await loadProcedure(document);
    const file = answersOf(name);
    for (const persona of PERSONA_NAMES) {
      const plan = file.personas[persona];
      if (!plan?.answers || plan.exit) continue;
      const context = personaContext(persona);
      const lookups = lookupsFor(persona);
      const form = createForm(procedure, { context, now, ...lookups });
      await form.settled();
      await fillAnswers(form, plan.answers);
      const result = await form.submission();
      if (!result.ok) throw new Error(`${name} ${persona}: ${JSON.stringify(result.errors)}`);
      const envelope = JSON.parse(JSON.stringify(result.envelope)) as Json;
      seeds.push({ name, persona, procedure, context, lookup: lookups.lookup, envelope, ...truthOf(envelope) });
      for (const { value } of locations(envelope["data"])) if (value === null || typeof value !== "object") pool.push(value);
    }
  }
  expect(seeds.length).toBeGreaterThanOrEqual(10);
  expect(seeds.some((s) => s.lists.size > 0)).toBe(true);
}, 60_000);

// ---------------------------------------------------------------------------------------------
// Locations and mutations
// ---------------------------------------------------------------------------------------------

type Path = (string | number)[];
interface Location {
  readonly path: Path;
  readonly value: unknown;
}

/** Every location of a value, in document order (at most 2,000: enough to pick from). */
function locations(root: unknown): Location[] {
  const out: Location[] = [];
  const stack: Location[] = [{ path: [], value: root }];
  while (stack.length > 0 && out.length < 2000) {
    const loc = stack.pop()!;
    out.push(loc);
    const v = loc.value;
    if (v === null || typeof v !== "object") continue;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.slice(0, 50).map((x, i) => [i, x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ path: [...loc.path, entries[i]![0]], value: entries[i]![1] });
  }
  return out;
}

/** Sets (or, with `remove`, deletes) the value at `path`; defines own properties, `__proto__` included. */
function setAt(root: Json, path: Path, value: unknown, remove = false): Json {
  if (path.length === 0) return value as Json;
  let parent: any = root;
  for (const s of path.slice(0, -1)) {
    parent = parent?.[s];
    if (parent === null || typeof parent !== "object") return root; // an earlier mutation changed the way there
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === "number") {
    if (remove) parent.splice(last, 1);
    else parent[last] = value;
  } else if (remove) delete parent[last];
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === "object" && !Array.isArray(v);
const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

/** Renames the claims of the rows of `list` (`old index → new indices`, none: removed). */
function renumberClaims(provenance: Record<string, unknown>, list: string, mapping: (i: number) => number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const add = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [k, v] of Object.entries(provenance)) {
    if (!k.startsWith(`${list}/`)) {
      add(k, v);
      continue;
    }
    const m = /^\/(0|[1-9][0-9]*)(\/.*)?$/.exec(k.slice(list.length));
    if (!m) {
      add(k, v);
      continue;
    }
    for (const j of mapping(Number(m[1]))) add(`${list}/${j}${m[2] ?? ""}`, structuredClone(v));
  }
  return out;
}

const KINDS = [
  "retype",
  "extra",
  "huge",
  "deep",
  "pointer key",
  "value",
  "claim change",
  "claim remove",
  "claim add",
  "claim retype",
  "row swap",
  "row duplicate",
  "row remove",
  "row data only",
  "row steal",
  "row claims copy",
  "claim copy",
  "lock forge",
  "lock forge row",
  "lock keep claim",
  "attachment remove",
  "attachment change",
  "attachment add",
  "attachment reorder",
  "file change",
  "member json",
  "whole json",
] as const;
type Kind = (typeof KINDS)[number];

const oddKey = fc.constantFrom("constructor", "prototype", "__proto__", "toString", "hasOwnProperty", "valueOf", "", "0", "-", "/a", "a/b", "~", "~0", "~1", "/", "x");
const small = fc.jsonValue({ maxDepth: 2 });
const typed = fc.oneof(fc.constantFrom<unknown>(null, true, false, 0, -1, 1e21, "", "x", [], {}, [null], { a: 1 }), small);
const claimArb = fc.oneof(
  fc.record({ source: fc.constantFrom("user", "computed") }),
  fc.record({ source: fc.constant("default"), edited: fc.boolean() }),
  fc.record({
    source: fc.constantFrom("citizen", "household", "drivingLicence", "business", "otherParty", "businessName", "catalog", "other"),
    path: fc.constantFrom("fullName", "personalId", "phone", "members[0].fullName", "permanentAddress.provinceCode", "x"),
    locked: fc.boolean(),
    edited: fc.boolean(),
  }),
);

const ROW_KINDS: readonly Kind[] = ["row swap", "row duplicate", "row remove", "row data only", "row steal", "row claims copy", "claim copy", "claim change", "lock forge", "lock forge row", "lock keep claim", "value"];

const mutationArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  a: fc.nat(),
  b: fc.nat(),
  n: fc.integer({ min: 1, max: 5000 }),
  key: oddKey,
  payload: typed,
  claim: claimArb,
  poolIndex: fc.nat(),
});
/** Mutations of rows, claims and locked values only. */
const rowMutationArb = mutationArb.chain((m) => fc.constantFrom(...ROW_KINDS).map((kind) => ({ ...m, kind })));
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

/** Applies one mutation to `e` (a copy the caller owns); returns the new envelope. */
function mutate(seed: Seed, e: any, m: Mutation): any {
  const poolValue = pool[m.poolIndex % pool.length];
  // A copy of the payload, wherever it is written: fast-check hands the same object to other mutations
  // and to its shrinking, and a payload written into the envelope as it is could later be written into
  // itself (a cycle no JSON can carry; the harness then threw on seeds -896200435 and 65758976).
  const payload = structuredClone(m.payload);
  if (!isObject(e)) return m.kind === "whole json" ? payload : e;
  const data = isObject(e.data) ? e.data : undefined;
  const provenance: Record<string, any> | undefined = isObject(e.provenance) ? e.provenance : undefined;
  const all = locations(e).filter((l) => l.path.length > 0);
  if (all.length === 0) all.push({ path: ["data"], value: e.data });
  const lists = data ? locations(data).filter((l) => Array.isArray(l.value) && l.value.length > 0) : [];
  const list = pick(lists, m.a);
  const listPointer = list ? pointerOf(list.path) : "";
  const rows = (list?.value as unknown[] | undefined) ?? [];
  const claimKeys = provenance ? Object.keys(provenance) : [];
  const locked = [...seed.lockedTop.keys(), ...[...seed.lists.keys()].flatMap((l) => claimKeys.filter((k) => k.startsWith(`${l}/`) && provenance![k]?.locked === true))];
  const attachments: unknown[] | undefined = Array.isArray(e.attachments) ? e.attachments : undefined;
  switch (m.kind as Kind) {
    case "retype": {
      const loc = pick(all, m.a)!;
      return setAt(e, loc.path, payload);
    }
    case "extra": {
      const objects = locations(e).filter((l) => isObject(l.value));
      const loc = pick(objects, m.a)!;
      return setAt(e, [...loc.path, m.key], payload);
    }
    case "huge": {
      const loc = pick(all, m.a)!;
      return setAt(e, loc.path, Array.from({ length: m.n }, () => (m.b % 2 ? poolValue : loc.value)));
    }
    case "deep": {
      const loc = pick(all, m.a)!;
      let v: unknown = loc.value;
      for (let i = 0; i < m.n % 200; i++) v = m.b % 2 ? [v] : { a: v };
      return setAt(e, loc.path, v);
    }
    case "pointer key": {
      if (!data) return e;
      const objects = locations(data).filter((l) => isObject(l.value));
      const loc = pick(objects, m.a)!;
      setAt(data, [...loc.path, m.key], poolValue);
      if (provenance) setAt(provenance, [pointerOf([...loc.path, m.key])], { source: "user" });
      return e;
    }
    case "value": {
      if (!data) return e;
      const leaves = locations(data).filter((l) => l.value === null || typeof l.value !== "object");
      const loc = pick(leaves, m.a);
      return loc ? (setAt(data, loc.path, poolValue), e) : e;
    }
    case "claim change":
    case "claim remove":
    case "claim retype": {
      const k = pick(claimKeys, m.a);
      if (k === undefined) return e;
      if (m.kind === "claim remove") delete provenance![k];
      else setAt(provenance!, [k], m.kind === "claim change" ? m.claim : payload);
      return e;
    }
    case "claim add": {
      if (!provenance) return e;
      const leaves = data ? locations(data).filter((l) => l.path.length > 0).map((l) => pointerOf(l.path)) : [];
      const k = m.b % 3 === 0 ? `/${m.key}` : (pick(leaves, m.a) ?? "/x");
      setAt(provenance, [k], m.claim);
      return e;
    }
    case "row swap":
    case "row duplicate":
    case "row remove":
    case "row data only": {
      if (!list || !provenance) return e;
      const i = m.a % rows.length;
      const j = m.b % rows.length;
      const copy = [...rows];
      let mapping: (x: number) => number[];
      if (m.kind === "row remove") {
        copy.splice(i, 1);
        mapping = (x) => (x === i ? [] : [x > i ? x - 1 : x]);
      } else if (m.kind === "row duplicate") {
        copy.splice(j, 0, structuredClone(rows[i]));
        mapping = (x) => (x === i ? [x >= j ? x + 1 : x, j] : [x >= j ? x + 1 : x]);
      } else {
        [copy[i], copy[j]] = [rows[j], rows[i]];
        mapping = (x) => [x === i ? j : x === j ? i : x];
      }
      setAt(data!, list.path, copy);
      if (m.kind !== "row data only") e.provenance = renumberClaims(provenance, listPointer, mapping);
      return e;
    }
    case "row steal": {
      // A claim of a row names another source row.
      const inRows = claimKeys.filter((k) => typeof provenance![k]?.path === "string" && ROW_PATH.test(provenance![k].path));
      const k = pick(inRows, m.a);
      if (k === undefined) return e;
      const c = provenance![k];
      provenance![k] = { ...c, path: c.path.replace(ROW_PATH, (_s: string, head: string) => `${head}[${m.b % 5}]${c.path.slice(c.path.lastIndexOf("]") + 1)}`) };
      return e;
    }
    case "row claims copy": {
      // Row i's values keep their place, and its claims become those of row j: it claims j's source row.
      if (!list || !provenance) return e;
      const i = m.a % rows.length;
      const j = m.b % rows.length;
      for (const k of claimKeys) if (k.startsWith(`${listPointer}/${i}/`)) delete provenance[k];
      for (const k of claimKeys) {
        if (k.startsWith(`${listPointer}/${j}/`)) setAt(provenance, [`${listPointer}/${i}/${k.slice(`${listPointer}/${j}/`.length)}`], structuredClone(provenance[k]));
      }
      return e;
    }
    case "claim copy": {
      const k = pick(claimKeys, m.a);
      const from = pick(claimKeys, m.b);
      if (k !== undefined && from !== undefined) provenance![k] = structuredClone(provenance![from]);
      return e;
    }
    case "lock forge":
    case "lock keep claim":
    case "lock forge row": {
      // A locked value changed (to a value of the same kind from the pool, usually), its claim downgraded
      // to typed, or kept; or every claim of its row downgraded.
      const k = pick(locked, m.a);
      if (k === undefined || !data) return e;
      setAt(e, ["data", ...k.slice(1).split("/").map(unescape)], typeof poolValue === typeof getPointer(data, k) || m.b % 2 ? poolValue : payload);
      if (!provenance) return e;
      if (m.kind === "lock forge") provenance[k] = { source: "user" };
      if (m.kind === "lock forge row") {
        const row = ROW_POINTER.exec(k);
        const prefix = row ? `${row[1]}/${row[2]}/` : k;
        for (const c of claimKeys) if (c === k || c.startsWith(prefix)) provenance[c] = { source: "user" };
      }
      return e;
    }
    case "attachment remove":
    case "attachment change":
    case "attachment add":
    case "attachment reorder": {
      if (!attachments) return e;
      const i = attachments.length ? m.a % attachments.length : 0;
      if (m.kind === "attachment remove") attachments.splice(i, 1);
      else if (m.kind === "attachment add") attachments.splice(i, 0, { pointer: `/${m.key}`, name: "a.pdf", type: "application/pdf", size: m.n });
      else if (m.kind === "attachment reorder") attachments.reverse();
      else if (attachments.length && isObject(attachments[i])) {
        // (An earlier mutation may have made the entry something else than an object: null, a list.)
        const field = (["name", "type", "size", "pointer"] as const)[m.b % 4];
        (attachments[i] as Record<string, unknown>)[field] = field === "size" ? m.n * 1e4 : field === "pointer" ? `/${m.key}` : poolValue;
      }
      return e;
    }
    case "file change": {
      // A file's metadata changed in the data and in the attachments list alike.
      if (!attachments?.length || !data) return e;
      const a = attachments[m.a % attachments.length];
      // An earlier mutation may have made the entry something else than an object (null, a list).
      if (!isObject(a)) return e;
      const file = getPointer(data, String(a["pointer"]));
      if (!isObject(file)) return e;
      const field = (["name", "type", "size"] as const)[m.b % 3];
      const value = field === "size" ? m.n * 1e4 : field === "type" ? pick(["text/html", "image/svg+xml", "application/pdf", ""], m.n) : poolValue;
      file[field] = value;
      a[field] = value;
      return e;
    }
    case "member json": {
      const loc = pick(all, m.a)!;
      return setAt(e, loc.path, payload);
    }
    case "whole json":
      return payload;
  }
  return e;
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

interface Outcome {
  readonly result: Awaited<ReturnType<typeof validateSubmission>>;
  readonly internal: Diagnostic[];
}

type Limits = { depth?: number; values?: number; string?: number };

async function validate(seed: Seed, envelope: unknown, maxErrors?: number, limits?: Limits): Promise<Outcome> {
  const internal: Diagnostic[] = [];
  const result = await validateSubmission(seed.procedure, envelope, {
    context: seed.context,
    lookup: seed.lookup,
    now,
    ...(maxErrors === undefined ? {} : { maxErrors }),
    ...(limits === undefined ? {} : { limits }),
    onDiagnostic: (d) => {
      if (d.code === "internal") internal.push(d);
    },
  });
  return { result, internal };
}

/** Property a: the result's shape. */
function checkShape({ result, internal }: Outcome, maxErrors = 100): void {
  expect(internal).toEqual([]);
  expect(typeof result.valid).toBe("boolean");
  expect(Array.isArray(result.errors)).toBe(true);
  expect(result.errors.length).toBeLessThanOrEqual(maxErrors);
  expect(result.valid).toBe(result.errors.length === 0 && result.omitted === undefined);
  for (const e of result.errors) {
    expect(typeof e.pointer).toBe("string");
    expect(typeof e.keyword).toBe("string");
    expect(typeof e.message).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.params?.["internal"]).not.toBe(true);
  }
  if (result.omitted !== undefined) expect(result.omitted).toBeGreaterThan(0);
}

/** Property b: what an accepted envelope holds where the context locks values. Empty when it holds. */
async function lockViolations(seed: Seed, m: Json): Promise<string[]> {
  const out: string[] = [];
  const data = m["data"];
  const provenance = m["provenance"] as Record<string, Claim>;
  for (const [p, c] of Object.entries(provenance)) {
    if (c.locked !== true) continue;
    const key = `${c.source}\u0000${c.path}`;
    if (!seed.lockedByPath.has(key)) out.push(`${p}: a locked claim the context does not make (${c.source}: ${c.path})`);
    else if (!isDeepStrictEqual(getPointer(data, p), seed.lockedByPath.get(key))) out.push(`${p}: ${JSON.stringify(getPointer(data, p))} under a locked claim of ${JSON.stringify(seed.lockedByPath.get(key))}`);
  }
  const absent: string[] = [];
  for (const [q, { claim, value }] of seed.lockedTop) {
    const v = getPointer(data, q);
    if (v === undefined) absent.push(q);
    else if (!isDeepStrictEqual(v, value) || !isDeepStrictEqual(provenance[q], claim)) out.push(`${q}: ${JSON.stringify(v)} ${JSON.stringify(provenance[q])} where the context locks ${JSON.stringify(value)}`);
  }
  for (const [list, truth] of seed.lists) {
    const rows = getPointer(data, list);
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, i) => {
      const claimed = new Set<number>();
      for (const [p, c] of Object.entries(provenance)) {
        if (!p.startsWith(`${list}/${i}/`) || c.source !== truth.source || typeof c.path !== "string" || !c.path.startsWith(`${truth.listPath}[`)) continue;
        const k = /^\[([0-9]+)\]/.exec(c.path.slice(truth.listPath.length));
        if (k) claimed.add(Number(k[1]));
      }
      for (const k of claimed) {
        const locked = truth.rows.get(k);
        if (!locked) {
          out.push(`${list}/${i}: claims source row ${k}, which the context does not have`);
          continue;
        }
        for (const [rel, value] of locked) {
          if (!isDeepStrictEqual(getPointer(row, rel), value)) out.push(`${list}/${i}${rel}: ${JSON.stringify(getPointer(row, rel))} in a row claiming source row ${k}, whose value is ${JSON.stringify(value)}`);
        }
      }
    });
  }
  if (absent.length > 0) {
    // A locked value may be absent only where its field is hidden.
    const form = createForm(seed.procedure, { context: seed.context, lookup: seed.lookup, lookupDelay: 0, now, draft: { procedure: m["procedure"], data, provenance } as never });
    await form.settled();
    for (const q of absent) if (form.field(q).visible) out.push(`${q}: a locked value missing from a visible field`);
  }
  return out;
}

const received = (value: unknown): any => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Shuffles the keys of every object (not the rows of arrays), by a seed. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0), state);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of entries) Object.defineProperty(out, k, { value: walk(x), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return walk(value);
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

const counts = { accepted: 0, refused: 0 };
/** Usually the default limits; sometimes lower ones, so that each limit is crossed somewhere. */
const limitsArb = fc.option(
  fc.record({ depth: fc.integer({ min: 1, max: 200 }), values: fc.integer({ min: 1, max: 300_000 }), string: fc.integer({ min: 0, max: 200_000 }) }, { requiredKeys: [] }),
  { freq: 4, nil: undefined },
);

describe("validateSubmission on mutated real envelopes", () => {
  it("c. accepts each envelope a form made, whatever the order of its members, keys and claims", { timeout: 60_000 * SCALE }, async () => {
    for (const seed of seeds) {
      const { result } = await validate(seed, received(seed.envelope));
      expect({ seed: `${seed.name} ${seed.persona}`, result }).toEqual({ seed: `${seed.name} ${seed.persona}`, result: { valid: true, errors: [] } });
    }
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1 }), async (s, order) => {
        const seed = seeds[s % seeds.length]!;
        const { result } = await validate(seed, received(shuffleKeys(seed.envelope, order)));
        expect(result).toEqual({ valid: true, errors: [] });
      }),
      { numRuns: 60 * SCALE },
    );
  });

  it("a + b. always a located result, never the catch-all; never accepts locked values other than the context's", { timeout: 120_000 * SCALE }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }), limitsArb, async (s, mutations, maxErrors, limits) => {
        const seed = seeds[s % seeds.length]!;
        let e: any = structuredClone(seed.envelope);
        for (const m of mutations) e = mutate(seed, e, m);
        const envelope = received(e);
        const outcome = await validate(seed, envelope, maxErrors, limits);
        checkShape(outcome, maxErrors);
        if (!outcome.result.valid) {
          counts.refused++;
          return;
        }
        counts.accepted++;
        expect(await lockViolations(seed, envelope)).toEqual([]);
      }),
      { numRuns: 800 * SCALE },
    );
    // The mutations must reach the last stage, and some must be accepted, for b to say anything.
    expect(counts.accepted).toBeGreaterThan(20);
  });

  it("b. on the envelopes with prefilled rows: rows moved, duplicated, removed, claiming other rows, locked values forged", { timeout: 120_000 * SCALE }, async () => {
    const withRows = seeds.filter((s) => s.lists.size > 0);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(rowMutationArb, { minLength: 1, maxLength: 3 }), async (s, mutations) => {
        const seed = withRows[s % withRows.length]!;
        let e: any = structuredClone(seed.envelope);
        for (const m of mutations) e = mutate(seed, e, m);
        const envelope = received(e);
        const outcome = await validate(seed, envelope);
        checkShape(outcome);
        if (!outcome.result.valid) return;
        accepted++;
        expect(await lockViolations(seed, envelope)).toEqual([]);
      }),
      { numRuns: 400 * SCALE },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it("a. arbitrary JSON as the envelope, or as any member of it", { timeout: 60_000 * SCALE }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.jsonValue({ maxDepth: 4 }), fc.constantFrom("", "procedure", "data", "provenance", "attachments", "locale", "submittedAt"), async (s, value, member) => {
        const seed = seeds[s % seeds.length]!;
        const envelope = member === "" ? value : { ...structuredClone(seed.envelope), [member]: value };
        checkShape(await validate(seed, received(envelope)));
      }),
      { numRuns: 300 * SCALE },
    );
  });
});

describe("bugs found by the properties", () => {
  // Found probing "a + b": validateSubmission rejected its promise when the host's `onDiagnostic` threw
  // and the envelope made an expression fail. An attacker chooses the data, so a host whose logging callback can throw
  // (a closed log stream, a strict logger) turns a refused envelope into an exception (a 500, not a
  // 422): the expression's diagnostic throws out of Form.diagnose into the catch-all of
  // validate-submission.ts, which calls `onDiagnostic` again, unguarded, and that throw escapes.
  // Found probing "a + b" with diagnostics: dang-ky-ho-kinh-doanh, le-thi-mai, `data.capital = "abc"`
  // (`/schema/properties/capital/x-rules/0/assert` fails with T2009). With a callback that does not
  // throw, the same envelope is refused with located errors.
  it("resolves, with located errors, when the host's onDiagnostic throws", async () => {
    const seed = seeds.find((s) => s.name === "dang-ky-ho-kinh-doanh" && s.persona === "le-thi-mai")!;
    const envelope = structuredClone(seed.envelope);
    envelope["data"].capital = "abc";
    const quiet = await validateSubmission(seed.procedure, structuredClone(envelope), { context: seed.context, lookup: seed.lookup, now, onDiagnostic: () => {} });
    expect(quiet.valid).toBe(false);
    const result = await validateSubmission(seed.procedure, envelope, {
      context: seed.context,
      lookup: seed.lookup,
      now,
      onDiagnostic: () => {
        throw new Error("the host's logger is down");
      },
    });
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
