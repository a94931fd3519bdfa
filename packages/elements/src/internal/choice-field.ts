import { property } from "lit/decorators.js";
import type { FieldOption } from "@tokhai/core";
import { TkField } from "../field.js";

/** The base of the choice widgets (select, radio group, checkbox group): their `options` property. */
export abstract class TkChoiceField extends TkField {
  private standaloneChoices: readonly FieldOption[] = [];

  /**
   * The choices. Bound fields read them from the core form (`x-options`, or the schema's
   * `enum`/`oneOf` labels, of the items for a checkbox group); set this property for a standalone
   * element.
   */
  @property({ attribute: false })
  override get options(): readonly FieldOption[] {
    return this.fieldState?.options ?? this.standaloneChoices;
  }
  override set options(options: readonly FieldOption[]) {
    this.standaloneChoices = options ?? [];
  }
}
