/**
 * The declaration document's own texts (headings, markers, the receipt and signature blocks), in
 * Vietnamese and English; a portal adds another locale with `addDocumentMessages`. A text a dictionary
 * lacks falls back by the rule of every text (the tag, its language, Vietnamese). Texts of the procedure
 * come from the procedure and its `i18n`, values are formatted by core's `Intl` formatter.
 */
import { Dictionaries, type Message } from "../dictionaries.js";
import type { Locale } from "../locale.js";

const vi = {
  /** The national name and motto heading every Vietnamese administrative form; "" leaves them out. */
  nationalName: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  nationalMotto: "Độc lập - Tự do - Hạnh phúc",
  /** {id}, {version}: the procedure's. */
  procedure: "Thủ tục {id}, phiên bản {version}",
  details: "Thông tin tờ khai",
  submissionId: "Mã hồ sơ điện tử",
  submittedAt: "Thời điểm nộp",
  receipt: "Biên nhận hồ sơ",
  receiptId: "Số hồ sơ",
  receivedAt: "Thời điểm tiếp nhận",
  receiptDigest: "Mã băm của hồ sơ (SHA-256)",
  /** A value from a register, locked: {source} is the register's title. */
  verified: "Đã xác thực",
  fromSource: "Từ {source}",
  /** A value prefilled from a register that the citizen could change, and did not. */
  prefilled: "Lấy từ {source}",
  /** A value prefilled from a register that the citizen changed. */
  edited: "Người khai đã sửa thông tin lấy từ {source}",
  computed: "Tự động tính",
  yes: "Có",
  no: "Không",
  /** The label of a row of a repeatable group without a title: its position. */
  row: "Mục {n}",
  /** A statement the citizen ticked (the declaration, a consent). */
  statementTicked: "Đã đánh dấu",
  attachments: "Giấy tờ đính kèm",
  attachmentDocument: "Giấy tờ",
  attachmentName: "Tên tệp",
  attachmentType: "Loại tệp",
  attachmentSize: "Dung lượng",
  /** Values the envelope holds that no step of the procedure shows. */
  otherData: "Thông tin khác",
  signature: "Chữ ký số",
  signer: "Người ký",
  signedAt: "Thời điểm ký",
  signatureAlgorithm: "Thuật toán",
  signedDigest: "Mã băm đã ký (SHA-256)",
  signatureValue: "Chữ ký",
  certificate: "Chứng thư số",
  certificateIncluded: "Có kèm theo hồ sơ",
  /** The date line above the signature: {day}, {month}, {year} in figures, {date} written out. */
  dateLine: "Ngày {day} tháng {month} năm {year}",
  declarant: "Người khai",
  signedElectronically: "Đã ký số",
  notSigned: "Nộp trực tuyến, không ký số",
  /** The page number at the foot of each printed page. */
  page: "Trang {page}/{pages}",
} as const;

/** The id of one of the document's texts. */
export type DocumentMessageId = keyof typeof vi;

/** A dictionary of the document's texts: one for every id (see `vi` in this module for their parameters). */
export type DocumentMessages = { readonly [K in DocumentMessageId]: Message };

const en: DocumentMessages = {
  nationalName: "SOCIALIST REPUBLIC OF VIET NAM",
  nationalMotto: "Independence - Freedom - Happiness",
  procedure: "Procedure {id}, version {version}",
  details: "About this declaration",
  submissionId: "Submission ID",
  submittedAt: "Submitted",
  receipt: "Receipt",
  receiptId: "Reference number",
  receivedAt: "Received",
  receiptDigest: "Digest of the submission (SHA-256)",
  verified: "Verified",
  fromSource: "From {source}",
  prefilled: "From {source}",
  edited: "Changed by the applicant from {source}",
  computed: "Calculated automatically",
  yes: "Yes",
  no: "No",
  row: "Item {n}",
  statementTicked: "Ticked",
  attachments: "Attached documents",
  attachmentDocument: "Document",
  attachmentName: "File name",
  attachmentType: "File type",
  attachmentSize: "Size",
  otherData: "Other information",
  signature: "Digital signature",
  signer: "Signed by",
  signedAt: "Signed",
  signatureAlgorithm: "Algorithm",
  signedDigest: "Digest signed (SHA-256)",
  signatureValue: "Signature",
  certificate: "Certificate",
  certificateIncluded: "Included with the submission",
  dateLine: "{date}",
  declarant: "Applicant",
  signedElectronically: "Signed digitally",
  notSigned: "Submitted online, not digitally signed",
  page: "Page {page} of {pages}",
};

const MESSAGES = new Dictionaries<DocumentMessages>(vi, { en });

/**
 * Adds (or completes) the dictionary of the declaration document's texts for a locale (any BCP-47 tag),
 * by the same rule as `addMessages`. Throws a `RangeError` for a tag that is not well-formed.
 */
export function addDocumentMessages(locale: Locale, messages: DocumentMessages): void {
  MESSAGES.add(locale, messages);
}

/** A text of the document in `locale`, its parameters filled in. */
export function documentText(id: DocumentMessageId, locale: Locale, params?: { readonly [name: string]: unknown }): string {
  return MESSAGES.text(id, MESSAGES.localeFor(locale), params);
}

/** The locale the document's own texts for `locale` are written in (`fr` without a dictionary: `vi`). */
export function documentLocale(locale: Locale): Locale {
  return MESSAGES.localeFor(locale);
}
