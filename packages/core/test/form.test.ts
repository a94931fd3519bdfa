import { describe, expect, it, vi } from "vitest";
import { createForm, type FieldState } from "@tokhai/core";
import { citizenSource, countEvaluations, householdSource, load } from "./helpers.js";

const person = { fullName: "Lê Thị Hoa", personalId: "001190001234", phone: "0912345678" };

describe("x-prefill and x-lock", () => {
  const schema = {
    type: "object",
    properties: {
      fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
      personalId: { type: "string", "x-prefill": "$citizen.personalId", "x-lock": true },
      phone: { type: "string", "x-prefill": "$citizen.phone" },
    },
  } as const;

  it("fills values from the context and locks those marked x-lock", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), { context: { citizen: person } });
    await form.settled();
    expect(form.get("/fullName")).toBe("Lê Thị Hoa");
    expect(form.field("/fullName")).toMatchObject({ locked: true, readonly: true });
    expect(form.field("/fullName").provenance).toEqual({ source: "citizen", path: "fullName", locked: true, edited: false });
    expect(form.field("/phone")).toMatchObject({ value: "0912345678", locked: false, readonly: false });
    expect(form.field("/phone").provenance).toEqual({ source: "citizen", path: "phone", locked: false, edited: false });
  });

  it("leaves a locked field editable and empty when the source has no value", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), {
      context: { citizen: { fullName: "Lê Thị Hoa" } },
    });
    await form.settled();
    expect(form.field("/personalId")).toMatchObject({ value: undefined, locked: false, readonly: false });
    form.set("/personalId", "001190001234");
    expect(form.get("/personalId")).toBe("001190001234");
    expect(form.field("/personalId").provenance).toEqual({ source: "user" });
  });

  it("refuses to change a locked value", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), { context: { citizen: person } });
    await form.settled();
    expect(() => form.set("/fullName", "Someone else")).toThrow(/x-lock/);
    expect(() => form.set("", { fullName: "x" })).toThrow(/x-lock/);
    expect(form.get("/fullName")).toBe("Lê Thị Hoa");
  });

  it("records an edit of an editable prefilled value, and its undoing", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), { context: { citizen: person } });
    await form.settled();
    form.set("/phone", "0987654321");
    expect(form.field("/phone").provenance).toEqual({ source: "citizen", path: "phone", locked: false, edited: true });
    form.set("/phone", "0912345678");
    expect(form.field("/phone").provenance).toMatchObject({ edited: false });
  });

  it("runs with no context at all: prefilled fields are simply empty", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }));
    await form.settled();
    expect(form.get()).toEqual({});
    expect(form.field("/fullName").locked).toBe(false);
  });
});

describe("default", () => {
  it("applies schema defaults, recorded as such until edited", async () => {
    const form = createForm(await load({ type: "object", properties: { country: { type: "string", default: "VN" } } }));
    await form.settled();
    expect(form.get("/country")).toBe("VN");
    expect(form.field("/country").provenance).toEqual({ source: "default", edited: false });
    form.set("/country", "LA");
    expect(form.field("/country").provenance).toEqual({ source: "default", edited: true });
  });

  it("a prefilled value replaces the default", async () => {
    const procedure = await load(
      { type: "object", properties: { phone: { type: "string", default: "none", "x-prefill": "$citizen.phone" } } },
      { sources: { citizen: citizenSource } },
    );
    const form = createForm(procedure, { context: { citizen: person } });
    await form.settled();
    expect(form.get("/phone")).toBe("0912345678");
  });
});

