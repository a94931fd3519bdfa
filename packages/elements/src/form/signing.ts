/**
 * Signing on `<tk-form>`'s review page: the host's `signer` signs the envelope's digest
 * (`envelopeDigest`, the UTF-8 bytes of the `"sha256:…"` string), and the element puts the result in
 * the envelope's `signature` before firing `tk-submit`. What the page shows while that happens: the
 * statement and the digest being signed, a busy state, and the message when signing fails or is
 * cancelled. See docs/decisions/0019-envelope-identity-digest-signature.md.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { envelopeDigest, type EnvelopeSignature, type Locale, type SubmissionEnvelope } from "@tokhai/core";
import { chrome } from "../i18n.js";

/** What the signer is asked to sign. */
export interface SignRequest {
  /** The envelope's digest, `"sha256:<64 hex>"`: sign the UTF-8 bytes of this string. */
  readonly digest: string;
  /** The envelope the digest is of (a copy: changing it changes nothing). */
  readonly envelope: SubmissionEnvelope;
}

/** What the signer gives back: the element adds `digest` and `signedAt`. */
export interface SignResult {
  /** The algorithm, as the back end's verifier knows it (`"ES256"`): 1 to 100 characters. */
  readonly alg: string;
  /** The signature, encoded (base64): 1 to 20,000 characters. */
  readonly value: string;
  /** Who signed (a name, a personal id): at most 1,000 characters. */
  readonly signer?: string;
  /** The signer's certificate or chain (PEM): at most 100,000 characters. */
  readonly certificate?: string;
}

/**
 * Signs a declaration for `<tk-form>` (its `signer` property): typically the portal's bridge to a
 * signing service (a national e-ID app, a smart card). Reject to say it could not sign; reject with an
 * error named `"AbortError"` (a `DOMException`) when the citizen cancelled.
 */
export type Signer = (request: SignRequest) => Promise<SignResult>;

/** Where signing is: nothing yet, under way, done, or why not. */
export type SigningState =
  | { readonly phase: "idle" }
  | { readonly phase: "signing" | "signed"; readonly digest: string }
  | { readonly phase: "failed" | "cancelled"; readonly digest?: string }
  /** The procedure requires a signature and the host gave no signer. */
  | { readonly phase: "no-signer" };

/** The outcome of one signing. */
export type Signed = { readonly ok: true; readonly envelope: SubmissionEnvelope } | { readonly ok: false; readonly cancelled: boolean; readonly error: unknown };

const bounded = (value: unknown, min: number, max: number): value is string => typeof value === "string" && value.length >= min && [...value].length <= max;

/** The signature a signer's result makes, or why it is unusable. */
function signatureOf(result: unknown, digest: string, signedAt: string): EnvelopeSignature | string {
  if (!result || typeof result !== "object") return "the signer must resolve to { alg, value, signer?, certificate? }";
  const r = result as Record<string, unknown>;
  if (!bounded(r["alg"], 1, 100)) return "the signer's alg must be a text of 1 to 100 characters";
  if (!bounded(r["value"], 1, 20_000)) return "the signer's value must be a text of 1 to 20,000 characters";
  if (r["signer"] !== undefined && !bounded(r["signer"], 0, 1_000)) return "the signer's signer must be a text of at most 1,000 characters";
  if (r["certificate"] !== undefined && !bounded(r["certificate"], 0, 100_000)) return "the signer's certificate must be a text of at most 100,000 characters";
  return {
    alg: r["alg"],
    value: r["value"],
    digest,
    signedAt,
    ...(r["signer"] !== undefined ? { signer: r["signer"] as string } : {}),
    ...(r["certificate"] !== undefined ? { certificate: r["certificate"] as string } : {}),
  };
}

/**
 * Signs `envelope` with `signer`: its digest first (`digesting` is told it, to show), then the signer,
 * then the envelope with its `signature`. Never throws: a failure (no WebCrypto, the signer rejects or
 * gives something unusable) or a cancellation (`AbortError`) is the result.
 */
