/** tokhai's formats for Vietnamese identifiers and for a month of a year, beside ajv-formats' standard ones. */

/** Số định danh cá nhân / căn cước: 12 digits. */
export const VN_PERSONAL_ID = /^\d{12}$/;
/**
 * Vietnamese telephone number, 10 digits in national form: mobile prefixes 03, 05, 07, 08, 09
 * (since the 2018 renumbering) and landlines 02x (area code after the 2017 renumbering).
 */
export const VN_PHONE = /^0(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d|2\d)\d{7}$/;
/** Mã số thuế: 10 digits, or 10 digits, a dash and 3 digits for a dependent unit. */
export const VN_TAX_CODE = /^\d{10}(?:-\d{3})?$/;

/**
 * A month of a year, `YYYY-MM` (ISO 8601's calendar month, as `<input type="month">` writes it): an
 * answer such as "since 05/2024". The month is 01 to 12. Values compare as text in time order, so an
 * `x-rules` assert such as `$value <= $substring($today(), 0, 7)` bounds them (ajv's `formatMinimum`
 * and `formatMaximum` do not apply to it).
 */
export const YEAR_MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;

export const TOKHAI_FORMATS: Readonly<Record<string, RegExp>> = {
  "vn-personal-id": VN_PERSONAL_ID,
  "vn-phone": VN_PHONE,
  "vn-tax-code": VN_TAX_CODE,
  "year-month": YEAR_MONTH,
};

/** Formats a schema may use: ajv-formats' full set and tokhai's. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  "date", "time", "date-time", "iso-time", "iso-date-time", "duration", "uri", "uri-reference", "uri-template",
  "url", "email", "hostname", "ipv4", "ipv6", "regex", "uuid", "json-pointer", "json-pointer-uri-fragment",
  "relative-json-pointer", "byte", "int32", "int64", "float", "double", "password", "binary",
  ...Object.keys(TOKHAI_FORMATS),
]);
