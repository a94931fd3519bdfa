// A corpus of hostile text for the rendering tests. Each payload that could run calls
// `window.__xss(n)`; `trapWindow()` records those calls and any alert/confirm/prompt.

/** Script tags, event handlers, `javascript:` URLs, SVG and MathML, parser tricks, unicode tricks, template syntax. */
export const XSS_PAYLOADS: readonly string[] = [
  "<script>__xss(1)</script>",
  "<img src=x onerror=__xss(2)>",
  '<img src="x" onerror="__xss(3)">',
  "<svg onload=__xss(4)>",
  "<svg><script>__xss(5)</script></svg>",
  "<svg><animate onbegin=__xss(6) attributeName=x dur=1s>",
  '"><script>__xss(7)</script>',
  "'><img src=x onerror=__xss(8)>",
  '<iframe src="javascript:__xss(9)"></iframe>',
  '<a href="javascript:__xss(10)">bấm vào đây</a>',
  "javascript:__xss(11)",
  "<body onload=__xss(12)>",
  "<input autofocus onfocus=__xss(13)>",
  "<details open ontoggle=__xss(14)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=__xss(15)>",
  '<object data="javascript:__xss(16)"></object>',
  '<embed src="javascript:__xss(17)">',
  "<video><source onerror=__xss(18)></video>",
  "<audio src=x onerror=__xss(19)>",
  "<style>@import 'javascript:__xss(20)';</style>",
  '<div style="background:url(javascript:__xss(21))">x</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(22)">',
  "${__xss(23)}",
  "{{constructor.constructor('__xss(24)')()}}",
  "\\u003cimg src=x onerror=__xss(25)\\u003e",
  "＜script＞__xss(26)＜/script＞",
  "\u202E<img src=x onerror=__xss(27)>\u202C",
  "<scr\u200Bipt>__xss(28)</scr\u200Bipt>",
  "<img src=x onerror=&#95;&#95;xss&#40;29&#41;>",
  "<img src=x onerror=\"eval(atob('X194c3MoMzAp'))\">",
  '<!--<img src="--><img src=x onerror=__xss(31)//">',
  '<noscript><p title="</noscript><img src=x onerror=__xss(32)>">',
  "<form><button formaction=javascript:__xss(33)>x</button></form>",
  "data:text/html;base64,PHNjcmlwdD5fX3hzcygzNCk8L3NjcmlwdD4=",
  "<img src=x onerror=__xss(35)>\u0000",
  "<!--?lit$123$--><img src=x onerror=__xss(36)>",
  "</textarea><img src=x onerror=__xss(37)>",
  "</title><img src=x onerror=__xss(38)>",
  "{source}{max}$&$'$` <img src=x onerror=__xss(39)>",
  "<template shadowrootmode=open><img src=x onerror=__xss(40)></template>",
  "Nguyễn Văn A\u0301n <b onmouseover=__xss(41)>đậm</b> 🇻🇳",
];

interface Trapped {
  __xss?: (n: number) => void;
  alert: (message?: unknown) => void;
  confirm: (message?: string) => boolean;
  prompt: (message?: string) => string | null;
}

/** Records every call a payload could make; `restore()` puts the window back. */
export function trapWindow(): { readonly calls: string[]; restore(): void } {
  const w = window as unknown as Trapped;
  const calls: string[] = [];
  const saved = { alert: w.alert, confirm: w.confirm, prompt: w.prompt };
  w.__xss = (n) => void calls.push(`__xss(${n})`);
  w.alert = (m) => void calls.push(`alert(${String(m)})`);
  w.confirm = (m) => (calls.push(`confirm(${String(m)})`), false);
  w.prompt = (m) => (calls.push(`prompt(${String(m)})`), null);
  return {
    calls,
    restore() {
      delete w.__xss;
      Object.assign(w, saved);
    },
  };
}
