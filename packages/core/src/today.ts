/** `$today()`: the date in a time zone, so that the citizen's form and the back end agree on it. */

/** The default time zone of `$today()`: the form and its back end must agree on the date. */
export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The date (`YYYY-MM-DD`) of an instant in a time zone. Throws a RangeError for an unknown zone. */
export function todayOf(date: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, format);
  }
  return format.format(date);
}