describe("x-compute", () => {
  it("derives a value, keeps it up to date and refuses set()", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        quantity: { type: "integer" },
        price: { type: "integer", default: 20000 },
        total: { type: "integer", "x-compute": "quantity * price" },
      },
    });
    const form = createForm(procedure);
    await form.settled();
    expect(form.get("/total")).toBeUndefined(); // quantity missing: no value
    form.set("/quantity", 3);
    await form.settled();
    expect(form.get("/total")).toBe(60000);
    expect(form.field("/total")).toMatchObject({ computed: true, readonly: true, provenance: { source: "computed" } });
    expect(() => form.set("/total", 1)).toThrow(/computed/);
  });

  it("re-runs only what reads the change, transitively, once each, in dependency order", async () => {
    // Document order puts c before b, but c reads b: b must run first.
    const procedure = await load({
      type: "object",
      properties: {
        a: { type: "number" },
        c: { type: "number", "x-compute": "b + 1" },
        b: { type: "number", "x-compute": "a + 1" },
        d: { type: "number", "x-compute": "b + c" },
        other: { type: "string" },
        unrelated: { type: "string", "x-compute": "other & '!'" },
      },
    });
    const counts = countEvaluations(procedure);
    const form = createForm(procedure);
    await form.settled();
    for (const key of counts.keys()) counts.set(key, 0);
    form.set("/a", 1);
    await form.settled();
    expect(form.get()).toMatchObject({ a: 1, b: 2, c: 3, d: 5 });
    expect(counts.get("/schema/properties/b/x-compute")).toBe(1);
    expect(counts.get("/schema/properties/c/x-compute")).toBe(1);
    expect(counts.get("/schema/properties/d/x-compute")).toBe(1);
    expect(counts.get("/schema/properties/unrelated/x-compute")).toBe(0);
  });

  it("ranks expressions so a reader always runs after the writers it reads", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        z: { type: "number", "x-compute": "y * 2" },
        y: { type: "number", "x-compute": "x * 2" },
        x: { type: "number", default: 1 },
      },
    });
    const rank = (p: string) => procedure.expressions.find((e) => e.node.pointer === p)!.rank;
    expect(rank("/y")).toBeLessThan(rank("/z"));
  });
});

describe("x-visible", () => {
  const schema = {
    type: "object",
    properties: {
      married: { type: "boolean" },
      spouse: {
        type: "object",
        "x-visible": "married = true",
        properties: { name: { type: "string", minLength: 2 } },
        required: ["name"],
      },
    },
  } as const;

  it("hides a field, prunes its value from the data and does not validate it", async () => {
    const form = createForm(await load(schema));
    await form.settled();
    expect(form.field("/spouse").visible).toBe(false);
    expect(form.field("/spouse/name").visible).toBe(false);
    expect(await form.validate()).toEqual([]);
    form.set("/married", true);
    await form.settled();
    expect(form.field("/spouse/name").visible).toBe(true);
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/spouse/name"]);
  });

  it("removes the value of a field that becomes hidden from data, submission and draft, and restores it when shown again", async () => {
    const form = createForm(await load(schema));
    form.set("/married", true);
    await form.settled();
    form.set("/spouse/name", "Trần Văn B");
    form.set("/married", false);
    await form.settled();
    expect(form.get()).toEqual({ married: false });
    expect(form.draft().data).toEqual({ married: false });
    const result = await form.submission();
    expect(result.ok && result.envelope.data).toEqual({ married: false });
    form.set("/married", true);
    await form.settled();
    expect(form.get("/spouse/name")).toBe("Trần Văn B");
  });

  it("expressions see the pruned data", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        show: { type: "boolean", default: true },
        amount: { type: "number", "x-visible": "show" },
        total: { type: "number", "x-compute": "$exists(amount) ? amount : 0" },
      },
    });
    const form = createForm(procedure);
    form.set("/amount", 5);
    await form.settled();
    expect(form.get("/total")).toBe(5);
    form.set("/show", false);
    await form.settled();
    expect(form.get("/total")).toBe(0);
  });
});

describe("x-required, x-readonly", () => {
  it("makes a field required or read-only while the expression is true", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        ownership: { type: "string", enum: ["owner", "rent"] },
        ownerName: { type: "string", "x-required": "ownership = 'rent'", "x-readonly": "ownership = 'owner'" },
      },
    });
    const form = createForm(procedure);
    form.set("/ownership", "rent");
    await form.settled();
    expect(form.field("/ownerName")).toMatchObject({ required: true, readonly: false });
    expect(await form.validate()).toEqual([
      expect.objectContaining({ pointer: "/ownerName", keyword: "required" }),
    ]);
    form.set("/ownership", "owner");
    await form.settled();
    expect(form.field("/ownerName")).toMatchObject({ required: false, readonly: true });
    expect(form.field("/ownerName").errors).toEqual([]);
  });
});

