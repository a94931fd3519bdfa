/**
 * A small URI resolver for ajv, in place of fast-uri in the browser bundles only.
 *
 * ajv resolves `$id`s and `$ref`s with its `uriResolver` (`parse`, `serialize`, `resolve`; see
 * ajv/dist/compile/resolve.js and compile/index.js), fast-uri by default, which ajv's core imports
 * whatever the options say. fast-uri is about 17 KB minified (5 KB gzip), most of it for schemes, IPv6
 * and host checks that schema identifiers hardly need. In dist/tokhai.js, ajv's `runtime/uri` module
 * is this one (scripts/bundle-plugins.mjs, used by rollup.config.mjs); Node (the CLI, back ends, the
 * engine's tests) keeps fast-uri. About 6 KB minified, 2.5 KB gzip.
 *
 * It follows RFC 3986 and gives fast-uri 3.1's results (packages/core/test/uri-resolver.test.ts compares
 * them on a corpus and on random URIs): the components a URI parses to, percent-encoding normalised the
 * same way (unreserved escapes decoded, hex digits in upper case, other characters UTF-8 encoded),
 * scheme and host in lower case, internationalised host names in punycode, http(s) default ports and
 * empty paths, `urn:` names, dot segments removed as fast-uri removes them, and the same errors for a
 * malformed scheme, percent-encoding, port, host or authority. What it does not reproduce: bracketed IP
 * literals are kept as written, neither canonicalised (`[0:0::1]`) nor checked (`[zz]`), and the port
 * and host of components not made by `parse` are not checked again.
 */

/** What `parse` returns and `serialize` takes (ajv reads only `fragment`). */
export interface UriComponents {
  scheme?: string | undefined;
  userinfo?: string | undefined;
  host?: string | undefined;
  port?: number | string | undefined;
  path?: string | undefined;
  query?: string | undefined;
  fragment?: string | undefined;
  /** `urn:` namespace identifier and specific string; `urn:uuid:` names keep theirs in `uuid`. */
  nid?: string | undefined;
  nss?: string | undefined;
  uuid?: string | undefined;
  /** Why the URI is malformed: `resolve` throws it. */
  error?: string | undefined;
}

