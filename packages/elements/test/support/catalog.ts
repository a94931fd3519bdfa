// The administrative-units source the address and cascade tests declare: provinces, each with its
// communes. Each test passes its own sample of them as the `catalog` context.
import type { SchemaNode, SourceDocument } from "@tokhai/core";

export const catalogSchema: SchemaNode = {
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
};

export const catalogSource = { title: "Danh mục đơn vị hành chính", schema: catalogSchema } satisfies SourceDocument;