describe("inherited read-only and container provenance", () => {
  it("x-readonly on a section makes the fields inside it read-only", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        frozen: { type: "boolean", default: true },
        address: { type: "object", "x-readonly": "frozen", properties: { street: { type: "string" } } },
      },
    });
    const form = createForm(procedure);
    await form.settled();
    expect(form.field("/address/street").readonly).toBe(true);
    form.set("/frozen", false);
    await form.settled();
    expect(form.field("/address/street").readonly).toBe(false);
  });

  it("an object filled by a prefill has that prefill's provenance, edited once a value inside changes", async () => {
    const source = { title: "Dân cư", schema: { type: "object", properties: { address: { type: "object", properties: { street: { type: "string" } } } } } };
    const procedure = await load(
      { type: "object", properties: { address: { type: "object", "x-prefill": "$citizen.address", properties: { street: { type: "string" } } } } },
      { sources: { citizen: source } },
    );
    const form = createForm(procedure, { context: { citizen: { address: { street: "Lê Lợi" } } } });
    await form.settled();
    expect(form.field("/address").provenance).toEqual({ source: "citizen", path: "address", locked: false, edited: false });
    form.set("/address/street", "Hàng Bài");
    expect(form.field("/address").provenance).toMatchObject({ edited: true });
  });
});

describe("x-options", () => {
  const catalog = {
    title: "Danh mục",
    schema: {
      type: "object",
      properties: {
        provinces: {
          type: "array",
          items: {
            type: "object",
            properties: {
              code: { type: "string" },
              name: { type: "string" },
              communes: { type: "array", items: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } } },
            },
          },
        },
      },
    },
  };
  const provinces = [
    { code: "01", name: "Thành phố Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }] },
    { code: "79", name: "Thành phố Hồ Chí Minh", communes: [{ code: "26734", name: "Phường Sài Gòn" }, { code: "26737", name: "Phường Bến Thành" }] },
  ];
  const schema = {
    type: "object",
    properties: {
      province: { type: "string", "x-options": "$catalog.provinces.{ 'value': code, 'label': name }" },
      commune: {
        type: "string",
        "x-options": "($p := province; $catalog.provinces[code = $p].communes.{ 'value': code, 'label': name })",
      },
    },
  } as const;

  it("cascades: the communes follow the chosen province", async () => {
    const form = createForm(await load(schema, { sources: { catalog } }), { context: { catalog: { provinces } } });
    await form.settled();
    expect(form.field("/province").options).toEqual([
      { value: "01", label: "Thành phố Hà Nội" },
      { value: "79", label: "Thành phố Hồ Chí Minh" },
    ]);
    expect(form.field("/commune").options).toEqual([]);
    form.set("/province", "79");
    await form.settled();
    expect(form.field("/commune").options?.map((o) => o.value)).toEqual(["26734", "26737"]);
  });

  it("a value outside the options is an error, and the value is kept (no data lost)", async () => {
    const form = createForm(await load(schema, { sources: { catalog } }), { context: { catalog: { provinces } } });
    form.set("/province", "79");
    form.set("/commune", "26737");
    await form.settled();
    expect(await form.validate()).toEqual([]);
    form.set("/province", "01");
    await form.settled();
    expect(form.get("/commune")).toBe("26737");
    expect(form.field("/commune").errors).toEqual([expect.objectContaining({ keyword: "x-options" })]);
  });

  it("static choices come from oneOf const/title, with i18n labels", async () => {
    const procedure = await load(
      { type: "object", properties: { sex: { type: "string", oneOf: [{ const: "M", title: "Nam" }, { const: "F", title: "Nữ" }] } } },
      { i18n: { en: { "/sex": { title: "Sex", enum: { M: "Male", F: "Female" } } } } },
    );
    const form = createForm(procedure);
    expect(form.field("/sex").options).toEqual([{ value: "M", label: "Nam" }, { value: "F", label: "Nữ" }]);
    form.setLocale("en");
    expect(form.field("/sex")).toMatchObject({ title: "Sex", options: [{ value: "M", label: "Male" }, { value: "F", label: "Female" }] });
  });
});

