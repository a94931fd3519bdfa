// The example back end's lookups in registers (registers.mjs), over HTTP and for the check of a
// submission:
//
//   GET /api/lookups/<name>?persona=<name>&input=<JSON>
//
// answers what a procedure's lookup `<name>` finds for `input` (the lookup's input as JSON: a text in
// quotes, `"048198004521"`; an object, `{"properName":"…","communeCode":"26824"}`), for the signed-in
// citizen (here: the persona the portal names, as for `POST /submissions`):
//
//   200 { "record": {…} }   found
//   200 { "record": null }  nothing, or nothing this citizen may see (no consent): the same answer, so
//                           that it does not tell whether someone has a record
//   400                     an unknown lookup; `input` missing, repeated, longer than MAX_LOOKUP_INPUT
//                           characters, not JSON, or not what the lookup takes
//   401                     no signed-in citizen (`?persona=` missing or unknown)
//   503                     the register failed; the form says "try again"
//
// Every answer is `no-store`, with the security headers of every route (http.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { signedIn } from "./citizen.mjs";
import { RequestError, send } from "./http.mjs";
import { createRegisters, RegisterInputError } from "./registers.mjs";

/** The longest `input` taken, in characters of JSON: a personal ID is 14, a business name and commune about 200. */
export const MAX_LOOKUP_INPUT = 1000;

const REGISTERS = fileURLToPath(new URL("../data/registers/", import.meta.url));
const LOOKUP = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The registers of examples/data/registers: population.json, consents.json and business-households.json. */
export function readRegisters(dir = REGISTERS) {
  const read = (file) => JSON.parse(readFileSync(join(dir, file), "utf8"));
  return createRegisters({ population: read("population.json"), consents: read("consents.json"), businessHouseholds: read("business-households.json") });
}

/**
 * The handler of `GET /api/lookups/<name>` (`name` as the path has it, still encoded).
 * @param {object} options
 * @param {ReturnType<typeof createRegisters>} options.registers
 * @param {(persona: string) => Promise<object | undefined>} options.context the context of a signed-in citizen
 * @param {(line: string) => void} options.log where a register's failure is written
 */
export function lookupsHandler({ registers, context, log }) {
  return async (req, res, url, name) => {
    const viewer = (await signedIn(url, context)).citizen.citizen?.personalId;
    if (!LOOKUP.test(name) || !registers.has(name)) throw new RequestError(400, "unknown-lookup", `no lookup ${JSON.stringify(name.slice(0, 100))} (known: ${registers.names.join(", ")})`);
    const inputs = url.searchParams.getAll("input");
    if (inputs.length !== 1 || inputs[0] === "") throw new RequestError(400, "bad-input", "give the lookup's input once, as JSON: ?input=<JSON>");
    if (inputs[0].length > MAX_LOOKUP_INPUT) throw new RequestError(400, "bad-input", `the input is longer than ${MAX_LOOKUP_INPUT} characters`);
    let input;
    try {
      input = JSON.parse(inputs[0]);
    } catch {
      throw new RequestError(400, "bad-input", 'the input is not JSON (a text goes in quotes: ?input="048198004521")');
    }
    let record;
    try {
      record = await registers.lookup(name, input, { viewer });
    } catch (error) {
      if (error instanceof RegisterInputError) throw new RequestError(400, "bad-input", error.message);
      log(`${req.method} ${url.pathname}: the register failed: ${error?.stack ?? error}`);
      throw new RequestError(503, "register-unavailable", "the register could not be reached; try again", { "retry-after": "5" });
    }
    return send(res, 200, { record: record ?? null });
  };
}
