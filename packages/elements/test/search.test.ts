// The combobox's matching (src/internal/search.ts): folding Vietnamese text, and which labels a query
// finds, in which order.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fold, matchRank, search, searchable } from "../src/internal/search.js";

const find = (labels: string[], query: string): string[] => search(labels.map(searchable), query).map((i) => labels[i]!);

const COMMUNES = ["Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Cầu Giấy", "Xã Sóc Sơn", "Xã Quang Minh", "Phường Đống Đa", "Xã Ba Vì", "Phường Định Công"];
const PROVINCES = ["Thành phố Hà Nội", "Thành phố Hồ Chí Minh", "Thành phố Đà Nẵng", "Tỉnh Đắk Lắk", "Tỉnh Hà Tĩnh", "Tỉnh Quảng Ninh"];

describe("fold", () => {
  it("drops case and every Vietnamese diacritic, and reads đ and Đ as d", () => {
    expect(fold("Phường Ba Đình")).toBe("phuong ba dinh");
    expect(fold("ĐẮK LẮK")).toBe("dak lak");
    expect(fold("Tỉnh Quảng Ngãi")).toBe("tinh quang ngai");
    expect(fold("ă â ê ô ơ ư đ Đ")).toBe("a a e o o u d d");
    // Every tone on every vowel: à á ả ã ạ …
    expect(fold("àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ")).toBe(
      "aaaaa aaaaa aaaaa eeeee eeeee iiiii ooooo ooooo ooooo uuuuu uuuuu yyyyy",
    );
  });

  it("reads text typed precomposed (NFC) or decomposed (NFD) alike", () => {
    expect(fold("Đình".normalize("NFD"))).toBe(fold("Đình".normalize("NFC")));
    expect(fold("Quảng")).toBe(fold("Qua\u0309ng"));
  });

  it("reads the look-alike Ð (U+00D0, eth) as d, as people type it by mistake", () => {
    expect(fold("Ðà Nẵng")).toBe("da nang");
  });

  it("reads punctuation and runs of spaces as one space, and trims", () => {
    expect(fold("  Bà Rịa – Vũng Tàu  ")).toBe("ba ria vung tau");
    expect(fold("TP. Hồ Chí Minh")).toBe("tp ho chi minh");
    expect(fold("Xã Ea H'leo")).toBe("xa ea h leo");
    expect(fold("...")).toBe("");
  });

  it("keeps letters of other scripts and digits", () => {
    expect(fold("Phường 12")).toBe("phuong 12");
    expect(fold("ភ្នំពេញ")).not.toBe("");
  });

  it("is idempotent, and folding commutes with case and normalisation (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aăâbdđeêioôơuưAĂÂĐEÊOÔƠUƯ \u0300\u0301\u0303\u0309\u0323-.'") }), (s) => {
        expect(fold(fold(s))).toBe(fold(s));
        expect(fold(s.toUpperCase())).toBe(fold(s));
        expect(fold(s.normalize("NFD"))).toBe(fold(s.normalize("NFC")));
        expect(fold(s)).toMatch(/^[a-z ]*$/);
      }),
    );
  });
});

