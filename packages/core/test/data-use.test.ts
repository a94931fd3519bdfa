// dataUse: what a procedure reads of each register, exactly and honestly (a read the analysis cannot
// narrow is of everything under it); usedData: a context cut down to those reads, walked iteratively.
import { createForm, dataUse, loadCompiled, loadProcedure, usedData, type CompiledProcedure, type Procedure, type ProcedureDocument } from "@tokhai/core";
import { compileProcedure } from "@tokhai/core/compile";
import { describe, expect, it } from "vitest";
import { doc } from "./helpers.js";

const citizenSchema = {
  type: "object",
  properties: {
    fullName: { type: "string", title: "Họ, chữ đệm và tên" },
    personalId: { type: "string" },
    sex: { type: "string" },
    address: { type: "object", title: "Nơi thường trú", properties: { province: { type: "string", title: "Tỉnh, thành phố" }, detail: { type: "string" } } },
    tags: { type: "array", items: { type: "string" } },
  },
} as const;
const householdSchema = {
  type: "object",
  properties: {
    headName: { type: "string" },
    members: { type: "array", title: "Thành viên", items: { type: "object", properties: { fullName: { type: "string" }, relation: { type: "string" }, personalId: { type: "string", title: "Số định danh" } } } },
  },
} as const;

/** A procedure reading its sources in the ways the analysis distinguishes. */
function document(): ProcedureDocument {
  return doc(
    {
      type: "object",
      properties: {
        name: { type: "string", title: "Họ tên", "x-prefill": "$citizen.fullName", "x-lock": true },
        province: { type: "string", title: "Tỉnh", "x-prefill": "$citizen.address.province" },
        spouse: { type: "string", title: "Vợ/chồng", "x-compute": "$household.members[relation = 'vo'].fullName" },
        ids: { type: "string", title: "Các số định danh", "x-compute": "$join($household.members.personalId, ', ')" },
        note: { type: "string", title: "Ghi chú", "x-visible": "$citizen.sex = 'F'" },
        extra: { type: "string", title: "Thêm", "x-visible": "$exists($household.headName)" },
      },
    },
    {
      sources: {
        citizen: { title: { vi: "Dân cư", en: "Population" }, description: { vi: "Cơ sở dữ liệu", en: "Database" }, schema: citizenSchema as never },
        household: { title: "Hộ gia đình", schema: householdSchema as never },
        unused: { title: "Không dùng", schema: { type: "object" } },
      },
      steps: [
        { id: "main", title: "Chính", fields: ["/name", "/province", "/spouse", "/ids", "/note"] },
        { id: "more", title: "Thêm", fields: ["/extra"], "x-visible": "$count($citizen.tags) > 0" },
      ],
      i18n: { en: { "/name": { title: "Name" }, sources: { citizen: { "address.province": { title: "Province" } } } } },
    },
  );
}

const simplified = (procedure: Procedure, locale?: string) =>
  dataUse(procedure, locale ? { locale } : {}).map((r) => ({ name: r.name, kind: r.kind, whole: r.whole, reads: r.reads.map((d) => [d.text, d.whole, d.fields, d.steps]), request: r.request }));

