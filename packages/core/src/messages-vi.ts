/**
 * Core's messages in Vietnamese: the polite administrative register ("Vui lòng …"). Its keys are the
 * message ids (`MessageId`); every other dictionary has the same keys (see `addMessages`). `{name}`
 * is a parameter: numbers come formatted for the locale, values quoted or written as dates. A message
 * that depends on a count `{n}` may be an object of plural forms (`{ one, other }`, as
 * `Intl.PluralRules` names them). A message never names its field: the form shows it beside the label.
 */
export const vi = {
  // How a value is shown inside a message.
  quote: "“{text}”",
  nothing: "(không có)",
  emptyValue: "(để trống)",
  yes: "“Có”",
  no: "“Không”",
  /** A date and time: {date} and {time} formatted. */
  dateTime: "{time} ngày {date}",
  /** A message with what went wrong after it. */
  withDetail: "{text}: {detail}",

  // The kinds of value of the `type` message.
  typeString: "văn bản",
  typeNumber: "số",
  typeInteger: "số nguyên",
  typeBoolean: "giá trị Có/Không",
  typeObject: "nhóm thông tin",
  typeArray: "danh sách",
  /** {types}: the kinds of value, as a list "a, b or c". */
  type: "Phải là {types}",
  typeOrEmpty: "Phải là {types}, hoặc để trống",
  empty: "Phải để trống",
  invalid: "Giá trị không hợp lệ",

  required: "Thông tin bắt buộc, vui lòng không để trống",
  /** {property}: the name of the other answer, quoted. */
  requiredWhen: "Thông tin này là bắt buộc khi đã nhập {property}",
  minLength1: "Vui lòng không để trống",
  minLength: "Vui lòng nhập ít nhất {n} ký tự",
  maxLength: "Không được quá {n} ký tự",

  // Limits: {limit} is a number or a quoted value.
  minimum: "Phải lớn hơn hoặc bằng {limit}",
  maximum: "Không được lớn hơn {limit}",
  exclusiveMinimum: "Phải lớn hơn {limit}",
  exclusiveMaximum: "Phải nhỏ hơn {limit}",
  // Limits on a date: {limit} is the date.
  minDate: "Không được trước ngày {limit}",
  maxDate: "Không được sau ngày {limit}",
  afterDate: "Phải sau ngày {limit}",
  beforeDate: "Phải trước ngày {limit}",
  // Limits on a date and time: {limit} is written as `dateTime` says.
  minDateTime: "Không được trước {limit}",
  maxDateTime: "Không được sau {limit}",
  afterDateTime: "Phải sau {limit}",
  beforeDateTime: "Phải trước {limit}",
  // Limits on a time of day: {limit} is the time.
  minTime: "Không được trước {limit}",
  maxTime: "Không được sau {limit}",
  afterTime: "Phải sau {limit}",
  beforeTime: "Phải trước {limit}",

  integer: "Phải là số nguyên",
  decimals: "Chỉ được có tối đa {n} chữ số sau dấu thập phân",
  multipleOf: "Phải là bội số của {n}",
  pattern: "Vui lòng nhập đúng định dạng",

  // Formats (JSON Schema's and tokhai's).
  formatDate: "Vui lòng nhập ngày hợp lệ (ngày/tháng/năm)",
  formatTime: "Vui lòng nhập giờ hợp lệ, ví dụ: 14:30",
  formatDateTime: "Vui lòng nhập ngày và giờ hợp lệ",
  formatEmail: "Vui lòng nhập địa chỉ email đúng định dạng, ví dụ: ten@example.com",
  formatUri: "Vui lòng nhập địa chỉ trang web đúng định dạng, ví dụ: https://example.com",
  formatUriReference: "Vui lòng nhập địa chỉ hoặc đường dẫn đúng định dạng, ví dụ: https://example.com/trang hoặc /trang",
  formatUriTemplate: "Vui lòng nhập mẫu địa chỉ (URI template) đúng định dạng",
  formatHostname: "Vui lòng nhập tên miền đúng định dạng, ví dụ: example.com",
  formatIpv4: "Vui lòng nhập địa chỉ IPv4 đúng định dạng, ví dụ: 192.168.1.1",
  formatIpv6: "Vui lòng nhập địa chỉ IPv6 đúng định dạng, ví dụ: 2001:db8::1",
  formatUuid: "Vui lòng nhập mã UUID đúng định dạng, ví dụ: 123e4567-e89b-12d3-a456-426614174000",
  formatRegex: "Vui lòng nhập biểu thức chính quy hợp lệ",
  formatDuration: "Vui lòng nhập khoảng thời gian theo định dạng ISO 8601, ví dụ: P3D (3 ngày) hoặc PT2H (2 giờ)",
  formatJsonPointer: "Vui lòng nhập JSON Pointer đúng định dạng, ví dụ: /a/b",
  formatJsonPointerUriFragment: "Vui lòng nhập JSON Pointer đúng định dạng, ví dụ: #/a/b",
  formatRelativeJsonPointer: "Vui lòng nhập JSON Pointer tương đối đúng định dạng, ví dụ: 1/a",
  formatByte: "Phải là dữ liệu mã hoá base64",
  formatInt32: "Phải là số nguyên trong phạm vi cho phép (32 bit)",
  formatInt64: "Phải là số nguyên trong phạm vi cho phép (64 bit)",
  formatFloat: "Phải là số",
  formatVnPersonalId: "Số định danh cá nhân phải gồm đúng 12 chữ số",
  formatVnPhone: "Vui lòng nhập số điện thoại Việt Nam gồm 10 chữ số, ví dụ: 0912345678",
  formatVnTaxCode: "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số, ví dụ: 0101234567 hoặc 0101234567-001",
  formatYearMonth: "Vui lòng nhập tháng và năm hợp lệ (tháng/năm), ví dụ: 05/2024",

  chooseOption: "Vui lòng chọn một giá trị trong danh sách",
  /** {values}: the allowed values, as a list "a, b or c". */
  oneOfValues: "Vui lòng chọn một trong các giá trị: {values}",
  confirm: "Vui lòng đánh dấu xác nhận mục này",
  constValue: "Giá trị phải là {value}",

  minItems: "Vui lòng thêm hoặc chọn ít nhất {n} mục",
  maxItems: "Không được quá {n} mục",
  itemsNotAllowed: "Danh sách có mục không được chấp nhận",
  prefixItems: "Một hoặc nhiều mục trong danh sách không hợp lệ",
  /** {a} and {b}: the numbers of the rows, counted from 1. */
  sameRows: "Dòng {a} và dòng {b} bị trùng nhau",
  uniqueRows: "Các dòng không được trùng nhau",
  containsMin: "Cần có ít nhất {n} mục phù hợp",
  containsExactly: "Cần có đúng {n} mục phù hợp",
  containsMax: "Không được có quá {n} mục phù hợp",
  containsBetween: "Cần có từ {min} đến {max} mục phù hợp",

  minProperties: "Vui lòng điền ít nhất {n} thông tin trong phần này",
  maxProperties: "Không được điền quá {n} thông tin trong phần này",
  notInForm: "Có thông tin không thuộc biểu mẫu này",
  /** {name}: the name of the property, quoted. */
  nameNotInForm: "Thông tin {name} không thuộc biểu mẫu này",
  nameNotAllowed: "Tên {name} không được chấp nhận",
  not: "Giá trị này không được chấp nhận",
  noOption: "Giá trị không khớp với lựa chọn nào được chấp nhận",
  manyOptions: "Giá trị khớp với nhiều hơn một lựa chọn được chấp nhận",
  condition: "Giá trị chưa đáp ứng điều kiện áp dụng cho thông tin này",
  notAllowedHere: "Không được cung cấp thông tin này",
  /** {tag}: the name of the property that says which kind of object this is, quoted. */
  tagNotText: "Giá trị của {tag} phải là văn bản",
  tagValue: "Giá trị {value} của {tag} không được chấp nhận",

  // The engine's own checks.
  options: "Vui lòng chọn một giá trị trong danh sách",
  locked: "Giá trị đã được xác thực từ nguồn dữ liệu nên không được thay đổi",
  /** {expected}: the verified value. */
  lockedValue: "Giá trị đã được xác thực từ nguồn dữ liệu nên không được thay đổi; giá trị đúng là {expected}",
  computed: "Giá trị được tính tự động không khớp",
  computedValue: "Giá trị được tính tự động không khớp; giá trị đúng là {expected}",
  hiddenSubmitted: "Thông tin này không áp dụng nên không được gửi kèm",
  provenanceMismatch: "Giá trị được khai là lấy từ nguồn dữ liệu nhưng nguồn dữ liệu không có giá trị này",
  ruleFailed: "Vui lòng kiểm tra lại thông tin này",
  /** {accept}: the types of file accepted (PDF, JPG). */
  fileType: "Tệp không thuộc loại được chấp nhận: chỉ nhận {accept}",
  /** {name}: the file's name, quoted. */
  fileTypeNamed: "Tệp {name} không thuộc loại được chấp nhận: chỉ nhận {accept}",
  /** {size}: the file's size in parentheses after a space (" (6 MB)"), or nothing; {max}: the largest size. */
  fileTooBig: "Tệp{size} quá lớn: tối đa {max}",
  fileTooBigNamed: "Tệp {name}{size} quá lớn: tối đa {max}",
  /** {expected} and {actual}: procedure ids, quoted. */
  wrongProcedure: "Hồ sơ thuộc thủ tục {actual}, không phải thủ tục {expected}",
  /** {expected} and {actual}: versions. */
  wrongVersion: "Hồ sơ được lập theo phiên bản {actual} của biểu mẫu, không tương thích với phiên bản hiện hành {expected}",
  badEnvelope: "Dữ liệu gửi lên không đúng cấu trúc hồ sơ",
  expressionFailed: "Không tính được giá trị",
  /** An exit page applies (its title follows, after `withDetail`): the citizen cannot apply through this procedure. */
  exit: "Không thể nộp hồ sơ này",

  // Lookups in registers while the citizen answers. {register}: the register's title ("Cơ sở dữ liệu
  // hộ tịch"), or `theRegister` when the procedure gives none.
  theRegister: "cơ sở dữ liệu",
  lookupPending: "Đang tra cứu {register}…",
  lookupNotFound: "Không tìm thấy thông tin trong {register}",
  lookupFailed: "Chưa kết nối được với {register}. Hãy thử lại.",

  // A date typed in parts (tk-field-date: day, month, year; tk-field-month: month, year). Unlike the
  // others, these messages name their field, as GOV.UK's do: {field} is its title ("Ngày sinh"), or
  // `theDate` / `theMonth` when the title does not read as the subject of a sentence.
  theDate: "Ngày, tháng, năm",
  theMonth: "Tháng, năm",
  dateMissingDay: "{field} phải có ngày",
  dateMissingMonth: "{field} phải có tháng",
  dateMissingYear: "{field} phải có năm",
  dateMissingDayMonth: "{field} phải có ngày và tháng",
  dateMissingDayYear: "{field} phải có ngày và năm",
  dateMissingMonthYear: "{field} phải có tháng và năm",
  dateNotNumbers: "{field} chỉ được nhập bằng chữ số",
  yearDigits: "Năm phải gồm 4 chữ số",
  monthRange: "Tháng phải là số từ 1 đến 12",
  /** 31/02: a day the month does not have. */
  dateNotReal: "{field} phải là một ngày có thật",
} as const;
