/**
 * The styles of `<tk-form>` itself: header, step indicator, notices, error summary and buttons. (Notes
 * are kept out of the CSS, which ships as written.)
 * - `.block`: the fields of a long step, in blocks (see renderFields). Off screen, a block skips style,
 *   layout and paint for the first paint, then is shown in idle time (revealLater). The clip margin
 *   keeps the focus ring of a control at the block's edge visible.
 * - `.summary li`: a summary of hundreds of errors lays out only the lines on screen for its first
 *   paint, then each line is shown in idle time (revealLater: Chromium leaves skipped content out of
 *   the accessibility tree). The padding keeps each link's focus outline inside its paint containment.
 */
import { css } from "lit";

export const formStyles = css`
  :host {
    max-width: var(--tk-form-max-width, 48rem);
  }
  h1 {
    font-size: 1.75em;
    margin: 0 0 0.5rem;
  }
  h2 {
    font-size: 1.4em;
    margin: 0 0 1rem;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    padding: 0;
    margin: 0 0 1.5rem;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .steps [aria-current] {
    color: var(--_text);
    font-weight: 700;
  }
  .notice {
    border-left: 5px solid var(--_primary, currentColor);
    padding: 0.75rem 1rem;
    margin: 0 0 1.5rem;
    background: var(--_surface, transparent);
  }
  .notice p {
    margin: 0 0 0.5rem;
  }
  .notice p:last-child {
    margin: 0;
  }
  .notice .button {
    margin: 0.25rem 0.5rem 0 0;
  }
  .block {
    content-visibility: auto;
    contain-intrinsic-size: auto var(--tk-block-estimate, 120rem);
    overflow-clip-margin: 0.25rem;
  }
  .summary {
    border: 5px solid var(--_error);
    padding: 1rem;
    margin: 0 0 1.5rem;
  }
  .summary h2 {
    font-size: 1.25em;
    margin: 0 0 0.5rem;
  }
  .summary ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .summary li {
    padding: 3px;
    margin: 0 -3px 0.25rem;
    content-visibility: auto;
    contain-intrinsic-size: auto 1.5em;
  }
  a {
    color: var(--_link);
  }
  .summary a {
    color: var(--_error);
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    margin-top: 1.5rem;
  }
  .button {
    padding: 0.5rem 1.2rem;
    border: 2px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
  }
  .primary {
    background: var(--_primary);
    color: var(--_primary-text);
    border-color: transparent;
    box-shadow: 0 2px 0 #002d18;
  }
  .button[aria-disabled="true"] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  @media print {
    .actions,
    .steps {
      display: none;
    }
    .summary li,
    .block {
      content-visibility: visible;
    }
  }
`;