describe("dataUse", () => {
  it("lists each register with the exact paths read, the fields and steps reading each, and the registers read for nothing", async () => {
    const procedure = await loadProcedure(document());
    expect(simplified(procedure)).toEqual([
      {
        name: "citizen",
        kind: "source",
        whole: false,
        reads: [
          ["fullName", false, ["/name"], []],
          ["address.province", false, ["/province"], []],
          ["sex", false, ["/note"], []],
          ["tags", false, [], ["more"]],
        ],
        request: [["fullName"], ["address", "province"], ["sex"], ["tags"]],
      },
      {
        name: "household",
        kind: "source",
        whole: false,
        reads: [
          // A filter: the analysis reads the whole list, and so does the notice.
          ["members", true, ["/spouse"], []],
          ["members.personalId", false, ["/ids"], []],
          ["headName", false, ["/extra"], []],
        ],
        request: [["members"], ["headName"]],
      },
      { name: "unused", kind: "source", whole: false, reads: [], request: [] },
    ]);
  });

  it("names each item in the citizen's language: the register schema's titles (translated), else the fields that show it", async () => {
    const procedure = await loadProcedure(document());
    const labels = (locale: string) => dataUse(procedure, { locale }).map((r) => [r.title, r.description, r.reads.map((d) => d.label)]);
    expect(labels("vi")).toEqual([
      ["Dân cư", "Cơ sở dữ liệu", ["Họ, chữ đệm và tên", "Nơi thường trú — Tỉnh, thành phố", "Ghi chú", "tags"]],
      ["Hộ gia đình", undefined, ["Thành viên", "Thành viên — Số định danh", "Thêm"]],
      ["Không dùng", undefined, []],
    ]);
    expect(labels("en")[0]).toEqual(["Population", "Database", ["Họ, chữ đệm và tên", "Nơi thường trú — Province", "Ghi chú", "tags"]]);
  });

  it("prefers the title of a field that shows exactly the path read to those of the fields that only use it", async () => {
    const procedure = await loadProcedure(
      doc(
        {
          type: "object",
          properties: {
            relation: { type: "string", title: "Quan hệ", "x-compute": "$citizen.sex = 'M' ? 'cha' : 'me'" },
            sex: { type: "string", title: "Giới tính", "x-prefill": "$citizen.sex" },
            fullName: { type: "string", title: "Họ tên", "x-prefill": "$citizen.fullName" },
          },
        },
        { sources: { citizen: { schema: { type: "object", properties: { sex: { type: "string" }, fullName: { type: "string" } } } } }, i18n: { en: { "/sex": { title: "Sex" } } } },
      ),
    );
    expect(dataUse(procedure)[0]!.reads.map((d) => d.label)).toEqual(["Giới tính", "Họ tên"]);
    expect(dataUse(procedure, { locale: "en" })[0]!.reads.map((d) => d.label)).toEqual(["Sex", "Họ tên"]);
    expect(dataUse(procedure)[0]!.title).toBe("citizen"); // no title: the name
  });

  it.each([
    ["$citizen", [[]]],
    ["$keys($citizen)", [[]]],
    ["$citizen.*", [[]]],
    ["$citizen.address.%", [[]]],
    ["$string($citizen.address)", [["address"]]],
    ["$citizen.address[province = '01'].detail", [["address"]]],
    ["$citizen.tags[0]", [["tags"]]],
    ["$citizen.address.province & $citizen.address.detail", [["address", "province"], ["address", "detail"]]],
  ])("%s reads %j: a read the analysis cannot narrow is of everything under it", async (expression, paths) => {
    const procedure = await loadProcedure(doc({ type: "object", properties: { x: { type: "string", "x-compute": expression } } }, { sources: { citizen: { schema: citizenSchema as never } } }));
    const [citizen] = dataUse(procedure);
    expect(citizen!.reads.map((d) => d.path)).toEqual(paths);
    expect(citizen!.whole).toBe(paths.some((p) => p.length === 0));
    for (const read of citizen!.reads) if (read.path.length < 2) expect(read.whole).toBe(read.path[0] !== "tags");
  });

  it("gives the same for a compiled procedure, carried as JSON", async () => {
    const loaded = await loadProcedure(document());
    const { validators, ...rest } = compileProcedure(loaded);
    const copy = JSON.parse(JSON.stringify({ ...rest, validators: { procedure: validators.procedure } })) as CompiledProcedure;
    const compiled = loadCompiled({ ...copy, validators: { ...copy.validators, data: validators.data } });
    for (const locale of ["vi", "en"]) expect(dataUse(compiled, { locale })).toEqual(dataUse(loaded, { locale }));
    const context = { citizen: { fullName: "An", secret: 1 }, household: { members: [] } };
    expect(usedData(compiled, context)).toEqual(usedData(loaded, context));
  });

  it("lists a procedure's lookups after its sources, with what expressions read of their records and what their inputs send", async () => {
    const procedure = await loadProcedure(
      doc(
        {
          type: "object",
          properties: {
            party2: {
              type: "object",
              title: "Bên thứ hai",
              properties: {
                personalId: { type: "string", title: "Số định danh" },
                fullName: { type: "string", title: "Họ tên", "x-prefill": "$party2.fullName", "x-lock": true },
                single: { type: "boolean", title: "Độc thân", "x-compute": "$party2.maritalStatus = 'single'" },
              },
            },
          },
        },
        {
          sources: { citizen: { title: "Dân cư", schema: citizenSchema as never } },
          lookups: {
            party2: {
              title: { vi: "Hộ tịch", en: "Civil status" },
              input: "$citizen.personalId != party2.personalId ? party2.personalId",
              schema: { type: "object", properties: { fullName: { type: "string", title: "Họ, chữ đệm và tên" }, maritalStatus: { type: "string" }, address: { type: "string" } } },
            },
          },
          i18n: { en: { lookups: { party2: { fullName: { title: "Full name" } } } } },
        },
      ),
    );
    const registers = dataUse(procedure, { locale: "en" });
    expect(registers.map((r) => [r.name, r.kind, r.title, r.reads.map((d) => [d.text, d.label, d.fields, d.lookups])])).toEqual([
      ["citizen", "source", "Dân cư", [["personalId", "personalId", [], ["party2"]]]],
      [
        "party2",
        "lookup",
        "Civil status",
        [
          ["fullName", "Full name", ["/party2/fullName"], []],
          ["maritalStatus", "Độc thân", ["/party2/single"], []],
        ],
      ],
    ]);
    // A lookup's record, given under its name, is cut down the same way.
    expect(usedData(procedure, { party2: { fullName: "Bình", maritalStatus: "single", address: "Hà Nội" } })).toEqual({ party2: { fullName: "Bình", maritalStatus: "single" } });
  });
});

