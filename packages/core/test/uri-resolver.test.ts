// packages/core/src/uri-resolver.ts stands for fast-uri (ajv's URI resolver) in the browser bundles
// (scripts/bundle-plugins.mjs). These tests hold it to fast-uri's results: parse + serialize (what ajv
// uses to name schemas), the fragment ajv reads for JSON pointers, resolve (with its errors), then ajv
// itself compiling schemas with `$id`, `$ref`, `$anchor` and `$dynamicRef` under either resolver.
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
// Internal, not exported by the package: from the built module, as the bundles take it.
import resolver from "../dist/uri-resolver.js";

// fast-uri, as ajv loads it by default.
const fastUri = (createRequire(import.meta.url)("ajv/dist/runtime/uri.js") as { default: typeof resolver }).default;

type Resolver = typeof resolver;

const outcome = (f: () => unknown): string => {
  try {
    return JSON.stringify(f());
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
};
const normalized = (r: Resolver, uri: string) => outcome(() => r.serialize(r.parse(uri)));
const fragment = (r: Resolver, uri: string) => outcome(() => r.parse(uri).fragment);
const resolved = (r: Resolver, base: string, ref: string) => outcome(() => r.resolve(base, ref));

const URIS = [
  "", "#", "#/$defs/a", "#/$defs/a b", "#/$defs/địa chỉ", "#/$defs/%C4%91", "#/a%7e%41%2e%2F", "#/a%", "#foo", "#/a~1b", "#?x",
  "https://Example.COM/A/./b/../c?q=1#/x", "HTTPS://example.com:443/x", "http://example.com:80", "http://example.com",
  "http://example.com:8080/", "HTTP://A.COM/", "https://a.com?x", "//h", "///x", "////x", "http:", "http:x",
  "urn:uuid:DEADBEEF-1234-5678-9abc-def012345678", "urn:example:foo", "urn:Ex:a/../b#/x%7e", "urn:x", "UrN:ISBN:123", "urn:uuid:nope",
  "foo.json", "./foo.json", "../a/b", "/abs/path", "//host/p", "a:b:c", "./a:b", "x/..", "x/.", "/a//", "/a/b/..", "/.", "..", ".",
  "a//b", ".//a", "/./a/../../b", "a/./b/../../..", "meta/core", "tag:x,2020:y", "file:///tmp/x.json", "data:text/plain,hi",
  "https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#",
  "https://x/%7e%41", "https://x/a%2fb", "#%2Fa", "https://a.com/%2e%2e/x", "%C4", "%c4%91", "ä", "😀", "#/😀", "https://x/😀?😀#😀",
  "#\u2028x", "#\ud800x", "?q=a b", "?", "?#", "https://x/a b", "https://x/a|b", "#/a{b}", '#/a"b<c>`^',
  "mailto:X@Example.com", "https://user:pw@x.com/", "https://us er@x.com/", "http://a@b@c/",
  "https://xn--d1a.com/", "https://bücher.de/", "https://BÜCHER.de/x", "http://ex%41mple.com/", "http://1.2.3/", "http://0x7f.1/",
  "http://EXAMPLE.com./", "https://exa_mple.com", "https://ex ample.com", "https://h%2/", "https://h/%zz", "https://h/%2",
  "http://a\\b/", "http:\\\\x/y", "http:/\\x", "http:/\t/x", "1a:b", "a b:c", "http://x:99999/", "http://x:/", "http://x:12a/",
  "ws://h/a?b#c", "wss://h:443", "ws://h:80/?", "https://[::1]/a", "http://[::FFFF]/a", "http://[v1.X]/", "http://[1::2%25eth0]/",
];
const BASES = [
  "", "https://a.com/x/y.json", "https://a.com/x/y.json#", "https://a.com", "https://A.com:443", "urn:example:root", "foo.json",
  "dir/foo.json", "../up/x", "/abs/x", "//h/x", "http://json-schema.org/draft-07/schema", "https://bücher.de/a/b", "tag:x,2020:y/z",
  "file:///a/b/c", "https://u@h:8/p?q#f",
];

describe("uri-resolver, against fast-uri", () => {
  it("normalises URIs alike (parse, then serialize)", () => {
    for (const uri of URIS) expect([uri, normalized(resolver, uri)]).toEqual([uri, normalized(fastUri, uri)]);
  });

  it("parses the same fragment (ajv's JSON pointer)", () => {
    for (const uri of URIS) expect([uri, fragment(resolver, uri)]).toEqual([uri, fragment(fastUri, uri)]);
  });

  it("resolves references alike, and throws the same errors", () => {
    for (const base of BASES) {
      for (const ref of URIS) expect([base, ref, resolved(resolver, base, ref)]).toEqual([base, ref, resolved(fastUri, base, ref)]);
    }
  });

  it("agrees on random URIs made of the characters that matter", () => {
    const parts = [
      "http:", "https:", "urn:", "ws:", "tag:", "x:", "HTTP:", "//", "/", "/", ".", "..", "a", "B", "é", "ß", "%41", "%7e", "%2F", "%2e",
      "%C3%A9", "%", "%z", "#", "?", "@", ":", ":80", ":443", "[", "]", "\\", " ", "\t", "|", "~", "$defs", "1", "-", "_", "!", "😀",
      "\ud800", "uuid:", "example.com", "Ex.COM", "xn--", "=",
    ];
    let seed = 20_260_201;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const uri = () => Array.from({ length: 1 + random(8) }, () => parts[random(parts.length)]).join("");
    for (let i = 0; i < 5_000; i++) {
      const a = uri();
      const b = uri();
      expect([a, normalized(resolver, a), fragment(resolver, a)]).toEqual([a, normalized(fastUri, a), fragment(fastUri, a)]);
      expect([a, b, resolved(resolver, a, b)]).toEqual([a, b, resolved(fastUri, a, b)]);
    }
  });

  it("keeps bracketed IP literals as written (fast-uri canonicalises them): the one documented difference", () => {
    expect(normalized(fastUri, "http://[0:0::1]/")).toBe('"http://[::1]/"');
    expect(normalized(resolver, "http://[0:0::1]/")).toBe('"http://[0:0::1]/"');
  });
});

/** ajv as tokhai's compiler makes it, with fast-uri or with this resolver. */
function ajvWith(uriResolver?: Resolver): Ajv2020 {
  return new Ajv2020({ allErrors: true, strict: false, ...(uriResolver ? { uriResolver } : {}) });
}

/** What compiling and validating does: the errors (or the compile error) for each value. */
function run(ajv: Ajv2020, schema: object, values: readonly unknown[]): unknown {
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    return { compile: (error as Error).message };
  }
  return values.map((v) => (validate(v) ? true : validate.errors?.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }))));
}