describe("x-rules", () => {
  const schema = {
    type: "object",
    properties: {
      from: { type: "string", format: "date" },
      to: {
        type: "string",
        format: "date",
        "x-rules": [
          { assert: "$not($exists(from)) or $value >= from", message: { vi: "Ngày kết thúc phải sau ngày bắt đầu", en: "The end date must be after the start date" } },
        ],
      },
    },
  } as const;

  it("reports a failing rule at its field, in the form's locale, and clears it when fixed", async () => {
    const form = createForm(await load(schema));
    form.set("/from", "2026-05-01");
    form.set("/to", "2026-04-01");
    await form.settled();
    expect(await form.validate()).toEqual([
      { pointer: "/to", keyword: "x-rules", message: "Ngày kết thúc phải sau ngày bắt đầu", params: { rule: 0 } },
    ]);
    form.setLocale("en");
    expect(form.field("/to").errors[0]!.message).toBe("The end date must be after the start date");
    form.set("/to", "2026-06-01");
    await form.settled();
    expect(form.field("/to").errors).toEqual([]);
  });

  it("a rule that yields no value does not fail", async () => {
    const form = createForm(await load(schema));
    await form.settled();
    expect(await form.validate()).toEqual([]);
  });
});

describe("arrays", () => {
  const household = householdSource;
  const schema = {
    type: "object",
    properties: {
      members: {
        type: "array",
        maxItems: 4,
        "x-prefill": "$household.members",
        items: {
          type: "object",
          properties: {
            fullName: { type: "string", "x-lock": true },
            relation: { type: "string" },
            label: { type: "string", "x-compute": "$string($index + 1) & '. ' & $row.fullName" },
            note: { type: "string", "x-visible": "$row.relation = 'khac'" },
          },
        },
      },
      count: { type: "integer", "x-compute": "$count(members)" },
    },
  } as const;
  const context = {
    household: { members: [{ fullName: "An", relation: "vo" }, { fullName: "Bình", relation: "con" }] },
  };

  it("prefills rows, locking the fields marked x-lock, with $row and $index in items", async () => {
    const form = createForm(await load(schema, { sources: { household } }), { context });
    await form.settled();
    expect(form.get("/members")).toEqual([
      { fullName: "An", relation: "vo", label: "1. An" },
      { fullName: "Bình", relation: "con", label: "2. Bình" },
    ]);
    expect(form.get("/count")).toBe(2);
    expect(form.field("/members/1/fullName")).toMatchObject({ locked: true, provenance: { source: "household", path: "members[1].fullName", locked: true } });
    expect(form.field("/members/1/relation")).toMatchObject({ locked: false, provenance: { source: "household", path: "members[1].relation", locked: false } });
    expect(() => form.set("/members/0/fullName", "X")).toThrow(/x-lock/);
    form.set("/members/0/relation", "khac");
    await form.settled();
    expect(form.field("/members/0/note").visible).toBe(true);
    expect(form.field("/members/1/note").visible).toBe(false);
  });

  it("adds, moves and removes rows; row state, provenance and $index follow", async () => {
    const form = createForm(await load(schema, { sources: { household } }), { context });
    await form.settled();
    const i = form.addRow("/members", { fullName: "Cường", relation: "khac" });
    expect(i).toBe(2);
    await form.settled();
    expect(form.get("/members/2/label")).toBe("3. Cường");
    expect(form.get("/count")).toBe(3);
    expect(form.field("/members/2/note").visible).toBe(true);
    expect(form.field("/members/2/fullName")).toMatchObject({ locked: false, provenance: { source: "user" } });

    form.moveRow("/members", 2, 0);
    await form.settled();
    expect((form.get("/members") as { label: string }[]).map((m) => m.label)).toEqual(["1. Cường", "2. An", "3. Bình"]);
    expect(form.field("/members/0/note").visible).toBe(true);
    expect(form.field("/members/1/fullName").locked).toBe(true);
    expect(form.field("/members/0/fullName").locked).toBe(false);

    form.removeRow("/members", 1);
    await form.settled();
    expect((form.get("/members") as { fullName: string }[]).map((m) => m.fullName)).toEqual(["Cường", "Bình"]);
    expect(form.get("/members/1/label")).toBe("2. Bình");
    expect(form.field("/members/1/fullName")).toMatchObject({ locked: true, provenance: { path: "members[1].fullName" } });
    expect(form.get("/count")).toBe(2);
  });

  it("enforces maxItems and rejects bad row operations with clear errors", async () => {
    const form = createForm(await load(schema, { sources: { household } }), { context });
    await form.settled();
    form.addRow("/members");
    form.addRow("/members");
    expect(() => form.addRow("/members")).toThrow(/maximum of 4/);
    expect(() => form.removeRow("/members", 9)).toThrow(/no row 9/);
    expect(() => form.addRow("/count")).toThrow(/not an array/);
  });
});

