import type { FieldNode } from "@tokhai/core";

/**
 * A rough height, in rem, of fields not laid out yet (`contain-intrinsic-size` of what
 * `content-visibility: auto` skips): about 6rem per field, 4rem more per group around its fields. It
 * only keeps the scrollbar honest until the fields are first shown; then their real size is kept.
 */
export function estimateHeight(nodes: Iterable<FieldNode>): number {
  let height = 0;
  for (const node of nodes) height += node.properties ? 4 + estimateHeight(node.properties.values()) : 6;
  return height;
}
