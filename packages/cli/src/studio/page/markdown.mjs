// codemirror-json-schema renders descriptions with markdown-it and highlights code with shiki; the
// studio bundles this module in place of its utils/markdown.js: markdown-it alone (HTML in the text
// is escaped, not rendered), no highlighter (shiki would add megabytes for the meta-schema's prose).
import md from "markdown-it";

const renderer = md({ html: false, linkify: false, typographer: true });

export function renderMarkdown(markdown, inline = true) {
  return inline ? renderer.renderInline(markdown) : renderer.render(markdown);
}