describe("budget", () => {
  // Which limit stops an expression must not depend on the machine's speed: these tests use the step
  // budget with a wall clock far beyond it (100,000 steps take well under a second), except the ones
  // that check the wall clock itself.
  const ENDLESS = "($f := function($x) { $f($x + n) }; $f(0))";

  it("stops a runaway expression: no value, a diagnostic, and the rest of the form keeps working", async () => {
    const { loadProcedure } = await import("@tokhai/core");
    const document = (await load({
      type: "object",
      properties: {
        n: { type: "number", default: 1 },
        endless: { type: "number", "x-compute": ENDLESS },
        huge: { type: "number", "x-compute": "$sum([1..100000000])" },
        ok: { type: "number", "x-compute": "n * 2" },
      },
    })).document;
    const procedure = await loadProcedure(document, { budget: { timeMs: 10_000, steps: 100_000 } });
    const diagnostics: string[] = [];
    const form = createForm(procedure, { onDiagnostic: (d) => diagnostics.push(`${d.pointer} ${d.code}`) });
    await form.settled();
    expect(form.get("/endless")).toBeUndefined();
    expect(form.get("/huge")).toBeUndefined();
    expect(form.get("/ok")).toBe(2);
    // The step budget stops the endless recursion; JSONata refuses a range of more than 10,000,000 items.
    expect(diagnostics.sort()).toEqual(["/endless TK002", "/huge D2014"]);
    expect(form.diagnostics.find((d) => d.pointer === "/endless")).toMatchObject({
      keywordPointer: "/schema/properties/endless/x-compute",
    });
    form.set("/n", 5);
    await form.settled();
    expect(form.get("/ok")).toBe(10);
  });

  it("stops an endless loop by time when no step budget is set", async () => {
    const { loadProcedure } = await import("@tokhai/core");
    const document = (await load({ type: "object", properties: { n: { type: "number", default: 1 }, endless: { type: "number", "x-compute": ENDLESS } } })).document;
    const form = createForm(await loadProcedure(document, { budget: { timeMs: 20 } }));
    await form.settled();
    expect(form.get("/endless")).toBeUndefined();
    // Out of time twice (the form tries once more), reported once.
    expect(form.diagnostics.map((d) => [d.pointer, d.code])).toEqual([["/endless", "D1012"]]);
  });

  it("gives an expression paused by the machine a second chance before reporting it", async () => {
    // The thread "stalls" during the first evaluation only: the clock JSONata's budget reads jumps
    // 600 ms (no real time passes), so the wall-clock budget runs out once; the second attempt yields
    // the value, and nothing is reported. The budget is generous, so that the second attempt fits in it
    // however busy the machine.
    const { loadProcedure } = await import("@tokhai/core");
    const document = (await load({ type: "object", properties: { twice: { type: "string", "x-compute": "$citizen.fullName & '!'" } } }, { sources: { citizen: citizenSource } })).document;
    const procedure = await loadProcedure(document, { budget: { timeMs: 500 } });
    let stalls = 1;
    let skipped = 0;
    const now = Date.now.bind(Date);
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now() + skipped);
    try {
      const citizen = {
        get fullName() {
          if (stalls-- > 0) skipped += 600;
          return "An";
        },
      };
      const form = createForm(procedure, { context: { citizen } });
      await form.settled();
      expect(form.get("/twice")).toBe("An!");
      expect(form.diagnostics).toEqual([]);
      expect(stalls).toBe(-1); // read twice: the first attempt ran out of time
    } finally {
      clock.mockRestore();
    }
  });
});

