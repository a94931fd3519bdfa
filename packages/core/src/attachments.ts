/**
 * Attachment limits: the file types (`x-accept`) and the largest size (`x-max-size`) a file field
 * takes. The elements refuse a file that breaks them as it is chosen; the form's validation and
 * `validateSubmission` check the metadata again, so a value set by a script or posted to the back
 * end is held to the same limits.
 */
import { formatNumber } from "./intl.js";
import type { AttachmentMeta, Locale } from "./types.js";

/** What a file field accepts: MIME types (`image/*` too) and `.ext` suffixes (empty: any), and a size. */
export interface AttachmentLimits {
  readonly accept: readonly string[];
  /** Largest size in bytes, when limited. */
  readonly maxSize?: number;
}

/** Why a file breaks its field's limits. */
export type AttachmentProblem = "fileType" | "fileTooBig";

/** The limits of a schema node: its `x-accept` and `x-max-size` (ill-typed values are ignored: `tokhai check` reports them). */
export function attachmentLimits(schema: Readonly<Record<string, unknown>>): AttachmentLimits {
  const accept = schema["x-accept"];
  const max = schema["x-max-size"];
  return {
    accept: Array.isArray(accept) ? accept.filter((a): a is string => typeof a === "string") : [],
    ...(typeof max === "number" && Number.isFinite(max) ? { maxSize: max } : {}),
  };
}

/** Whether a file matches an accept list of MIME types (`image/*` too) and `.ext` suffixes. An empty list accepts any file. */
export function fileAccepted(file: Pick<AttachmentMeta, "name" | "type">, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return accept.some((entry) => {
    const a = entry.trim().toLowerCase();
    if (a.startsWith(".")) return name.endsWith(a);
    if (a.endsWith("/*")) return type.startsWith(a.slice(0, -1));
    return a === type;
  });
}

/** The first limit a file breaks, if any: its type, then its size. */
export function attachmentProblem(file: AttachmentMeta, limits: AttachmentLimits): AttachmentProblem | undefined {
  if (!fileAccepted(file, limits.accept)) return "fileType";
  if (limits.maxSize !== undefined && !(file.size <= limits.maxSize)) return "fileTooBig";
  return undefined;
}

/** Why a file breaks its field's limits, with the parameters of its message (`engineMessage(problem, params)`). */
export function attachmentError(file: AttachmentMeta, limits: AttachmentLimits): { problem: AttachmentProblem; params: Record<string, unknown> } | undefined {
  const problem = attachmentProblem(file, limits);
  if (!problem) return undefined;
  const params = problem === "fileType" ? { name: file.name, accept: limits.accept } : { name: file.name, size: file.size, max: limits.maxSize };
  return { problem, params };
}

/** Short names of common MIME types, for hints and messages. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/heic": "HEIC",
  "image/webp": "WEBP",
  "text/plain": "TXT",
  "application/zip": "ZIP",
  "application/msword": "DOC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
};

/** An accept list for people: `["application/pdf", ".jpg"]` → `PDF, JPG`. */
export function describeAccept(accept: readonly string[]): string {
  const names = accept.map((entry) => {
    const a = entry.trim().toLowerCase();
    if (a.startsWith(".")) return a.slice(1).toUpperCase();
    return TYPE_NAMES[a] ?? a;
  });
  return [...new Set(names)].join(", ");
}

/** Bytes for people: `5 MB`, `300 KB`, `1,5 MB` in Vietnamese. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const n = formatNumber(value, locale, { maximumFractionDigits: 1 });
  return `${n} ${units[unit]}`;
}