const SCHEMAS: object[] = [
  { $defs: { name: { type: "string", minLength: 2 } }, type: "object", properties: { a: { $ref: "#/$defs/name" } } },
  { $defs: { "địa chỉ": { type: "string" } }, properties: { a: { $ref: "#/$defs/%C4%91%E1%BB%8Ba%20ch%E1%BB%89" } } },
  { $defs: { "a b": { type: "integer" } }, properties: { a: { $ref: "#/$defs/a b" } } },
  { $defs: { "a/b": { type: "integer" }, "c~d": { minimum: 3 } }, properties: { a: { $ref: "#/$defs/a~1b" }, b: { $ref: "#/$defs/c~0d" } } },
  { $id: "https://tokhai.dev/p/x.json", $defs: { n: { type: "number" } }, properties: { a: { $ref: "#/$defs/n" }, b: { $ref: "x.json#/$defs/n" } } },
  { $id: "https://Tokhai.DEV:443/p/x.json", properties: { a: { $ref: "https://tokhai.dev/p/x.json#/$defs/n" } }, $defs: { n: { type: "number" } } },
  { $id: "urn:example:procedure", $defs: { n: { type: "number" } }, properties: { a: { $ref: "#/$defs/n" }, b: { $ref: "urn:example:procedure#/$defs/n" } } },
  { $id: "https://a.dev/root.json", $defs: { inner: { $id: "sub/inner.json", type: "string" } }, properties: { a: { $ref: "sub/inner.json" }, b: { $ref: "https://a.dev/sub/inner.json" } } },
  { $id: "https://a.dev/dir/root.json", $defs: { x: { $id: "../other.json", $anchor: "here", type: "boolean" } }, properties: { a: { $ref: "/other.json#here" }, b: { $ref: "other.json" } } },
  { $defs: { x: { $anchor: "item", type: "string" } }, items: { $ref: "#item" } },
  { $id: "https://a.dev/tree", $dynamicAnchor: "node", type: "object", properties: { kids: { type: "array", items: { $dynamicRef: "#node" } } } },
  { $id: "root.json", $defs: { n: { type: "null" } }, properties: { a: { $ref: "root.json#/$defs/n" } } },
  { properties: { a: { $ref: "#/$defs/missing" } } },
  { properties: { a: { $ref: "https://elsewhere.dev/x.json" } } },
  { $id: "https://a.dev/x", properties: { a: { $ref: "y.json#/nope" } } },
  { properties: { a: { $ref: "#/$defs/a%" } }, $defs: { "a%": { type: "string" } } },
  { $id: "http://a.dev/x", properties: { a: { $ref: "http://a\\b/y" } } },
];
const VALUES = [{}, { a: "x" }, { a: "xy", b: 1 }, { a: 1, b: "x" }, { a: null }, ["a", 1], { kids: [{ kids: [] }, { kids: 1 }] }, { a: true, b: false }];

describe("ajv with uri-resolver", () => {
  it("compiles and validates as with fast-uri", () => {
    for (const schema of SCHEMAS) expect([schema, run(ajvWith(resolver), schema, VALUES)]).toEqual([schema, run(ajvWith(), schema, VALUES)]);
  });

  it("checks schemas against the 2020-12 meta-schema as with fast-uri", () => {
    const schemas = [...SCHEMAS, { $id: "#frag" }, { $ref: 5 }, { type: "strin" }, { $defs: { a: { minimum: "x" } } }];
    for (const schema of schemas) {
      const mine = ajvWith(resolver);
      const theirs = ajvWith();
      expect([mine.validateSchema(schema), mine.errors]).toEqual([theirs.validateSchema(schema), theirs.errors]);
    }
  });
});
