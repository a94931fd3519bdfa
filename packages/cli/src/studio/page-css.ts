/** The studio page's style sheet (served as /studio.css). */
export const STUDIO_CSS = `
:root { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: #0b0c0c; --focus: #fd0; }
body { margin: 0; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: var(--focus); color: #0b0c0c; padding: 0.5rem; z-index: 10; }
.bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; padding: 0.5rem 1rem; background: #0b0c0c; color: #fff; }
.bar h1 { font-size: 1.25rem; margin: 0; }
.controls { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; }
.controls select, .controls button, #sources select { font: inherit; padding: 0.25rem; }
.controls button { background: #00703c; color: #fff; border: 2px solid transparent; padding: 0.25rem 1rem; }
#status { margin: 0; min-height: 1.2em; }
#alert { margin: 0; padding: 0.75rem 1rem; background: #fbe9e9; border-left: 6px solid #d4351c; color: #0b0c0c; }
.panes { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; padding: 1rem; }
@media (max-width: 900px) { .panes { grid-template-columns: 1fr; } }
.pane h2 { margin: 0 0 0.5rem; font-size: 1.125rem; }
.pane h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
#editor .cm-editor { height: 65vh; border: 1px solid #505a5f; font-size: 14px; }
#editor .cm-editor.cm-focused { outline: 3px solid var(--focus); }
#problems { padding-left: 1.25rem; max-height: 20vh; overflow: auto; margin: 0; }
#translations { padding-left: 1.25rem; max-height: 12vh; overflow: auto; margin: 0; }
#problems button, #translations button { font: inherit; background: none; border: none; padding: 0; color: #1d70b8; text-decoration: underline; cursor: pointer; text-align: left; }
.notice { border-left: 6px solid #1d70b8; background: #eef4fa; padding: 0.5rem 0.75rem; margin: 0 0 0.5rem; }
.notice p { margin: 0 0 0.25rem; }
.notice button { font: inherit; }
#problems .via { display: block; color: #505a5f; font-size: 0.9em; }
#problems li > button { display: block; }
#problems li.warning { list-style-type: "⚠ "; }
#problems li.error { list-style-type: "✖ "; }
#deps h4 { font-size: 0.9rem; margin: 0.5rem 0 0.25rem; }
#deps ul { margin: 0; padding-left: 1.25rem; }
#sources label { margin-right: 0.25rem; }
#stats { border-collapse: collapse; margin-bottom: 1rem; }
#stats th, #stats td { border-bottom: 1px solid #b1b4b6; padding: 0.25rem 0.5rem; text-align: left; }
#stats td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
#stats caption { text-align: left; padding: 0.25rem 0; }
#preview { border: 1px solid #b1b4b6; padding: 1rem; min-height: 10rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
`;