// RFC 3986 appendix B, as fast-uri writes it (an IP literal is bracketed; the port is digits).
const URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/;
const VALID_SCHEME = /^[a-z][a-z\d+.-]*$/i;
const URN = /^([\da-z][\da-z-]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// Characters each component may hold as they are (RFC 3986 §3.2.1, 3.3, 3.4, 3.5).
const USERINFO_CHAR = /[\w\-.~!$&'()*+,;=:]/;
const PATH_CHAR = /[\w\-.~!$&'()*+,;=:@/]/;
const QUERY_CHAR = /[\w\-.~!$&'()*+,;=:@/?]/;
const UNRESERVED = /[\w\-.~]/;
const MALFORMED_SCHEME = "URI scheme is malformed.";

// The WHATWG URL class (browsers, Node): this package is compiled without DOM or Node types.
declare const URL: new (url: string) => { username: string; password: string; port: string; pathname: string; search: string; hash: string; hostname: string };

const isWeb = (scheme: string | undefined): boolean => scheme === "http" || scheme === "https" || scheme === "ws" || scheme === "wss";

/**
 * Rewrites percent-encoding: valid escapes get upper-case hex digits (and are decoded when `decode`
 * accepts the character), characters `allowed` rejects are UTF-8 encoded (a lone surrogate as U+FFFD);
 * without `allowed`, other characters stay as they are.
 */
function encode(input: string, allowed?: RegExp, decode?: (c: string) => boolean): string {
  return input.replace(/%[\da-f]{2}|[\ud800-\udbff][\udc00-\udfff]|[^]/gi, (t) => {
    if (t.length === 3) {
      const c = String.fromCharCode(parseInt(t.slice(1), 16));
      return decode?.(c) ? c : t.toUpperCase();
    }
    if (!allowed || allowed.test(t)) return t;
    return encodeURIComponent(/^[\ud800-\udfff]$/.test(t) ? "\ufffd" : t);
  });
}

const isUnreserved = (c: string): boolean => UNRESERVED.test(c);
const normalizePath = (path: string) => encode(path, PATH_CHAR, (c) => c !== "." && isUnreserved(c));
const normalizeQuery = (text: string) => encode(text, QUERY_CHAR, isUnreserved);

/** A path with RFC 3986 path characters as they are; `noScheme`: a colon in the first segment escaped. */
function encodePath(path: string, noScheme: boolean): string {
  const out = encode(path, PATH_CHAR);
  if (!noScheme || out[0] === "/") return out;
  const slash = out.indexOf("/");
  return slash < 0 ? out.replace(/:/g, "%3A") : out.slice(0, slash).replace(/:/g, "%3A") + out.slice(slash);
}

/** RFC 3986 §5.2.4, with fast-uri's results (a trailing `//` becomes `/`). */
function removeDotSegments(path: string): string {
  let input = path;
  const output: string[] = [];
  while (input) {
    if (input === "." || input === "..") break;
    if (input === "/" || input === "/." || input === "//") {
      output.push("/");
      break;
    }
    if (input === "/..") {
      output.pop();
      output.push("/");
      break;
    }
    if (input.startsWith("../")) input = input.slice(3);
    else if (input.startsWith("./")) input = input.slice(2);
    else if (input.startsWith("/./")) input = input.slice(2);
    else if (input.startsWith("/../")) {
      input = input.slice(3);
      output.pop();
    } else {
      const next = input.indexOf("/", 1);
      if (next < 0) {
        output.push(input);
        break;
      }
      output.push(input.slice(0, next));
      input = input.slice(next);
    }
  }
  return output.join("");
}

/**
 * Dot segments out of a relative-path reference without changing what it resolves to: leading `..`
 * kept, never made root-relative, `.` put first where the path would otherwise be empty, start with
 * `//` or look like a scheme (as fast-uri does).
 */
function removeDotSegmentsRelative(path: string): string {
  if (path === "" || path[0] === "/") return removeDotSegments(path);
  const segments = path.split("/");
  const output: string[] = [];
  let directory = false;
  segments.forEach((segment, i) => {
    if (segment === "." || segment === "..") {
      if (segment === "..") {
        if (output.length > 0 && output[output.length - 1] !== "..") output.pop();
        else output.push("..");
      }
      directory = i === segments.length - 1;
    } else {
      output.push(segment);
    }
  });
  if (directory && output[output.length - 1] !== "..") output.push("");
  if (output.length === 0 || output[0] === "" || output[0]!.includes(":")) output.unshift(".");
  return output.join("/");
}

const MALFORMED_HOST = "URI host is malformed.";
// ASCII characters outside RFC 3986's reg-name (delimiters, controls, space).
const FORBIDDEN_HOST_CHAR = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7f]/;
const isLiteral = (host: string): boolean => host[0] === "[" && host[host.length - 1] === "]";

/**
 * The host of a web URI (http, https, ws, wss) as the WHATWG URL parser writes it: an
 * internationalised domain name in ASCII (punycode). Sets `error` when it is not a valid domain.
 */
function canonicalHost(c: UriComponents): void {
  const host = c.host;
  if (!host || !isWeb(c.scheme) || IPV4.test(host) || isLiteral(host)) return;
  if (FORBIDDEN_HOST_CHAR.test(host)) {
    c.error ??= MALFORMED_HOST;
  } else if (/[^!"$&'()*+,\-.;=_`a-z{}~]/.test(host)) {
    try {
      const url = new URL(`http://${host}`);
      if (url.username || url.password || url.port || url.pathname !== "/" || url.search || url.hash || !url.hostname) c.error ??= MALFORMED_HOST;
      else c.host = url.hostname;
    } catch (error) {
      c.error ??= `Host's domain name can not be converted to ASCII: ${String(error)}`;
    }
  }
}

/** Parses a URI reference; `neutral`: for `resolve`, no scheme-specific parsing (fast-uri's `null` scheme). */
function parseWith(uri: string, neutral: boolean): UriComponents {
  const m = URI_PARSE.exec(uri)!;
  const c: UriComponents = { scheme: m[1], userinfo: m[3], host: m[4], port: m[5], path: m[6] || "", query: m[7], fragment: m[8] };
  const fail = (error: string) => (c.error ??= error);
  // An authority introduced by anything but a plain "//" (backslashes, tabs, line breaks).
  if (/^(?:[^#/:?]+:)?\/\/[^/?#]*\\/.test(uri)) fail("URI authority must not contain a literal backslash.");
  const introducer = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/.exec(uri)![1]!;
  const slashes = introducer.replace(/[\t\n\r]/g, "");
  if (slashes.length >= 2) {
    if (!slashes.startsWith("//")) fail("URI authority must not contain a literal backslash.");
    else if (slashes !== introducer) fail("URI authority introducer must not contain whitespace.");
  }
  if (c.scheme !== undefined) {
    if (VALID_SCHEME.test(c.scheme)) c.scheme = c.scheme.toLowerCase();
    else fail(MALFORMED_SCHEME);
  }
  if ([m[3], c.host && !isLiteral(c.host) ? c.host : undefined, m[6], m[7], m[8]].some((part) => part !== undefined && /%(?![\da-f]{2})/i.test(part))) {
    fail("URI contains malformed percent-encoding.");
  }
  if (c.port !== undefined) {
    const port = parseInt(c.port as string, 10);
    if (!isNaN(port)) c.port = port;
    if (port > 65535) fail("URI port is malformed.");
  }
  if (m[2] !== undefined && c.path && c.path[0] !== "/") fail('URI path must start with "/" when authority is present.');
  if (c.host) {
    if (!IPV4.test(c.host)) c.host = c.host.toLowerCase();
    // A bracket outside an IP literal (IP literals themselves are kept as written).
    const badLiteral = /[[\]]/.test(c.host) && !isLiteral(c.host);
    if (badLiteral) fail(MALFORMED_HOST);
    else if (!neutral) canonicalHost(c);
    if (!badLiteral && c.host.includes("%") && !IPV4.test(c.host) && !isLiteral(c.host)) {
      c.host = encode(encode(c.host, undefined, isUnreserved).toLowerCase());
      if (!neutral) c.host = c.host.replace(/[@/?#:]/g, encodeURIComponent);
    }
  }
  if (neutral || c.scheme !== "urn") {
    if (c.path) c.path = normalizePath(c.path);
    if (c.query) c.query = normalizeQuery(c.query);
    if (c.fragment) c.fragment = normalizeQuery(c.fragment);
  } else {
    const urn = c.path ? URN.exec(c.path) : null;
    if (urn) {
      c.nid = urn[1]!.toLowerCase();
      c.nss = urn[2];
      c.path = undefined;
      if (c.nid === "uuid") {
        c.uuid = c.nss;
        c.nss = undefined;
      }
    } else {
      fail("URN can not be parsed.");
    }
  }
  return c;
}

/** Writes components as a URI; `neutral`: as `resolve` does (no scheme-specific normalisation). */
function serializeWith(components: UriComponents, neutral: boolean): string {
  const c = { ...components };
  if (c.scheme && !VALID_SCHEME.test(c.scheme)) throw new TypeError(MALFORMED_SCHEME);
  const scheme = neutral ? undefined : c.scheme?.toLowerCase();
  let escaped = neutral;
  if (scheme === "urn") {
    if (c.nid === undefined) throw new Error("URN without nid cannot be serialized");
    const nid = c.nid.toLowerCase();
    c.path = `${nid}:${nid === "uuid" ? (c.uuid ?? "").toLowerCase() : c.nss}`;
    escaped = true;
  } else if (scheme === "http" || scheme === "https") {
    if (c.port === (scheme === "https" ? 443 : 80) || c.port === "") c.port = undefined;
    if (!c.path) c.path = "/";
  } else if (scheme === "ws" || scheme === "wss") {
    // fast-uri keeps a WebSocket URI's path and query as its resource name, and drops the fragment.
    if (c.port === (scheme === "wss" ? 443 : 80) || c.port === "") c.port = undefined;
    if (!c.path || c.path === "/") c.path = undefined;
    if (!c.query) c.query = undefined;
    c.fragment = undefined;
  }
  const hasAuthority = c.userinfo !== undefined || c.host !== undefined || c.port !== undefined;
  const schemeless = c.scheme === undefined && !hasAuthority;
  let out = "";
  if (c.scheme) out += `${c.scheme}:`;
  if (hasAuthority) {
    if (c.port !== undefined && !/^\d*$/.test(String(c.port))) throw new TypeError("URI port is malformed.");
    const host = c.host === undefined || isLiteral(c.host) ? c.host : encode(c.host, undefined, isUnreserved).replace(/[@/?#:]/g, encodeURIComponent);
    out += `//${c.userinfo !== undefined ? `${encode(c.userinfo, USERINFO_CHAR)}@` : ""}${host ?? ""}${c.port !== undefined ? `:${c.port}` : ""}`;
    if (c.path && c.path[0] !== "/") out += "/";
  }
  if (c.path !== undefined) {
    let path = escaped ? encode(c.path) : encodePath(c.path, schemeless);
    path = schemeless && path[0] !== "/" ? removeDotSegmentsRelative(path) : removeDotSegments(path);
    if (schemeless) path = encodePath(path, true);
    out += !hasAuthority && path.startsWith("//") ? `/%2F${path.slice(2)}` : path;
  }
  if (c.query !== undefined) out += `?${encode(c.query, QUERY_CHAR)}`;
  if (c.fragment !== undefined) out += `#${encode(c.fragment, QUERY_CHAR)}`;
  return out;
}

/** Parses a URI reference into its components. */
export function parse(uri: string): UriComponents {
  return parseWith(uri, false);
}

/** Writes components back as a URI, normalised. */
export function serialize(components: UriComponents): string {
  return serializeWith(components, false);
}

/** Resolves a reference against a base URI (RFC 3986 §5.2). Throws on a malformed URI. */
export function resolve(baseURI: string, relativeURI: string): string {
  const base = parseWith(baseURI, true);
  const rel = parseWith(relativeURI, true);
  const error = base.error ?? rel.error;
  if (error !== undefined) throw new Error(error);
  const t: UriComponents = { fragment: rel.fragment };
  if (rel.scheme) {
    Object.assign(t, { scheme: rel.scheme, userinfo: rel.userinfo, host: rel.host, port: rel.port, path: removeDotSegments(rel.path ?? ""), query: rel.query });
  } else {
    if (rel.userinfo !== undefined || rel.host !== undefined || rel.port !== undefined) {
      Object.assign(t, { userinfo: rel.userinfo, host: rel.host, port: rel.port, path: removeDotSegments(rel.path ?? ""), query: rel.query });
    } else {
      if (!rel.path) {
        t.path = base.path;
        t.query = rel.query ?? base.query;
      } else {
        const baseAuthority = base.userinfo !== undefined || base.host !== undefined || base.port !== undefined;
        if (rel.path[0] === "/") {
          t.path = removeDotSegments(rel.path);
        } else {
          const merged =
            baseAuthority && !base.path ? `/${rel.path}` : !base.path ? rel.path : base.path.slice(0, base.path.lastIndexOf("/") + 1) + rel.path;
          t.path = base.scheme === undefined && !baseAuthority && merged[0] !== "/" ? removeDotSegmentsRelative(merged) : removeDotSegments(merged);
        }
        t.query = rel.query;
      }
      Object.assign(t, { userinfo: base.userinfo, host: base.host, port: base.port });
    }
    t.scheme = base.scheme;
  }
  const host = t.host;
  canonicalHost(t);
  if (t.error !== undefined) {
    // fast-uri keeps a percent-encoded ASCII host the URL parser rejects, unless a character is forbidden.
    if (FORBIDDEN_HOST_CHAR.test(host!) || !host!.includes("%") || /[^\x00-\x7f]/.test(host!)) throw new Error(t.error);
    t.host = host;
  }
  return serializeWith(t, true);
}

/** The resolver, shaped as ajv's `uriResolver` option (and as fast-uri's default export). */
const uriResolver = { parse, serialize, resolve };
export default uriResolver;
