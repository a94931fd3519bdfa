/**
 * The Content-Security-Policy source of an inline style sheet (`'sha256-<base64>'`), so that the
 * declaration can forbid everything else (scripts, any load) and still style itself. SHA-256 through
 * WebCrypto (`globalThis.crypto.subtle`), the same in Node 20 and browsers.
 */

interface Subtle {
  digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer>;
}
declare const crypto: { readonly subtle: Subtle };
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
declare function btoa(data: string): string;

/** `'sha256-…'` of a style sheet's text, as CSP hashes the content of a `<style>` element (UTF-8). */
export async function styleHashSource(css: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}
