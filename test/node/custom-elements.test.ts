// The generated Custom Elements Manifest documents every element (for Storybook docs and editors).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Declaration {
  name: string;
  tagName?: string;
  summary?: string;
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  events?: { name: string }[];
  members?: { name: string; static?: boolean }[];
}

describe("packages/elements/custom-elements.json", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../packages/elements/custom-elements.json", import.meta.url), "utf8")) as {
    modules: { declarations?: Declaration[] }[];
  };
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);

  it("lists <tk-form> and every field element, each with a summary and its parts", () => {
    expect(elements.map((d) => d.tagName).sort()).toEqual(
      [
        "tk-form", "tk-field-text", "tk-field-email", "tk-field-tel", "tk-field-personal-id", "tk-field-textarea", "tk-field-number",
        "tk-field-date", "tk-field-month", "tk-field-select", "tk-field-combobox", "tk-field-radio", "tk-field-checkbox", "tk-field-checkboxes", "tk-field-file",
        "tk-field-section", "tk-field-repeat", "tk-field-computed", "tk-field-address",
      ].sort(),
    );
    for (const d of elements) {
      expect(d.summary, d.name).toBeTruthy();
      expect(d.cssParts?.length ?? 0, d.name).toBeGreaterThan(0);
    }
  });

  it("lists no static members of an element, which Storybook would show as controls (lit's shadowRootOptions)", () => {
    for (const d of elements) {
      expect((d.members ?? []).filter((m) => m.static).map((m) => m.name), d.name).toEqual([]);
      expect((d.members ?? []).map((m) => m.name), d.name).toContain("locale");
    }
  });

  it("documents tk-form's events and the theme's custom properties", () => {
    const form = elements.find((d) => d.tagName === "tk-form")!;
    expect(form.events?.map((e) => e.name)).toEqual(expect.arrayContaining(["tk-change", "tk-step", "tk-submit", "tk-invalid", "tk-diagnostic"]));
    const text = elements.find((d) => d.tagName === "tk-field-text")!;
    expect(text.cssProperties?.map((p) => p.name)).toEqual(expect.arrayContaining(["--tk-color-focus", "--tk-color-error", "--tk-font-family"]));
  });
});
