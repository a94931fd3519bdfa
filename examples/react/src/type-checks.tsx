// Compile-time checks, never bundled: `tsc --noEmit` fails if the generated types or the <tk-form>
// declaration stop meaning something. Each @ts-expect-error must see an error, or tsc reports it.
import { createElement } from "react";
import type { TkSubmitEvent } from "@tokhai/elements";
import type { ResidenceData, ResidenceSubmission } from "./residence";

export function checks(envelope: ResidenceSubmission): unknown[] {
  const fullName: string = envelope.data.applicant.fullName;
  const ownership: "owner" | "rent" | "relative" = envelope.data.newAddress.ownership;
  // @ts-expect-error: the generated data type has no such field.
  const nickname = envelope.data.applicant.nickname;
  // @ts-expect-error: ownership is a union of the procedure's values, not any string.
  const wrong: ResidenceData["newAddress"]["ownership"] = "mortgage";
  // @ts-expect-error: the declaration is `true`, as the schema's `const` says.
  const declined: ResidenceData["declaration"] = false;
  return [fullName, ownership, nickname, wrong, declined];
}

export function jsxChecks(): unknown[] {
  return [
    // @ts-expect-error: tk-form's locale is a language tag, a string.
    <tk-form locale={42} />,
    <tk-form locale="km" />,
    // @ts-expect-error: a tk-submit listener receives a TkSubmitEvent, not a string.
    <tk-form ontk-submit={(event: string) => event} />,
    <tk-form ontk-submit={(event: TkSubmitEvent) => event.envelope.procedure.id} />,
    createElement("tk-form", { locale: "en" }),
  ];
}
