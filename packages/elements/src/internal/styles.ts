import { css } from "lit";

/**
 * The default theme: a serious government service (clear type, visible focus, good contrast).
 * Every colour and size is a `--tk-*` custom property, so a portal restyles without `::part`.
 */
export const themeStyles = css`
  :host {
    --_font: var(--tk-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif);
    --_text: var(--tk-color-text, #0b0c0c);
    --_muted: var(--tk-color-muted, #484949);
    --_border: var(--tk-color-border, #0b0c0c);
    --_focus: var(--tk-color-focus, #ffdd00);
    --_error: var(--tk-color-error, #b10e1e);
    --_verified: var(--tk-color-verified, #00703c);
    --_verified-bg: var(--tk-color-verified-background, #e7f3ec);
    --_link: var(--tk-color-link, #1d4ed8);
    --_primary: var(--tk-color-primary, #00703c);
    --_primary-text: var(--tk-color-primary-text, #ffffff);
    --_surface: var(--tk-color-surface, #ffffff);
    --_space: var(--tk-space, 1rem);
    --_radius: var(--tk-radius, 0);
    --_size: var(--tk-font-size, 1.1875rem);
    display: block;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.4;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: 0;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    border: 0;
    white-space: nowrap;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
`;

export const fieldStyles = css`
  .field {
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .field.invalid {
    border-left: 5px solid var(--_error);
    padding-left: calc(var(--_space) * 0.75);
  }
  .label,
  legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25rem;
    padding: 0;
  }
  .required-mark {
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    color: var(--_muted);
    margin: 0 0 0.5rem;
  }
  .hint:empty,
  .required-mark:empty {
    display: none;
  }
  .error {
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  .control {
    box-sizing: border-box;
    width: 100%;
    max-width: var(--tk-field-max-width, 32rem);
    min-height: 2.5rem;
    padding: 0.3rem 0.5rem;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  .control:focus-visible,
  .control:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .invalid .control {
    border-color: var(--_error);
  }
  .control[readonly],
  .control:disabled {
    background: #f3f2f1;
    color: var(--_muted);
  }
  .verified {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    padding: 0.4rem 0.6rem;
    background: var(--_verified-bg);
    border-left: 5px solid var(--_verified);
    max-width: var(--tk-field-max-width, 32rem);
  }
  .verified-value {
    font-weight: 700;
  }
  .badge {
    color: var(--_verified);
    font-size: 0.875em;
  }
  .origin {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.25rem 0 0;
  }
  /* A lookup in a register: what it is doing, below the control. Empty (no room taken) when there is
     nothing to say, but never display: none: a live region must stay in the accessibility tree to be
     announced when its text changes. */
  .lookup {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.25rem 0 0;
  }
  .lookup:empty {
    margin: 0;
  }
  .lookup-failed {
    color: var(--_error);
    font-weight: 700;
  }
  .lookup-retry {
    margin: 0.5rem 0 0;
    padding: 0.25rem 0.75rem;
    border: 2px solid var(--_text);
    background: transparent;
    color: var(--_text);
  }
  .choices {
    display: grid;
    gap: 0.5rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .choice input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_text);
  }
  .secondary {
    padding: 0.3rem 0.8rem;
    border: 2px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
  }
  @media print {
    .field.invalid {
      border-left: 0;
    }
  }
`;
