/**
 * The UI chrome's own text, in Vietnamese and English; a portal adds other locales with
 * `addChromeMessages`. Procedure text comes from the procedure's `i18n`, messages from core's.
 */
import { Dictionaries, type Locale, type Message } from "@tokhai/core";

const vi = {
  required: "(bắt buộc)",
  optional: "(không bắt buộc)",
  verified: "Đã xác thực",
  lookupRetry: "Thử lại",
  fromSource: "Từ {source}",
  fromSourceEditable: "Lấy từ {source}, có thể sửa",
  computed: "Tự động tính",
  next: "Tiếp tục",
  back: "Quay lại",
  review: "Kiểm tra thông tin",
  reviewTitle: "Kiểm tra lại thông tin trước khi nộp",
  change: "Thay đổi",
  changeField: "Thay đổi {field}",
  fieldInSection: "{field} ({section})",
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
  fileAccepted: "Chấp nhận: {accept}; tối đa {max}",
  fileTypes: "Chấp nhận: {accept}",
  fileMaxSize: "Tối đa {max}",
  fileSelected: "Tệp đã chọn",
  addressUnavailable: "Không hiển thị được địa chỉ: phần tử cần model, pointer và registry.",
  containerUnavailable: "Không hiển thị được các trường bên trong: phần tử cần model, pointer và registry.",
  loading: "Đang tải biểu mẫu…",
  loadFailed: "Không tải được biểu mẫu",
  submitted: "Đã gửi hồ sơ",
  draftRestored: "Đã khôi phục bản nháp lưu lúc {time}.",
  draftRestoredUndated: "Đã khôi phục bản nháp.",
  draftRestoredPartly: "Đã khôi phục bản nháp; {dropped} câu trả lời đã lưu không còn phù hợp với biểu mẫu nên đã bị bỏ.",
  draftDiscard: "Bỏ bản nháp, khai lại từ đầu",
  draftDiscarded: "Đã bỏ bản nháp; biểu mẫu bắt đầu lại từ đầu.",
  draftUnreadable: "Không đọc được bản nháp đã lưu; biểu mẫu bắt đầu lại từ đầu.",
  draftOtherVersion: "Có bản nháp lưu lúc {time} theo mẫu cũ của thủ tục (phiên bản {version}). Mẫu đã thay đổi nên bản nháp chưa được khôi phục.",
  draftReuse: "Dùng lại những câu trả lời còn phù hợp",
  draftReused: "Đã dùng lại {kept} câu trả lời từ bản nháp cũ; {dropped} câu trả lời không còn phù hợp với mẫu mới đã bị bỏ.",
  draftSaveFailed: "Không lưu được bản nháp trên thiết bị này. Những gì đã nhập vẫn còn trên trang: đừng đóng trang trước khi nộp.",
  draftNotice: "Bản nháp",
  // The data-use notice (first step): what the form reads of the state's registers.
  dataUseTitle: "Dữ liệu của bạn được sử dụng trong tờ khai này",
  dataUseIntro: "Tờ khai này lấy những thông tin sau trong cơ sở dữ liệu của cơ quan nhà nước để điền sẵn và kiểm tra hồ sơ. Tờ khai không dùng thông tin nào khác của bạn trong các cơ sở dữ liệu đó.",
  dataUseLookup: "Tra cứu theo thông tin bạn nhập.",
  dataUseWhole: "(toàn bộ)",
  dataUseEverything: "Toàn bộ thông tin",
  // Task list (layout="tasks")
  tasksTitle: "Các phần của hồ sơ",
  tasksProgress: "Bạn đã hoàn thành {done}/{total} phần.",
  taskCompleted: "Đã xong",
  taskInProgress: "Đang làm",
  taskNotStarted: "Chưa bắt đầu",
  taskCannotStart: "Chưa thể bắt đầu",
  taskCheckAndSubmit: "Kiểm tra và nộp hồ sơ",
  backToTasks: "Quay lại các phần của hồ sơ",
  // Dates typed in parts (tk-field-date, tk-field-month): the label of each input.
  dateDay: "Ngày",
  dateMonth: "Tháng",
  dateYear: "Năm",
  // Searchable lists (tk-field-combobox). The count is said once typing pauses; `comboboxResult` is
  // for exactly one, and a dictionary may give `comboboxResults` plural forms by {n}.
  comboboxShowAll: "Hiện tất cả các lựa chọn",
  comboboxHint: "Gõ để tìm trong danh sách, rồi dùng phím mũi tên lên, xuống và phím Enter để chọn.",
  comboboxNoResults: "Không tìm thấy kết quả",
  comboboxResult: "1 kết quả",
  comboboxResults: "{n} kết quả",
  // The review page: printing, and signing the declaration (procedure keyword `signature`, `signer`).
  print: "In thông tin đã khai",
  signTitle: "Ký số tờ khai",
  signStatement: "Bạn sẽ ký số tờ khai này khi nộp hồ sơ. Chữ ký số xác nhận những thông tin trên là do bạn khai.",
  signOptIn: "Ký số tờ khai này",
  signOptional: "Không bắt buộc: bạn có thể nộp hồ sơ mà không ký số.",
  signAndSubmit: "Ký số và nộp hồ sơ",
  signDigest: "Mã băm của tờ khai được ký (để đối chiếu với ứng dụng ký số):",
  signing: "Đang ký số tờ khai…",
  signed: "Đã ký số tờ khai.",
  signFailed: "Chưa ký được tờ khai nên hồ sơ chưa được nộp. Những gì bạn đã khai vẫn còn nguyên; hãy thử lại.",
  signSkip: "Bạn cũng có thể bỏ chọn “Ký số tờ khai này” để nộp hồ sơ mà không ký số.",
  signCancelledTitle: "Bạn đã hủy ký số",
  signCancelled: "Hồ sơ chưa được nộp. Những gì bạn đã khai vẫn còn nguyên; khi sẵn sàng, hãy ký số và nộp lại.",
  signerMissing: "Tờ khai này phải được ký số, nhưng trang này chưa có chức năng ký số nên chưa thể nộp hồ sơ. Những gì bạn đã khai vẫn còn nguyên; hãy liên hệ cơ quan tiếp nhận hồ sơ.",
} as const;

