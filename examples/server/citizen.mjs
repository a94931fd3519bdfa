// Who a request of the example back end is signed in as. In a real portal the citizen comes from the
// session; the example names one of its invented personas in the query (`?persona=<name>`).
import { RequestError } from "./http.mjs";

const PERSONA = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The persona a request names (`?persona=`, exactly once) and their context, or a `RequestError` 401.
 * @param {URL} url
 * @param {(persona: string) => Promise<object | undefined>} context the context of a signed-in citizen
 * @returns {Promise<{ persona: string, citizen: Record<string, any> }>}
 */
export async function signedIn(url, context) {
  const personas = url.searchParams.getAll("persona");
  const persona = personas.length === 1 && PERSONA.test(personas[0]) ? personas[0] : undefined;
  const citizen = persona === undefined ? undefined : await context(persona);
  if (!citizen) throw new RequestError(401, "unknown-citizen", "no signed-in citizen: name one persona (?persona=<name>)");
  return { persona, citizen };
}