export async function signEnvelope(envelope: SubmissionEnvelope, signer: Signer, digesting: (digest: string) => void): Promise<Signed> {
  try {
    const digest = await envelopeDigest(envelope);
    digesting(digest);
    const result = await signer({ digest, envelope: JSON.parse(JSON.stringify(envelope)) as SubmissionEnvelope });
    const signature = signatureOf(result, digest, new Date().toISOString());
    if (typeof signature === "string") return { ok: false, cancelled: false, error: new TypeError(`tokhai: ${signature}`) };
    return { ok: true, envelope: { ...envelope, signature } };
  } catch (error) {
    return { ok: false, cancelled: (error as { name?: unknown } | null)?.name === "AbortError", error };
  }
}

/** The review page's signing block: what signing means, and the digest while and once it is signed. */
export function renderSigning(options: {
  readonly locale: Locale;
  readonly mode: "required" | "optional";
  readonly state: SigningState;
  readonly canSign: boolean;
  /** Optional signature: whether the citizen chose to sign. */
  readonly optIn: boolean;
  readonly onOptIn: (checked: boolean) => void;
}): TemplateResult | typeof nothing {
  const { locale, mode, state, canSign } = options;
  if (mode === "optional" && !canSign) return nothing; // nothing to offer: submitted unsigned
  const digest = "digest" in state ? state.digest : undefined;
  const status =
    state.phase === "signing"
      ? chrome("signing", locale)
      : state.phase === "signed" && digest
        ? chrome("signed", locale)
        : "";
  return html`<section part="signing" class="signing" aria-labelledby="signing-title" aria-busy=${state.phase === "signing" ? "true" : "false"}>
    <h3 id="signing-title">${chrome("signTitle", locale)}</h3>
    ${mode === "required"
      ? html`<p>${chrome("signStatement", locale)}</p>`
      : html`<div class="sign-choice">
          <input
            id="sign-opt-in"
            type="checkbox"
            .checked=${options.optIn}
            aria-describedby="sign-opt-in-hint"
            @change=${(event: Event) => options.onOptIn((event.target as HTMLInputElement).checked)}
          />
          <label for="sign-opt-in">${chrome("signOptIn", locale)}</label>
          <p id="sign-opt-in-hint" class="hint">${chrome("signOptional", locale)}</p>
        </div>`}
    ${digest ? html`<p class="digest">${chrome("signDigest", locale)} <code>${digest}</code></p>` : nothing}
    <p class="sign-status" role="status">${status}</p>
  </section>`;
}

/**
 * The message of a signing that did not happen, at the top of the page where the error summary goes:
 * an error (it failed; the procedure requires a signature and the page has no signer), or a gentler
 * notice (the citizen cancelled). Focused when shown (`.sign-message`).
 */
export function renderSigningMessage(locale: Locale, state: SigningState, mode: "required" | "optional"): TemplateResult | typeof nothing {
  if (state.phase === "cancelled") {
    return html`<div part="signing-message" class="notice sign-message" role="region" aria-labelledby="sign-message-title" tabindex="-1">
      <h2 id="sign-message-title">${chrome("signCancelledTitle", locale)}</h2>
      <p>${chrome("signCancelled", locale)}</p>
    </div>`;
  }
  if (state.phase !== "failed" && state.phase !== "no-signer") return nothing;
  return html`<div part="error-summary signing-message" class="summary sign-message" role="alert" tabindex="-1" aria-labelledby="sign-message-title">
    <h2 id="sign-message-title">${chrome("errorSummary", locale)}</h2>
    <p>${chrome(state.phase === "failed" ? "signFailed" : "signerMissing", locale)}</p>
    ${state.phase === "failed" && mode === "optional" ? html`<p>${chrome("signSkip", locale)}</p>` : nothing}
  </div>`;
}

export const signingStyles = css`
  .signing {
    margin: 1.5rem 0 0;
  }
  .signing h3 {
    margin: 0 0 0.5rem;
  }
  .signing p {
    margin: 0 0 0.5rem;
  }
  .digest code {
    overflow-wrap: anywhere;
    font-size: 0.9em;
  }
  .sign-choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5rem;
    align-items: center;
  }
  .sign-choice input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
  .sign-choice .hint {
    grid-column: 2;
    color: var(--_muted);
  }
  .sign-status:empty {
    margin: 0;
  }
  .sign-message:focus {
    outline: 3px solid var(--_focus, #ffdd00);
  }
  @media print {
    .sign-choice,
    .sign-status,
    .sign-message,
    .print {
      display: none;
    }
  }
`;