export type ChromeKey = keyof typeof vi;

const en: Record<ChromeKey, string> = {
  required: "(required)",
  optional: "(optional)",
  verified: "Verified",
  lookupRetry: "Try again",
  fromSource: "From {source}",
  fromSourceEditable: "From {source}, you can change it",
  computed: "Calculated automatically",
  next: "Continue",
  back: "Back",
  review: "Check your answers",
  reviewTitle: "Check your answers before submitting",
  change: "Change",
  changeField: "Change {field}",
  fieldInSection: "{field} ({section})",
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
  fileAccepted: "Accepted: {accept}; {max} at most",
  fileTypes: "Accepted: {accept}",
  fileMaxSize: "{max} at most",
  fileSelected: "Selected file",
  addressUnavailable: "The address cannot be shown: the element needs model, pointer and registry.",
  containerUnavailable: "The fields inside cannot be shown: the element needs model, pointer and registry.",
  loading: "Loading the form…",
  loadFailed: "The form could not be loaded",
  submitted: "Submitted",
  draftRestored: "Your draft saved at {time} has been restored.",
  draftRestoredUndated: "Your draft has been restored.",
  draftRestoredPartly: "Your draft has been restored; {dropped} saved answers that no longer fit the form were left out.",
  draftDiscard: "Discard the draft and start again",
  draftDiscarded: "The draft was discarded; the form starts again.",
  draftUnreadable: "The saved draft could not be read; the form starts afresh.",
  draftOtherVersion: "There is a draft saved at {time} under an older form of this procedure (version {version}). The form has changed, so the draft was not restored.",
  draftReuse: "Reuse the answers that still apply",
  draftReused: "{kept} answers were reused from the old draft; {dropped} that no longer fit the new form were left out.",
  draftSaveFailed: "The draft could not be saved on this device. What you typed is still on the page: do not close it before submitting.",
  draftNotice: "Draft",
  // The data-use notice (first step): what the form reads of the state's registers.
  dataUseTitle: "How your data is used in this form",
  dataUseIntro: "This form fills in and checks your application with the following information held in government databases. It uses no other information about you from those databases.",
  dataUseLookup: "Looked up from what you enter.",
  dataUseWhole: "(all of it)",
  dataUseEverything: "All of the information",
  // Task list (layout="tasks")
  tasksTitle: "Sections of your application",
  tasksProgress: "You have completed {done} of {total} sections.",
  taskCompleted: "Completed",
  taskInProgress: "In progress",
  taskNotStarted: "Not yet started",
  taskCannotStart: "Cannot start yet",
  taskCheckAndSubmit: "Check your answers and submit",
  backToTasks: "Back to the sections of your application",
  // Dates typed in parts (tk-field-date, tk-field-month): the label of each input.
  dateDay: "Day",
  dateMonth: "Month",
  dateYear: "Year",
  // Searchable lists (tk-field-combobox).
  comboboxShowAll: "Show all options",
  comboboxHint: "Type to search the list, then use the up and down arrows and Enter to choose.",
  comboboxNoResults: "No results",
  comboboxResult: "1 result",
  comboboxResults: "{n} results",
  // The review page: printing, and signing the declaration.
  print: "Print your answers",
  signTitle: "Sign your declaration",
  signStatement: "You will sign this declaration digitally when you submit it. Your digital signature confirms that you made these statements.",
  signOptIn: "Sign this declaration",
  signOptional: "Optional: you can submit without signing.",
  signAndSubmit: "Sign and submit",
  signDigest: "Digest of the declaration being signed (to compare with your signing app):",
  signing: "Signing your declaration…",
  signed: "Your declaration is signed.",
  signFailed: "Your declaration could not be signed, so it has not been submitted. Your answers are kept: try again.",
  signSkip: "You can also clear “Sign this declaration” to submit without signing.",
  signCancelledTitle: "You cancelled signing",
  signCancelled: "Your declaration has not been submitted. Your answers are kept: when you are ready, sign and submit again.",
  signerMissing: "This declaration must be signed, but this page cannot sign it, so it cannot be submitted yet. Your answers are kept: contact the office that receives it.",
};

