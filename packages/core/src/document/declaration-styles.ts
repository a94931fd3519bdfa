/**
 * The declaration's style sheet: an A4 administrative form, black on white, in a serif face with
 * Vietnamese letters (the first of Noto Serif, DejaVu Serif, Times New Roman the system has: no font is
 * embedded or fetched), label and answer in two columns, no row or heading split from what follows it
 * across a page. Each printed page's foot carries the submission's ID and the page number (`@page`
 * margin boxes). `footer`: the texts of those boxes, already escaped as CSS strings.
 */
export function declarationStyles(footer: { readonly left: string; readonly pageBefore: string; readonly pageBetween: string; readonly pageAfter: string }): string {
  return `@page {
  size: A4;
  margin: 18mm 16mm 20mm 22mm;
  @bottom-left { content: "${footer.left}"; font: 8.5pt "Noto Serif", "DejaVu Serif", "Times New Roman", serif; color: #000; }
  @bottom-right { content: "${footer.pageBefore}" counter(page) "${footer.pageBetween}" counter(pages) "${footer.pageAfter}"; font: 8.5pt "Noto Serif", "DejaVu Serif", "Times New Roman", serif; color: #000; }
}
:root { color: #000; background: #fff; }
body {
  margin: 0 auto;
  padding: 12mm 16mm;
  max-width: 178mm;
  font: 11.5pt/1.4 "Noto Serif", "DejaVu Serif", "Times New Roman", Times, serif;
}
@media print {
  body { padding: 0; max-width: none; }
}
.masthead { text-align: center; margin: 0 0 6mm; }
.masthead p { margin: 0; }
.nation { font-weight: 700; font-size: 11pt; letter-spacing: 0.02em; }
.motto { font-weight: 700; font-size: 11.5pt; display: inline-block; padding-bottom: 1mm; border-bottom: 0.6pt solid #000; }
h1 { text-align: center; font-size: 15pt; margin: 6mm 0 1mm; text-transform: uppercase; }
.procedure { text-align: center; font-style: italic; margin: 0 0 5mm; font-size: 10pt; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; padding-bottom: 0.8mm; border-bottom: 0.8pt solid #000; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
h4, h5, h6 { font-size: 11pt; margin: 3mm 0 1.5mm; font-style: italic; }
h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 1.2mm 2mm; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 400; }
.answers th[scope="row"] { width: 40%; }
thead th { font-weight: 700; }
.files th:nth-child(1) { width: 30%; }
.files th:nth-child(3) { width: 25%; }
.files th:nth-child(4), .files td:nth-child(4) { width: 13%; white-space: nowrap; }
.value { unicode-bidi: isolate; white-space: pre-wrap; font-weight: 700; }
.mark { display: block; font-size: 9pt; font-style: italic; font-weight: 400; }
.statement { margin: 3mm 0; break-inside: avoid; white-space: pre-wrap; }
.box { font-style: normal; margin-inline-end: 1.5mm; }
.meta th[scope="row"], .receipt th[scope="row"], .signature th[scope="row"] { width: 40%; }
.receipt { border: 1.2pt solid #000; padding: 0 3mm 2mm; margin: 0 0 5mm; break-inside: avoid; }
.receipt h2 { border-bottom: 0; margin-top: 2mm; }
.code { font-family: "DejaVu Sans Mono", "Liberation Mono", "Courier New", monospace; font-size: 9pt; font-weight: 400; overflow-wrap: anywhere; }
.closing { display: flex; justify-content: flex-end; margin: 8mm 0 4mm; break-inside: avoid; }
.closing div { text-align: center; min-width: 70mm; }
.closing p { margin: 0 0 1mm; }
.date-line { font-style: italic; }
.declarant { font-weight: 700; text-transform: uppercase; }
.signed-by { margin-top: 8mm; font-weight: 700; }
`;
}
