/**
 * The studio page. Its words are Vietnamese here and set by studio.js in the chosen language
 * (`data-i18n` names the message); nothing from a file is ever written into it as HTML.
 */
export const STUDIO_HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title data-i18n="title">tokhai studio</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/studio.css">
<script type="module" src="/tokhai.js"></script>
<script type="module" src="/studio.js"></script>
</head>
<body>
<a class="skip" href="#editor" data-i18n="skip">Bỏ qua đến trình soạn thảo</a>
<header class="bar">
  <h1>tokhai studio</h1>
  <form class="controls" id="controls">
    <label for="procedure" data-i18n="procedure">Thủ tục</label>
    <select id="procedure"></select>
    <label for="persona" data-i18n="persona">Công dân (ngữ cảnh)</label>
    <select id="persona"></select>
    <label for="locale" data-i18n="locale">Ngôn ngữ</label>
    <select id="locale"><option value="vi">Tiếng Việt</option><option value="en">English</option></select>
    <button type="button" id="save" data-i18n="save">Lưu</button>
  </form>
  <p id="status" role="status" aria-live="polite"></p>
</header>
<div id="alert" role="alert" hidden></div>
<main class="panes">
  <section class="pane" aria-labelledby="editor-heading">
    <h2 id="editor-heading" data-i18n="editorHeading">Thủ tục (JSON)</h2>
    <div id="generated" class="notice" role="note" hidden></div>
    <p id="blocks-info"></p>
    <div id="sources"></div>
    <div id="editor"></div>
    <h3 id="problems-heading" data-i18n="problemsHeading">Vấn đề</h3>
    <p id="problems-summary"></p>
    <ul id="problems" aria-labelledby="problems-heading"></ul>
    <h3 id="translations-heading" data-i18n="translationsHeading">Bản dịch còn thiếu</h3>
    <p id="translations-summary"></p>
    <ul id="translations" aria-labelledby="translations-heading"></ul>
    <h3 id="deps-heading" data-i18n="depsHeading">Phụ thuộc của trường</h3>
    <div id="deps" aria-live="polite"><p id="deps-field"></p>
      <h4 id="deps-uses-heading" data-i18n="depsUses">Trường này đọc</h4><ul id="deps-uses" aria-labelledby="deps-uses-heading"></ul>
      <h4 id="deps-usedby-heading" data-i18n="depsUsedBy">Đọc trường này</h4><ul id="deps-usedby" aria-labelledby="deps-usedby-heading"></ul>
    </div>
  </section>
  <section class="pane" aria-labelledby="preview-heading">
    <h2 id="preview-heading" data-i18n="previewHeading">Xem trước</h2>
    <p id="preview-note"></p>
    <h3 id="stats-heading" data-i18n="statsHeading">Khai một lần (tokhai stats)</h3>
    <table id="stats" hidden>
      <caption id="stats-caption"></caption>
      <thead><tr>
        <th scope="col" data-i18n="statsStep">Bước</th>
        <th scope="col" data-i18n="statsFields">Trường hiển thị</th>
        <th scope="col" data-i18n="statsFilled">Lấy từ dữ liệu</th>
        <th scope="col" data-i18n="statsComputed">Tính sẵn</th>
        <th scope="col" data-i18n="statsTyped">Công dân nhập</th>
      </tr></thead>
      <tbody id="stats-body"></tbody>
    </table>
    <div id="preview"></div>
  </section>
</main>
</body>
</html>
`;
