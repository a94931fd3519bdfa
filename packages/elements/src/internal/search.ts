/**
 * Searching a list of labels as people type, in Vietnamese: the combobox's (`tk-field-combobox`)
 * matching. Case and diacritics are ignored on both sides ("ba dinh" finds "Phường Ba Đình", "d" finds
 * "đ" and "Đ"), and so is punctuation. A label matches when it contains the query anywhere; the
 * matches come best first, each group in the list's own order:
 *
 * 0. the label starts with the query ("ha noi" → "Hà Nội");
 * 1. a word of the label starts with it ("ba dinh" → "Phường Ba Đình");
 * 2. the label contains it anywhere ("inh" → "Phường Ba Đình");
 * 3. every word of it starts a word of the label, in any order ("dinh ba" → "Phường Ba Đình");
 * 4. the initials of the label's words contain it, spaces left out ("hcm", "tp hcm" → "Thành phố Hồ
 *    Chí Minh"), as Vietnamese abbreviate names.
 */

/** The combining marks of Latin letters (U+0300–U+036F): those of Vietnamese once decomposed (NFD). */
const MARKS = /[\u0300-\u036f]/g;
/** Runs of what is neither a letter nor a digit, in any script. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * A text folded for matching: lower case, decomposed (NFD) with its Latin combining marks removed,
 * đ (and its look-alike ð) read as d, anything but letters and digits read as one space, trimmed.
 * `fold("Phường Ba Đình")` is `"phuong ba dinh"`.
 */
export function fold(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(MARKS, "").replace(/[đð]/g, "d").replace(SEPARATORS, " ").trim();
}

/** A label prepared once for any number of queries: folded, and the initials of its words. */
export interface Searchable {
  readonly folded: string;
  readonly initials: string;
}

export function searchable(label: string): Searchable {
  const folded = fold(label);
  return { folded, initials: folded.replace(/(\S)\S*\s*/g, "$1") };
}

/** How well a label matches a folded query (see the groups above): 0 best, -1 not at all. */
export function matchRank(label: Searchable, query: string): number {
  const text = label.folded;
  if (text.startsWith(query)) return 0;
  if (text.includes(` ${query}`)) return 1;
  if (text.includes(query)) return 2;
  const words = query.split(" ");
  if (words.length > 1 && words.every((w) => ` ${text}`.includes(` ${w}`))) return 3;
  const compact = words.join("");
  return compact.length > 1 && label.initials.includes(compact) ? 4 : -1;
}

/**
 * The positions of the labels that match `query`, best first, each group in the list's order. A query
 * with nothing to search for (empty, spaces, punctuation) matches every label, in order.
 */
export function search(labels: readonly Searchable[], query: string): number[] {
  const q = fold(query);
  if (q === "") return labels.map((_, i) => i);
  const groups: number[][] = [[], [], [], [], []];
  labels.forEach((label, i) => {
    const rank = matchRank(label, q);
    if (rank >= 0) groups[rank]!.push(i);
  });
  return groups.flat();
}