describe("usedData", () => {
  const citizen = { fullName: "An", personalId: "001", sex: "M", address: { province: "01", detail: "1 Phố", extra: "x" }, tags: ["a"], secret: "s" };
  const household = {
    headName: "Bình",
    members: [{ fullName: "Chi", relation: "vo", personalId: "002", birthDate: "1990-01-01" }, "junk", [{ personalId: "003", note: "n" }]],
    other: 1,
  };

  it("keeps only the paths read: lists mapped over, what is read whole kept whole, other members and unread registers left out", async () => {
    const procedure = await loadProcedure(document());
    const used = usedData(procedure, { citizen, household, unused: { a: 1 }, stranger: { b: 2 } });
    expect(used).toEqual({
      citizen: { fullName: "An", address: { province: "01" }, sex: "M", tags: ["a"] },
      household: { members: household.members, headName: "Bình" },
    });
    expect((used["household"] as { members: unknown }).members).toBe(household.members); // read whole: the context's own
  });

  it("maps over lists as JSONata navigates them, leaving out what gives nothing to a read", async () => {
    const procedure = await loadProcedure(doc({ type: "object", properties: { ids: { type: "string", "x-compute": "$join($household.members.personalId, ',')" } } }, { sources: { household: { schema: householdSchema as never } } }));
    expect(usedData(procedure, { household })).toEqual({ household: { members: [{ personalId: "002" }, [{ personalId: "003" }]] } });
    expect(usedData(procedure, { household: { members: [{ fullName: "x" }, 1, null] } })).toEqual({});
    expect(usedData(procedure, { household: "not an object" })).toEqual({});
  });

  it("takes any key as data, __proto__ included, and reads only own members", async () => {
    const procedure = await loadProcedure(doc({ type: "object", properties: { a: { type: "string", "x-compute": "$s.`__proto__`.x" } } }, { sources: { s: { schema: JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "object", "properties": {"x": {"type": "string"}}}}}') as never } } }));
    const s = JSON.parse('{"__proto__": {"x": "1", "y": "2"}}') as object;
    const used = usedData(procedure, { s }) as { s: object };
    expect(Object.getPrototypeOf(used.s)).toBe(Object.prototype);
    expect(JSON.stringify(used)).toBe('{"s":{"__proto__":{"x":"1"}}}');
    const inherited = Object.create({ fullName: "inherited" }) as object;
    expect(usedData(await loadProcedure(document()), { citizen: inherited })).toEqual({});
  });

  it("is iterative and bounded: a list nested 100,000 deep is walked, one that loops throws a RangeError", async () => {
    const procedure = await loadProcedure(doc({ type: "object", properties: { ids: { type: "string", "x-compute": "$join($household.members.personalId, ',')" } } }, { sources: { household: { schema: householdSchema as never } } }));
    let deep: unknown = [{ personalId: "1", other: 2 }];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const used = usedData(procedure, { household: { members: deep } }) as { household: { members: unknown[] } };
    let level: unknown = used.household.members;
    let depth = 0;
    while (Array.isArray(level) && Array.isArray(level[0])) (level = level[0]), depth++;
    expect(depth).toBe(100_000);
    expect(level).toEqual([{ personalId: "1" }]);
    const loop: unknown[] = [];
    loop.push(loop, loop);
    expect(() => usedData(procedure, { household: { members: loop } }, { maxValues: 10_000 })).toThrow(RangeError);
  });

  it("gives a form that behaves as one given the whole context", async () => {
    const procedure = await loadProcedure(document());
    const context = { citizen: { ...citizen, sex: "F" }, household };
    const full = createForm(procedure, { context });
    const minimised = createForm(procedure, { context: usedData(procedure, context) });
    await Promise.all([full.settled(), minimised.settled()]);
    expect(minimised.get("")).toEqual(full.get(""));
    expect(minimised.steps().map((s) => s.id)).toEqual(full.steps().map((s) => s.id));
    expect(full.get("/spouse")).toBe("Chi");
    expect(full.get("/ids")).toBe("002, 003");
  });
});
