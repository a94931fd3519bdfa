// <tk-form> in TSX. React 19 renders a custom element with every prop it is given: a prop the element
// has as a property (`procedure`, `context`, `locale`…) is set as that property, objects included; a
// function prop named `on<event-type>` is added as a listener for that event type, so `ontk-submit`
// listens for `tk-submit`. This declaration tells TypeScript which props those are, with the types
// @tokhai/elements and @tokhai/core export.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type { TkChangeEvent, TkDiagnosticEvent, TkForm, TkInvalidEvent, TkStepEvent, TkSubmitEvent } from "@tokhai/elements";

/** The props of `<tk-form>` in React 19: its properties, and one listener prop per tokhai event. */
export type TkFormProps = DetailedHTMLProps<HTMLAttributes<TkForm>, TkForm> &
  Partial<Pick<TkForm, "procedure" | "context" | "locale" | "draft" | "validators" | "registry">> & {
    /** The citizen submitted a valid form. `event.envelope.data` is checked against the procedure's schema. */
    "ontk-submit"?: (event: TkSubmitEvent) => void;
    /** Validation failed (on a step, or on submit). */
    "ontk-invalid"?: (event: TkInvalidEvent) => void;
    /** A value changed. */
    "ontk-change"?: (event: TkChangeEvent) => void;
    /** The form moved to another step, or to the review page. */
    "ontk-step"?: (event: TkStepEvent) => void;
    /** An expression failed at run time, or the procedure could not be loaded. */
    "ontk-diagnostic"?: (event: TkDiagnosticEvent) => void;
  };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "tk-form": TkFormProps;
    }
  }
}
