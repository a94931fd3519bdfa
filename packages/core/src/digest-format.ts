/** The text form of an envelope digest (see digest.ts), apart so that the envelope's shape check needs no hashing. */

/** An envelope digest: `sha256:` and 64 lower-case hexadecimal digits. */
export const DIGEST = /^sha256:[0-9a-f]{64}$/;
