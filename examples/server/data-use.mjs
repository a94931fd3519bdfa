// The example back end's `GET /api/personas/<name>?procedure=<procedure>`: the data the state holds for
// a signed-in citizen, cut down to what the chosen procedure reads (data minimisation). The portal
// hands exactly this to <tk-form> as its context. `usedData` keeps, of each source the procedure
// declares, the paths its expressions read (`dataUse` lists them; `tokhai data-use` prints them), whole
// where a read takes everything under a path; other sources and other members never leave the server.
// A form given this context shows and submits what it would with the whole record (tested in
// test/node/data-use.test.ts), and the back end still checks a submission against its whole record.
import { usedData } from "@tokhai/core";
import { RequestError } from "./http.mjs";

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * @param {object} options
 * @param {((id: string) => Promise<import("@tokhai/core").Procedure | undefined>) & { list?: () => { name: string, id: string }[] }} options.procedure
 *   the loaded procedure of an id; `list()` gives each procedure's file name beside its id
 * @param {(persona: string) => Promise<object | undefined>} options.context the whole record of a citizen
 * @returns {(persona: string, url: URL) => Promise<object>} what a procedure reads of a persona's record;
 *   throws a `RequestError`: 400 without one `?procedure=`, 404 for an unknown persona or procedure
 */
export function personaDataHandler({ procedure, context }) {
  return async (persona, url) => {
    const data = NAME.test(persona) ? await context(persona) : undefined;
    if (!data) throw new RequestError(404, "not-found", `no persona ${JSON.stringify(persona)}`);
    const named = url.searchParams.getAll("procedure");
    if (named.length !== 1 || named[0] === "") {
      throw new RequestError(400, "procedure-required", "name one procedure (?procedure=<name>): the server hands out only the data a procedure reads");
    }
    // The portal names a procedure by its file name (`dang-ky-thuong-tru`); its id is taken too.
    const entry = procedure.list?.().find((p) => p.name === named[0]);
    const id = entry?.id ?? (ID.test(named[0]) ? named[0] : undefined);
    const loaded = id === undefined ? undefined : await procedure(id);
    if (!loaded) throw new RequestError(404, "not-found", `no procedure ${JSON.stringify(named[0].slice(0, 200))}`);
    return usedData(loaded, data);
  };
}