describe("search", () => {
  it("finds a label whatever the case and diacritics typed: “ba dinh” finds “Phường Ba Đình”", () => {
    expect(find(COMMUNES, "ba dinh")).toEqual(["Phường Ba Đình"]);
    expect(find(COMMUNES, "BA ĐÌNH")).toEqual(["Phường Ba Đình"]);
    expect(find(COMMUNES, "Ba Đinh")).toEqual(["Phường Ba Đình"]);
  });

  it("“d” matches đ and Đ", () => {
    expect(find(["Đống Đa", "Hà Đông", "Cầu Giấy"], "d")).toEqual(["Đống Đa", "Hà Đông"]);
    expect(find(["Đống Đa"], "dong da")).toEqual(["Đống Đa"]);
  });

  it("matches anywhere in the label, the labels starting with the query first, then those with a word starting with it", () => {
    // "ha": Hà Nội and Hà Tĩnh have a word starting with it; "Thành phố" has none but contains "ha".
    expect(find(["Thành phố Hồ Chí Minh", "Tỉnh Hà Tĩnh", "Hà Nội", "Tỉnh Khánh Hòa"], "ha")).toEqual([
      "Hà Nội", // starts with "ha"
      "Tỉnh Hà Tĩnh", // a word starts with "ha"
      "Thành phố Hồ Chí Minh", // "ha" inside "thanh"
      "Tỉnh Khánh Hòa", // "ha" inside "khanh"
    ]);
    expect(find(COMMUNES, "inh")).toEqual(["Phường Ba Đình", "Xã Quang Minh", "Phường Định Công"]);
  });

  it("keeps the list's own order within each group", () => {
    expect(find(COMMUNES, "phuong")).toEqual(COMMUNES.filter((c) => c.startsWith("Phường")));
    expect(find(COMMUNES, "ba")).toEqual(["Phường Ba Đình", "Xã Ba Vì"]);
  });

  it("finds a label with a word starting with each word of the query, in any order", () => {
    expect(find(COMMUNES, "dinh ba")).toEqual(["Phường Ba Đình"]);
    expect(find(COMMUNES, "vi xa")).toEqual(["Xã Ba Vì"]);
    expect(find(COMMUNES, "kie phu")).toEqual(["Phường Hoàn Kiếm"]);
    // A word inside another is not enough: "h" starts no word of "Thành phố Đà Nẵng".
    expect(find(PROVINCES, "thanh pho h")).toEqual(["Thành phố Hà Nội", "Thành phố Hồ Chí Minh"]);
  });

  it("finds a label by the initials of its words, as Vietnamese abbreviate names (“hcm”, “tp hcm”)", () => {
    expect(find(PROVINCES, "hcm")).toEqual(["Thành phố Hồ Chí Minh"]);
    expect(find(PROVINCES, "TP HCM")).toEqual(["Thành phố Hồ Chí Minh"]);
    expect(find(PROVINCES, "tp.hcm")).toEqual(["Thành phố Hồ Chí Minh"]);
    // A word spelled so comes before initials.
    expect(find(["Thành phố Hà Nội", "Xã Ea H'nin", "Xã Ea Hnin"], "hn")).toEqual(["Xã Ea Hnin", "Thành phố Hà Nội", "Xã Ea H'nin"]);
  });

  it("matches nothing when no label has the query", () => {
    expect(find(COMMUNES, "xyz")).toEqual([]);
    expect(find(PROVINCES, "paris")).toEqual([]);
  });

  it("lists every label, in order, for a query with nothing to search for", () => {
    for (const q of ["", "   ", "-", "…"]) expect(find(COMMUNES, q)).toEqual(COMMUNES);
  });

  it("ranks: 0 start, 1 word start, 2 inside, 3 every word, 4 initials, -1 none", () => {
    const label = searchable("Phường Ba Đình");
    expect(["phuong", "ba", "inh", "dinh ba", "pbd", "xa"].map((q) => matchRank(label, q))).toEqual([0, 1, 2, 3, 4, -1]);
  });

  it("every label found contains the query folded, or all its words, or has it as initials; none is lost or repeated (property)", () => {
    const word = fc.stringMatching(/^[a-zàáảãạăâđêôơư]{1,6}$/);
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")), { maxLength: 30 }), word, (labels, query) => {
        const found = search(labels.map(searchable), query);
        expect(new Set(found).size).toBe(found.length);
        for (let i = 0; i < labels.length; i++) {
          const label = searchable(labels[i]!);
          const q = fold(query);
          const expected = label.folded.includes(q) || (q.length > 1 && label.initials.includes(q));
          expect(found.includes(i)).toBe(expected);
        }
      }),
    );
  });
});
