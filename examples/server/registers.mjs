// The registers the example back end looks things up in while a citizen answers (a procedure's
// `lookups`), and what each lookup answers: plain data in, records out, no I/O, so that the server,
// the tests and the Storybook stories answer from the same code and the same data
// (examples/data/registers/).
//
//   otherParty    the population record of the person whose personal ID is typed as the other party
//                 of a marriage, only when that person agreed to share it with the signed-in citizen
//                 for the marriage registration (consents.json); otherwise nothing, as for an unknown ID
//   businessName  the business household already registered under the proposed proper name in the
//                 same commune; nothing when the name is free
//
// A lookup answers a record, or `null` for "nothing": the example server sends `{ "record": … }`.
// An input a lookup does not take (not a personal ID, a name of 500 characters) throws a
// `RegisterInputError`; the server answers it with 400, a form never sends one.

/** The procedure a consent to share a population record is given for. */
export const MARRIAGE = "vn.ho-tich.dang-ky-ket-hon";

const PERSONAL_ID = /^[0-9]{12}$/;
const COMMUNE = /^[0-9]{5}$/;
/** The longest proper name of a business household (the procedure's `maxLength`). */
const MAX_PROPER_NAME = 150;

/** An input the lookup does not take: the request is wrong, not the register. */
export class RegisterInputError extends Error {}

// ---------------------------------------------------------------------------------------------------
// Names of business households
// ---------------------------------------------------------------------------------------------------

/** The five tone marks, as combining characters (huyền, sắc, ngã, hỏi, nặng). */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;
/** Every combining mark: tones, and the marks that make letters (â, ă, ơ…). */
const MARK = /[\u0300-\u036f]/gu;
const PREFIX = ["hộ", "kinh", "doanh"];

/**
 * What two names are compared by: the words of the name in lower case, with the tone mark of each word
 * kept but moved out of its place, so that the old and new placements of tone marks ("Hoà", "Hòa";
 * "Thuỷ", "Thủy") and composed or decomposed characters (as different keyboards type them) are the same
 * name, while words that differ by a mark stay different ("Hoa" is not "Hòa"). Spaces count once, and a
 * leading "Hộ kinh doanh" is not part of the proper name.
 */
export function businessNameKey(name) {
  const words = String(name).normalize("NFC").toLocaleLowerCase("vi").split(/\s+/u).filter(Boolean).map(wordKey);
  const prefix = PREFIX.map(wordKey);
  const named = words.length > prefix.length && prefix.every((w, i) => words[i] === w);
  return (named ? words.slice(prefix.length) : words).join(" ");
}

/** A word without its tone mark, then the mark: "hoà" and "hòa" give the same. */
function wordKey(word) {
  const decomposed = word.normalize("NFD");
  const tones = (decomposed.match(TONE) ?? []).join("");
  return `${decomposed.replace(TONE, "").normalize("NFC")}${tones ? `·${tones}` : ""}`;
}

/** A name without any mark ("Ca phe Som Mai"), as typed on a keyboard without Vietnamese: compared without marks. */
export function unmarked(name) {
  return !/[\u0300-\u036f]/u.test(String(name).normalize("NFD")) && !/[đĐ]/u.test(name);
}

/** The key of a name with every mark taken away, and đ as d. */
function plainKey(name) {
  const words = businessNameKey(name).normalize("NFD").replace(MARK, "").replace(/·/gu, "").replace(/đ/gu, "d").split(" ");
  return (words.length > 3 && words.slice(0, 3).join(" ") === "ho kinh doanh" ? words.slice(3) : words).join(" ");
}

/**
 * Whether the proposed proper name is the registered one: the same words with the same marks (see
 * `businessNameKey`), or, for a name typed without any mark, the same words once the registered name's
 * marks are taken away too ("Ca phe Som Mai" reads as "Cà phê Sớm Mai").
 */
export function sameBusinessName(proposed, registered) {
  if (businessNameKey(proposed) === businessNameKey(registered)) return true;
  return unmarked(proposed) && plainKey(proposed) === plainKey(registered);
}

// ---------------------------------------------------------------------------------------------------
// The registers
// ---------------------------------------------------------------------------------------------------

/**
 * The example registers over their data (the files of examples/data/registers, parsed):
 * `population` ({ persons }), `consents` ({ consents }) and `businessHouseholds` ({ households }).
 * `lookup(name, input, { viewer })` answers a lookup for the signed-in citizen whose personal ID is
 * `viewer`: a record, or null. It throws a `RegisterInputError` for an input the lookup does not take.
 */
export function createRegisters({ population, consents, businessHouseholds }) {
  const persons = new Map((population?.persons ?? []).map((p) => [p.personalId, p]));
  const shared = consents?.consents ?? [];
  const households = businessHouseholds?.households ?? [];

  const lookups = {
    otherParty(input, viewer) {
      if (typeof input !== "string" || !PERSONAL_ID.test(input)) throw new RegisterInputError("otherParty looks up a personal identification number: a text of 12 digits");
      const consent = shared.find((c) => c.personalId === input && c.sharesWith === viewer && c.procedure === MARRIAGE);
      const person = consent ? persons.get(input) : undefined;
      return person ? { ...structuredClone(person), consentedAt: consent.consentedAt } : null;
    },
    businessName(input) {
      const keys = input !== null && typeof input === "object" && !Array.isArray(input) ? Object.keys(input).sort() : [];
      if (keys.join() !== "communeCode,properName") throw new RegisterInputError('businessName looks up { "properName", "communeCode" }');
      const { properName, communeCode } = input;
      if (typeof properName !== "string" || properName.trim() === "" || properName.length > MAX_PROPER_NAME) {
        throw new RegisterInputError(`businessName: properName is a text of 1 to ${MAX_PROPER_NAME} characters`);
      }
      if (typeof communeCode !== "string" || !COMMUNE.test(communeCode)) throw new RegisterInputError("businessName: communeCode is a commune's code of 5 digits");
      const taken = households.find((h) => h.communeCode === communeCode && sameBusinessName(properName, h.name));
      return taken ? structuredClone(taken) : null;
    },
  };

  return {
    /** The lookups these registers answer. */
    names: Object.keys(lookups),
    has: (name) => Object.prototype.hasOwnProperty.call(lookups, name),
    lookup(name, input, { viewer } = {}) {
      if (!Object.prototype.hasOwnProperty.call(lookups, name)) throw new RegisterInputError(`no lookup ${JSON.stringify(name)} (known: ${Object.keys(lookups).join(", ")})`);
      return lookups[name](input, viewer);
    },
  };
}

/**
 * A resolver for `createForm`, `<tk-form>` and `validateSubmission` (`lookup` option) over `registers`,
 * for the signed-in citizen whose personal ID is `viewer`: the record, or undefined for nothing. An
 * input the lookup does not take has no record; a register that throws anything else fails the lookup.
 */
export function registerResolver(registers, viewer) {
  return async (name, input) => {
    try {
      return (await registers.lookup(name, input, { viewer })) ?? undefined;
    } catch (error) {
      if (error instanceof RegisterInputError) return undefined;
      throw error;
    }
  };
}