/** The chrome's dictionaries shipped: Vietnamese and English. */
export const CHROME: Readonly<Record<"vi" | "en", Readonly<Record<ChromeKey, string>>>> = { vi, en };

/** A dictionary of the chrome: a text for every key (`{name}` is a parameter), or its plural forms by `{n}`. */
export type ChromeMessages = { readonly [K in ChromeKey]: Message };

const DICTIONARIES = new Dictionaries<ChromeMessages>(vi, { en });

/**
 * Adds (or completes) the chrome's dictionary for a locale: any BCP-47 tag (`fr`, `km`). With core's
 * `addMessages` and the procedure's `i18n` for that locale, `<tk-form locale="fr">` is in French. A key
 * the dictionary lacks falls back to its language's, then to Vietnamese. Throws a `RangeError` for a tag
 * that is not well-formed.
 */
export function addChromeMessages(locale: Locale, messages: ChromeMessages): void {
  DICTIONARIES.add(locale, messages);
}

/**
 * A chrome string in a locale (by the fallback rule: the tag, its language, Vietnamese), with `{name}`
 * parameters filled in: numbers formatted for the locale, anything else as text.
 */
export function chrome(key: ChromeKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return DICTIONARIES.text(key, DICTIONARIES.localeFor(locale), params);
}
