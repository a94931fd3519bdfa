// Types of signatures.mjs, for the TypeScript tests.

/** Where the personas' stand-in keys are. */
export declare const KEYS_DIR: string;
/** The public keys of the personas in `dir`: undefined for a persona without one; rejects for a file that is not a public ES256 key. */
export declare function personaPublicKeys(dir?: string): (persona: string) => Promise<CryptoKey | undefined>;
/** A `verifySignature` for `validateSubmission`: an ES256 signature of `digest` by `publicKey`. */
export declare function signatureVerifier(publicKey: CryptoKey | undefined): (input: { digest: string; signature: { alg: string; value: string; digest: string } }) => Promise<boolean>;
