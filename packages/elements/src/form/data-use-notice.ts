/**
 * The data-use notice of `<tk-form>`, on the first step: which of the citizen's data held by the state
 * the form uses, register by register, in the citizen's language (core's `dataUse`). A collapsible
 * notice, GOV.UK's "details" component: a native `<details>` whose `<summary>` opens it with the
 * keyboard and is announced as a button by screen readers. Text only, never HTML.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { dataUse, type Locale, type Procedure } from "@tokhai/core";
import { chrome } from "../i18n.js";

/** Whether `<tk-form>` shows the notice: `collapsed` (default), `open`, or `hidden` (a portal that shows its own). */
export type DataUseNotice = "collapsed" | "open" | "hidden";

interface Register {
  readonly title: string;
  readonly description: string | undefined;
  readonly lookup: boolean;
  readonly items: readonly string[];
}

/** The registers the notice lists, per procedure and locale: worked out once, on the first paint of the first step. */
const memo = new WeakMap<Procedure, Map<string, readonly Register[]>>();

/**
 * What the notice says of each register the procedure reads something of: its title, its description,
 * and the items read, named as `dataUse` names them. A read inside another read that takes everything
 * under it (`temporaryAddress.detail` beside `temporaryAddress`) is that one's; such a read is marked
 * "(all of it)", and a read of the whole register is "All of the information".
 */
function registers(procedure: Procedure, locale: Locale): readonly Register[] {
  let byLocale = memo.get(procedure);
  if (!byLocale) memo.set(procedure, (byLocale = new Map()));
  let known = byLocale.get(locale);
  if (known) return known;
  known = dataUse(procedure, { locale })
    .filter((r) => r.reads.length > 0)
    .map((r) => {
      const request = new Set(r.request.map((p) => JSON.stringify(p)));
      const items: string[] = [];
      for (const read of r.reads) {
        if (!request.has(JSON.stringify(read.path))) continue;
        const item = read.path.length === 0 ? chrome("dataUseEverything", locale) : read.whole ? `${read.label} ${chrome("dataUseWhole", locale)}` : read.label;
        if (!items.includes(item)) items.push(item);
      }
      return { title: r.title, description: r.description, lookup: r.kind === "lookup", items };
    });
  if (byLocale.size >= 16) byLocale.clear();
  byLocale.set(locale, known);
  return known;
}

/** The notice, or nothing when `mode` is `hidden` or the procedure reads no register. */
export function renderDataUseNotice(procedure: Procedure, locale: Locale, mode: DataUseNotice | undefined): TemplateResult | typeof nothing {
  if (mode === "hidden") return nothing;
  const list = registers(procedure, locale);
  if (list.length === 0) return nothing;
  return html`<details part="data-use" class="data-use" ?open=${mode === "open"}>
    <summary><span>${chrome("dataUseTitle", locale)}</span></summary>
    <div class="data-use-text">
      <p>${chrome("dataUseIntro", locale)}</p>
      <ul class="data-use-registers">
        ${list.map(
          (r) => html`<li>
            <span class="data-use-register">${r.title}</span>
            ${r.description || r.lookup ? html`<span class="data-use-about">${[r.description, r.lookup ? chrome("dataUseLookup", locale) : ""].filter(Boolean).join(" ")}</span>` : nothing}
            <ul>
              ${r.items.map((item) => html`<li>${item}</li>`)}
            </ul>
          </li>`,
        )}
      </ul>
    </div>
  </details>`;
}

export const dataUseStyles = css`
  .data-use {
    margin: 0 0 1.5rem;
  }
  .data-use summary {
    width: fit-content;
    color: var(--_link);
    cursor: pointer;
  }
  .data-use summary span {
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .data-use-text {
    margin-top: 0.75rem;
    padding: 0.75rem 1rem 0.25rem;
    border-left: 5px solid var(--_muted);
  }
  .data-use p,
  .data-use-registers > li {
    margin: 0 0 0.75rem;
    max-width: 40em;
  }
  .data-use-registers {
    list-style: none;
    padding: 0;
  }
  .data-use-register {
    font-weight: 700;
  }
  .data-use-register,
  .data-use-about {
    display: block;
  }
  .data-use-about {
    color: var(--_muted);
  }
  .data-use-registers ul {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
  }
`;