describe("validation messages", () => {
  const schema = {
    type: "object",
    properties: {
      name: { type: "string", maxLength: 3 },
      age: { type: "integer", minimum: 18 },
      id: { type: "string", format: "vn-personal-id" },
      phone: { type: "string", format: "vn-phone" },
      tax: { type: "string", format: "vn-tax-code" },
      email: { type: "string", format: "email" },
    },
    required: ["name"],
  } as const;

  it("every error has a pointer, a keyword and a localised message", async () => {
    const form = createForm(await load(schema));
    form.set("/age", 12);
    form.set("/id", "12345");
    form.set("/phone", "0123");
    form.set("/tax", "123");
    form.set("/email", "not-an-email");
    const vi = await form.validate();
    expect(vi.map((e) => [e.pointer, e.keyword])).toEqual([
      ["/name", "required"],
      ["/age", "minimum"],
      ["/id", "format"],
      ["/phone", "format"],
      ["/tax", "format"],
      ["/email", "format"],
    ]);
    for (const e of vi) expect(e.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    form.setLocale("en");
    const en = await form.validate();
    for (const e of en) expect(e.message).toMatch(/^[\x20-\x7E‘’“”–—]+$/);
    expect(en.find((e) => e.pointer === "/age")!.message).toMatch(/18/);
  });

  it("accepts valid Vietnamese identifiers", async () => {
    const form = createForm(await load(schema));
    form.set("/name", "An");
    form.set("/id", "001190001234");
    form.set("/phone", "0912345678");
    form.set("/tax", "0101234567-001");
    expect(await form.validate()).toEqual([]);
    form.set("/phone", "02438123456"); // 11 digits
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/phone"]);
    form.set("/phone", "0243812345"); // Hà Nội landline, 10 digits
    expect(await form.validate()).toEqual([]);
  });

  it("shows errors only after validate(), then keeps them up to date", async () => {
    const form = createForm(await load(schema));
    form.set("/name", "Nguyễn");
    await form.settled();
    expect(form.field("/name").errors).toEqual([]);
    await form.validate(["/name"]);
    expect(form.field("/name").errors.map((e) => e.keyword)).toEqual(["maxLength"]);
    form.set("/name", "An");
    await form.settled();
    expect(form.field("/name").errors).toEqual([]);
  });
});

describe("subscribe", () => {
  it("notifies a field's listener only when that field changes", async () => {
    const procedure = await load({
      type: "object",
      properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "string", "x-compute": "a & '!'" } },
    });
    const form = createForm(procedure);
    await form.settled();
    const seen: Record<string, FieldState[]> = { a: [], b: [], c: [] };
    for (const k of ["a", "b", "c"]) form.subscribe(`/${k}`, (s) => seen[k]!.push(s));
    const batches: string[][] = [];
    form.subscribe((change) => batches.push([...change.pointers].sort()));
    form.set("/a", "x");
    await form.settled();
    expect(seen["a"]!.map((s) => s.value)).toEqual(["x"]);
    expect(seen["c"]!.map((s) => s.value)).toEqual(["x!"]);
    expect(seen["b"]).toEqual([]);
    expect(batches.flat()).not.toContain("/b");
    const unsubscribe = form.subscribe("/b", () => {
      throw new Error("unsubscribed listener called");
    });
    unsubscribe();
    form.set("/b", "y");
    expect(seen["b"]!.map((s) => s.value)).toEqual(["y"]);
  });

  it("field() returns the same object until the field changes", async () => {
    const form = createForm(await load({ type: "object", properties: { a: { type: "string" }, b: { type: "string" } } }));
    const before = form.field("/a");
    form.set("/b", "x");
    expect(form.field("/a")).toBe(before);
    form.set("/a", "y");
    expect(form.field("/a")).not.toBe(before);
  });

  it("throws a clear error for a pointer outside the schema", async () => {
    const form = createForm(await load({ type: "object", properties: { a: { type: "string" } } }));
    expect(() => form.field("/nope")).toThrow(/no field at "\/nope"/);
    expect(() => form.set("nope", 1)).toThrow(/JSON Pointer/);
  });
});

