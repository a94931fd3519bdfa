/** The UI chrome's own text, in Vietnamese and English. Procedure text comes from the procedure's `i18n`. */
import type { Locale } from "@tokhai/core";

const vi = {
  required: "(bắt buộc)",
  optional: "(không bắt buộc)",
  verified: "Đã xác thực",
  fromSource: "Từ {source}",
  fromSourceEditable: "Lấy từ {source}, có thể sửa",
  computed: "Tự động tính",
  next: "Tiếp tục",
  back: "Quay lại",
  review: "Kiểm tra thông tin",
  reviewTitle: "Kiểm tra lại thông tin trước khi nộp",
  change: "Thay đổi",
  changeField: "Thay đổi {field}",
  submit: "Nộp hồ sơ",
  stepOf: "Bước {n}/{total}",
  steps: "Các bước",
  current: "(đang thực hiện)",
  done: "(đã xong)",
  errorSummary: "Có lỗi cần sửa",
  errorPrefix: "Lỗi:",
  noAnswer: "Chưa trả lời",
  yes: "Có",
  no: "Không",
  select: "— Chọn —",
  addRow: "Thêm",
  removeRow: "Xóa",
  moveUp: "Chuyển lên",
  moveDown: "Chuyển xuống",
  row: "Mục {n}",
  rowsLimit: "Tối đa {max} mục",
  noRows: "Chưa có mục nào",
  chooseFile: "Chọn tệp",
  removeFile: "Bỏ tệp",
  fileTooBig: "Tệp quá lớn: tối đa {max}",
  fileType: "Loại tệp không được chấp nhận: chỉ nhận {accept}",
  fileAccepted: "Chấp nhận: {accept}; tối đa {max}",
  fileTypes: "Chấp nhận: {accept}",
  fileMaxSize: "Tối đa {max}",
  fileSelected: "Tệp đã chọn",
  addressUnavailable: "Không hiển thị được địa chỉ: phần tử cần model, pointer và registry.",
  loading: "Đang tải biểu mẫu…",
  loadFailed: "Không tải được biểu mẫu",
  submitted: "Đã gửi hồ sơ",
  draftRestored: "Đã khôi phục bản nháp lưu lúc {time}.",
  draftDiscard: "Bỏ bản nháp, khai lại từ đầu",
  draftDiscarded: "Đã bỏ bản nháp; biểu mẫu bắt đầu lại từ đầu.",
  draftUnreadable: "Không đọc được bản nháp đã lưu; biểu mẫu bắt đầu lại từ đầu.",
  draftOtherVersion: "Có bản nháp lưu lúc {time} theo mẫu cũ của thủ tục (phiên bản {version}). Mẫu đã thay đổi nên bản nháp chưa được khôi phục.",
  draftReuse: "Dùng lại những câu trả lời còn phù hợp",
  draftReused: "Đã dùng lại {kept} câu trả lời từ bản nháp cũ; {dropped} câu trả lời không còn phù hợp với mẫu mới đã bị bỏ.",
  draftSaveFailed: "Không lưu được bản nháp trên thiết bị này. Những gì đã nhập vẫn còn trên trang: đừng đóng trang trước khi nộp.",
  draftNotice: "Bản nháp",
} as const;

export type ChromeKey = keyof typeof vi;

const en: Record<ChromeKey, string> = {
  required: "(required)",
  optional: "(optional)",
  verified: "Verified",
  fromSource: "From {source}",
  fromSourceEditable: "From {source}, you can change it",
  computed: "Calculated automatically",
  next: "Continue",
  back: "Back",
  review: "Check your answers",
  reviewTitle: "Check your answers before submitting",
  change: "Change",
  changeField: "Change {field}",
  submit: "Submit",
  stepOf: "Step {n} of {total}",
  steps: "Steps",
  current: "(current)",
  done: "(done)",
  errorSummary: "There is a problem",
  errorPrefix: "Error:",
  noAnswer: "Not answered",
  yes: "Yes",
  no: "No",
  select: "— Select —",
  addRow: "Add",
  removeRow: "Remove",
  moveUp: "Move up",
  moveDown: "Move down",
  row: "Item {n}",
  rowsLimit: "Up to {max} items",
  noRows: "No items yet",
  chooseFile: "Choose file",
  removeFile: "Remove file",
  fileTooBig: "The file is too big: {max} at most",
  fileType: "This type of file is not accepted: only {accept}",
  fileAccepted: "Accepted: {accept}; {max} at most",
  fileTypes: "Accepted: {accept}",
  fileMaxSize: "{max} at most",
  fileSelected: "Selected file",
  addressUnavailable: "The address cannot be shown: the element needs model, pointer and registry.",
  loading: "Loading the form…",
  loadFailed: "The form could not be loaded",
  submitted: "Submitted",
  draftRestored: "Your draft saved at {time} has been restored.",
  draftDiscard: "Discard the draft and start again",
  draftDiscarded: "The draft was discarded; the form starts again.",
  draftUnreadable: "The saved draft could not be read; the form starts afresh.",
  draftOtherVersion: "There is a draft saved at {time} under an older form of this procedure (version {version}). The form has changed, so the draft was not restored.",
  draftReuse: "Reuse the answers that still apply",
  draftReused: "{kept} answers were reused from the old draft; {dropped} that no longer fit the new form were left out.",
  draftSaveFailed: "The draft could not be saved on this device. What you typed is still on the page: do not close it before submitting.",
  draftNotice: "Draft",
};

export const CHROME: Readonly<Record<Locale, Readonly<Record<ChromeKey, string>>>> = { vi, en };

/** A chrome string in a locale, with `{name}` parameters filled in (as text). */
export function chrome(key: ChromeKey, locale: Locale, params: Record<string, string | number> = {}): string {
  const text = (CHROME[locale] ?? CHROME.vi)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Bytes for humans: 5 MB, 300 KB. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const n = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 }).format(value);
  return `${n} ${units[unit]}`;
}
