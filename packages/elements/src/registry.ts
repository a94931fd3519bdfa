/**
 * The widget registry: ranked predicates choose the element for each field, as JSON Forms' testers
 * do. Portals add their own widgets, or override ours, with a higher rank.
 */
import type { FieldNode } from "@tokhai/core";

/** A widget: its tag, and how well it fits a field (a rank below 0 means "not at all"). */
export interface WidgetDefinition {
  readonly tag: string;
  readonly rank: (node: FieldNode) => number;
}

export const NOT_APPLICABLE = -1;

export class WidgetRegistry {
  private readonly entries: WidgetDefinition[];
  /** The chosen tag per field node: forms ask for it once per rendered field. */
  private chosen = new WeakMap<FieldNode, string>();

  constructor(entries: readonly WidgetDefinition[] = []) {
    this.entries = [...entries];
  }

  /** Adds a widget. On equal ranks the one added last wins, so a portal overrides ours. */
  add(definition: WidgetDefinition): this {
    this.entries.push(definition);
    // Forget earlier choices: a WeakMap cannot be cleared, so replace it.
    this.chosen = new WeakMap();
    return this;
  }

  /** A copy with more widgets. */
  with(...definitions: WidgetDefinition[]): WidgetRegistry {
    return new WidgetRegistry([...this.entries, ...definitions]);
  }

  /** The tag of the best widget for a field. Throws if none applies (the registry lacks a fallback). */
  tagFor(node: FieldNode): string {
    const known = this.chosen.get(node);
    if (known) return known;
    let best: WidgetDefinition | undefined;
    let bestRank = NOT_APPLICABLE;
    for (const entry of this.entries) {
      const rank = entry.rank(node);
      if (rank >= 0 && rank >= bestRank) {
        best = entry;
        bestRank = rank;
      }
    }
    if (!best) throw new Error(`tokhai: no widget for the field ${node.pointer || "/"} (type ${node.kind}).`);
    this.chosen.set(node, best.tag);
    return best.tag;
  }
}

// Predicates, to compose ranks: `rankWith(10, and(typeIs("string"), formatIs("date")))`.
/**
 * The best of several ranks. Composed once, where the widget is defined: a rank is asked for every
 * field of a form, and building its predicates on each call allocated a dozen closures per field.
 */
export const best =
  (...ranks: ((node: FieldNode) => number)[]) =>
  (node: FieldNode): number => {
    let r = NOT_APPLICABLE;
    for (const rank of ranks) r = Math.max(r, rank(node));
    return r;
  };
export type Tester = (node: FieldNode) => boolean;
export const rankWith =
  (rank: number, tester: Tester) =>
  (node: FieldNode): number =>
    tester(node) ? rank : NOT_APPLICABLE;
export const and =
  (...testers: Tester[]): Tester =>
  (node) =>
    testers.every((t) => t(node));
export const or =
  (...testers: Tester[]): Tester =>
  (node) =>
    testers.some((t) => t(node));
export const widgetIs =
  (...names: string[]): Tester =>
  (node) =>
    typeof node.schema["x-widget"] === "string" && names.includes(node.schema["x-widget"]);
export const typeIs =
  (...kinds: FieldNode["kind"][]): Tester =>
  (node) =>
    kinds.includes(node.kind);
export const formatIs =
  (...formats: string[]): Tester =>
  (node) =>
    typeof node.schema.format === "string" && formats.includes(node.schema.format);
export const hasKeyword =
  (keyword: string): Tester =>
  (node) =>
    node.schema[keyword] !== undefined;
/** The field has fixed choices (`enum`, or `oneOf`/`anyOf` of `const`s) or `x-options`. */
export const hasChoices: Tester = (node) => {
  const s = node.schema;
  if (s["x-options"] !== undefined || Array.isArray(s.enum)) return true;
  const list = s.oneOf ?? s.anyOf;
  return Array.isArray(list) && list.length > 0 && list.every((o) => o && typeof o === "object" && "const" in o);
};
/** Number of fixed choices, or Infinity for `x-options`. */
export function choiceCount(node: FieldNode): number {
  const s = node.schema;
  if (s["x-options"] !== undefined) return Infinity;
  return (s.enum ?? s.oneOf ?? s.anyOf ?? []).length;
}
