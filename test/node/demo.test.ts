// `npm run demo` walks the residence procedure in the terminal: it must work for every persona.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const demo = fileURLToPath(new URL("../../examples/demo.mjs", import.meta.url));

describe("examples/demo.mjs", () => {
  it.each([
    ["nguyen-van-an", "vi", /Còn phải nhập: 6 \/ 15[\s\S]*Máy chủ kiểm tra lại: hợp lệ ✔/],
    ["le-thi-mai", "vi", /Còn phải nhập: 3 \/ 15[\s\S]*Máy chủ kiểm tra lại: hợp lệ ✔/],
    ["pham-quoc-huy", "en", /Left to type: 8 \/ 15[\s\S]*Back end re-validation: valid ✔/],
  ])("%s (%s): prints the form state, a submission and the back end's answer", (persona, locale, expected) => {
    const out = execFileSync(process.execPath, [demo, "--persona", persona, "--locale", locale], { encoding: "utf8" });
    expect(out).toMatch(expected);
    expect(out).toContain('"procedure": {');
  });
});
