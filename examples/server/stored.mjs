// A stored submission, for the citizen who submitted it and nobody else: `GET /submissions/<id>`
// answers `{ receipt, envelope }`. Any other citizen, an id that is no UUID and an id never used all get
// the same 404, so that the answer tells nothing about other people's submissions.
import { signedIn } from "./citizen.mjs";
import { ENVELOPE_ID } from "./envelope.mjs";
import { RequestError, send } from "./http.mjs";

/**
 * The submission stored under `id` when the citizen signed in (`?persona=`) submitted it, with that
 * citizen's context (`citizen`); a `RequestError` 401 without a citizen, 404 otherwise.
 * @param {{ store: import("./db/store.d.mts").Store | Promise<import("./db/store.d.mts").Store>, context: (persona: string) => Promise<object | undefined> }} options
 * @param {URL} url
 * @param {string} id as the path has it, still encoded
 */
export async function ownSubmission({ store, context }, url, id) {
  const { persona, citizen } = await signedIn(url, context);
  const stored = ENVELOPE_ID.test(id) ? await (await store).get(id) : undefined;
  if (!stored || stored.persona !== persona) throw new RequestError(404, "not-found", `no submission ${JSON.stringify(id.slice(0, 100))} of this citizen`);
  return { ...stored, citizen };
}

/** The handler of `GET /submissions/<id>`. */
export function storedSubmissionHandler(options) {
  return async (req, res, url, id) => {
    const { receipt, envelope } = await ownSubmission(options, url, id);
    send(res, 200, { receipt, envelope });
  };
}
