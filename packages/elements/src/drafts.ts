/**
 * Where `<tk-form>` keeps a citizen's answers in progress (see `draftSubject` on `<tk-form>`).
 *
 * A store is three operations on a key; each may be synchronous or return a promise, so a portal can
 * keep drafts on its own server. Any of them may throw (storage disabled, quota exceeded, network):
 * the form reports it (`tk-draft-error`) and goes on with what is on the page.
 */
import type { Draft } from "@tokhai/core";

export interface DraftStore {
  /** The draft saved under `key`, or `undefined`/`null` when there is none. What it returns is checked before use. */
  load(key: string): unknown;
  save(key: string, draft: Draft): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/**
 * The key of a citizen's draft of a procedure: procedure id, major version, and the subject the portal
 * names (e.g. an opaque id of the signed-in citizen; never one that identifies them to another reader
 * of the device).
 */
export function draftKey(procedureId: string, major: number, subject: string): string {
  return `tokhai-draft:${procedureId}@${major}:${subject}`;
}

/**
 * Drafts in the browser's `localStorage` (the default store), as JSON. `storage` is looked up on each
 * call: in a private window or with storage disabled, reading `localStorage` itself throws, and that
 * is reported like any other failure.
 */
export function localStorageDraftStore(storage: () => Storage = () => globalThis.localStorage): DraftStore {
  return {
    load(key) {
      const text = storage().getItem(key);
      return text === null ? undefined : (JSON.parse(text) as unknown);
    },
    save(key, draft) {
      storage().setItem(key, JSON.stringify(draft));
    },
    remove(key) {
      storage().removeItem(key);
    },
  };
}