describe("submission, draft and reset", () => {
  const schema = {
    type: "object",
    properties: {
      fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
      phone: { type: "string", "x-prefill": "$citizen.phone" },
      note: { type: "string" },
      proof: {
        type: "object",
        "x-widget": "file",
        properties: { name: { type: "string" }, type: { type: "string" }, size: { type: "integer" } },
      },
      fee: { type: "integer", "x-compute": "10000" },
    },
    required: ["note"],
  } as const;
  const now = () => new Date("2026-11-22T08:00:00.000Z");

  it("gives the errors instead of an envelope while invalid", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), { context: { citizen: person } });
    const result = await form.submission();
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ pointer: "/note", keyword: "required" })] });
    expect(form.field("/note").errors).toHaveLength(1);
  });

  it("builds the envelope with the provenance of every value and the attachments", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), {
      context: { citizen: person },
      locale: "en",
      now,
    });
    await form.settled();
    form.set("/note", "Xin cấp gấp");
    form.set("/phone", "0987654321");
    form.set("/proof", { name: "hop-dong.pdf", type: "application/pdf", size: 123456 });
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.envelope).toEqual({
      id: form.id,
      procedure: { id: "vn.test.form", version: "1.0.0" },
      data: {
        fullName: "Lê Thị Hoa",
        phone: "0987654321",
        note: "Xin cấp gấp",
        proof: { name: "hop-dong.pdf", type: "application/pdf", size: 123456 },
        fee: 10000,
      },
      provenance: {
        "/fullName": { source: "citizen", path: "fullName", locked: true, edited: false },
        "/phone": { source: "citizen", path: "phone", locked: false, edited: true },
        "/note": { source: "user" },
        "/proof/name": { source: "user" },
        "/proof/type": { source: "user" },
        "/proof/size": { source: "user" },
        "/fee": { source: "computed" },
      },
      attachments: [{ pointer: "/proof", name: "hop-dong.pdf", type: "application/pdf", size: 123456 }],
      locale: "en",
      submittedAt: "2026-11-22T08:00:00.000Z",
    });
    // The envelope is a copy: later edits do not change it.
    form.set("/note", "changed");
    expect(result.envelope.data).toMatchObject({ note: "Xin cấp gấp" });
  });

  it("restores a draft, but locked values always come from the current context", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource } });
    const first = createForm(procedure, { context: { citizen: person } });
    await first.settled();
    first.set("/note", "đang viết");
    first.set("/phone", "0987654321");
    const draft = first.draft("contact");
    expect(draft).toMatchObject({ procedure: { id: "vn.test.form", version: "1.0.0" }, step: "contact" });

    const tampered = { ...draft, data: { ...(draft.data as object), fullName: "Tampered" } };
    const second = createForm(procedure, { context: { citizen: { ...person, phone: "0900000000" } }, draft: tampered });
    await second.settled();
    expect(second.get("/fullName")).toBe("Lê Thị Hoa");
    expect(second.field("/fullName").locked).toBe(true);
    expect(second.get("/note")).toBe("đang viết");
    expect(second.get("/phone")).toBe("0987654321");
    expect(second.field("/phone").provenance).toMatchObject({ source: "citizen", edited: true });
  });

  it("does not restore a draft of another procedure or major version, and drops values with no field", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource } });
    const saved = { procedure: { id: "vn.test.form", version: "1.0.0" }, data: { note: "giữ", gone: { x: 1 } } };
    const same = createForm(procedure, { draft: { ...saved, procedure: { id: "vn.test.form", version: "1.3.0" } } });
    expect(same.draftStatus).toEqual({ state: "restored", dropped: ["/gone"] });
    expect(same.get("/note")).toBe("giữ");
    expect(same.get()).not.toHaveProperty("gone");
    const major = createForm(procedure, { draft: { ...saved, procedure: { id: "vn.test.form", version: "2.0.0" } } });
    expect(major.draftStatus).toEqual({ state: "rejected", reason: "version" });
    expect(major.get("/note")).toBeUndefined();
    const other = createForm(procedure, { draft: { ...saved, procedure: { id: "vn.other", version: "1.0.0" } } });
    expect(other.draftStatus).toEqual({ state: "rejected", reason: "procedure" });
    const broken = createForm(procedure, { draft: { data: "garbage" } as never });
    expect(broken.draftStatus).toEqual({ state: "rejected", reason: "malformed" });
    expect(createForm(procedure).draftStatus).toEqual({ state: "none" });
  });

  it("reset() returns to defaults and prefilled values and hides errors", async () => {
    const form = createForm(await load(schema, { sources: { citizen: citizenSource } }), { context: { citizen: person } });
    form.set("/note", "x");
    form.set("/phone", "0987654321");
    await form.validate();
    const notified: string[] = [];
    form.subscribe("/note", (state) => notified.push(String(state.value)));
    form.reset();
    await form.settled();
    expect(notified).toEqual(["undefined"]);
    expect(form.get()).toEqual({ fullName: "Lê Thị Hoa", phone: "0912345678", fee: 10000 });
    expect(form.field("/note").errors).toEqual([]);
  });
});
