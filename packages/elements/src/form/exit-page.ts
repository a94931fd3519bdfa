/**
 * An exit page of `<tk-form>` (a step of `kind: "exit"`): why the citizen cannot go on with this
 * procedure, and what to do instead. Shown in place of the remaining steps while its condition holds.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { isSafeHref, type StepDocument, type StepTexts } from "@tokhai/core";

/** The exit page: its title, its body's paragraphs (blank lines separate them) and its link, as text. */
export function renderExitPage(step: StepDocument, texts: StepTexts | undefined): TemplateResult {
  const body = texts?.body ?? step.body ?? "";
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== "");
  const link = step.link && isSafeHref(step.link.href) ? step.link : undefined;
  return html`<section part="step exit" aria-labelledby="step-title">
    <h2 id="step-title" tabindex="-1">${texts?.title ?? step.title}</h2>
    ${paragraphs.map((p) => html`<p>${p}</p>`)}
    ${link ? html`<p><a class="exit-link" href=${link.href}>${texts?.linkText ?? link.text}</a></p>` : nothing}
  </section>`;
}

export const exitPageStyles = css`
  [part~="exit"] p {
    margin: 0 0 1rem;
    max-width: 40em;
  }
`;
