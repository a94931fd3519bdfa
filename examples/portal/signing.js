// The portal's signer for <tk-form>: a STAND-IN for a real signing service (a national e-ID's remote
// signature, a citizen's smart card). Each invented persona has an ECDSA P-256 key pair in
// examples/data/personas/keys/ that exists only for this demonstration; the example back end verifies the
// signature with the persona's public key only. Never use these keys, or this way of holding a private
// key in a web page, for anything real.
//
// The citizen confirms in a modal dialog that shows what is signed (the declaration's digest); "Huỷ" /
// "Cancel" or Escape rejects with an AbortError, which <tk-form> reports as a cancelled signature and the
// answers stay on the review page.

const TEXT = {
  vi: {
    title: "Ký số tờ khai (giả lập)",
    intro: "Tài khoản định danh điện tử giả lập của {name} sẽ ký số tờ khai có mã băm:",
    standIn: "Đây là trang minh hoạ: khoá ký là khoá giả lập, không phải chữ ký số thật.",
    sign: "Ký số",
    cancel: "Huỷ",
  },
  en: {
    title: "Sign the declaration (simulated)",
    intro: "The simulated electronic identity of {name} will sign the declaration whose digest is:",
    standIn: "This is a demonstration: the signing key is invented, not a real digital signature.",
    sign: "Sign",
    cancel: "Cancel",
  },
};

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** Asks the citizen, in a modal dialog, to sign; resolves when they do, rejects with an AbortError when they cancel. */
function confirmSigning({ name, digest, locale }) {
  const t = TEXT[locale] ?? TEXT.vi;
  const dialog = document.createElement("dialog");
  dialog.className = "signing";
  dialog.setAttribute("aria-labelledby", "signing-title");
  const heading = Object.assign(document.createElement("h2"), { id: "signing-title", textContent: t.title });
  const intro = Object.assign(document.createElement("p"), { textContent: t.intro.replace("{name}", name) });
  const code = Object.assign(document.createElement("code"), { className: "digest", textContent: digest });
  const note = Object.assign(document.createElement("p"), { className: "hint", textContent: t.standIn });
  const sign = Object.assign(document.createElement("button"), { type: "button", textContent: t.sign });
  const cancel = Object.assign(document.createElement("button"), { type: "button", className: "secondary", textContent: t.cancel });
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(sign, cancel);
  dialog.append(heading, intro, code, note, actions);
  document.body.append(dialog);
  return new Promise((resolve, reject) => {
    const finish = (signed) => {
      dialog.close();
      dialog.remove();
      if (signed) resolve();
      else reject(new DOMException(t.cancel, "AbortError"));
    };
    sign.addEventListener("click", () => finish(true));
    cancel.addEventListener("click", () => finish(false));
    // Escape closes a modal dialog: a cancellation.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    sign.focus();
  });
}

/**
 * A `signer` for <tk-form>: confirms with the citizen, then signs the UTF-8 bytes of the digest with the
 * persona's stand-in key (ECDSA P-256 with SHA-256, the signature as r‖s in base64url: "ES256").
 * @param {{ persona: string, name: string, locale: () => string }} who the signed-in persona, their name, the page's language now
 */
export function standInSigner({ persona, name, locale }) {
  return async ({ digest }) => {
    await confirmSigning({ name, digest, locale: locale() });
    const response = await fetch(`/api/personas/${encodeURIComponent(persona)}/signing-key`, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`signing key of ${persona}: HTTP ${response.status}`);
    const jwk = await response.json();
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
    const value = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, new TextEncoder().encode(digest));
    return { alg: "ES256", value: base64url(value), signer: name };
  };
}
