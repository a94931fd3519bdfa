/** Public types of @tokhai/core. */

import type { Locale } from "./locale.js";

export type { Locale } from "./locale.js";
/** The locales whose UI chrome and engine messages tokhai ships; a portal adds others (`addMessages`). */
export const LOCALES: readonly Locale[] = ["vi", "en"];

/** Text that may be given once, or per locale (`{ "vi": "…", "en": "…" }`). */
export type LocalizedText = string | { readonly [locale: string]: string };

/** A JSON Schema 2020-12 node with tokhai's `x-` keywords. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly properties?: { readonly [name: string]: SchemaNode };
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly default?: unknown;
  readonly format?: string;
  readonly $ref?: string;
  readonly $defs?: { readonly [name: string]: SchemaNode };
  readonly "x-prefill"?: string;
  readonly "x-lock"?: boolean;
  readonly "x-compute"?: string;
  readonly "x-visible"?: string;
  readonly "x-required"?: string;
  readonly "x-readonly"?: string;
  readonly "x-options"?: string;
  /** On an array: the title of each row (`$row.fullName`), evaluated per row. */
  readonly "x-row-title"?: string;
  readonly "x-rules"?: readonly RuleDocument[];
  readonly "x-widget"?: string;
  readonly [keyword: string]: unknown;
}

export interface RuleDocument {
  readonly assert: string;
  readonly message: LocalizedText;
}

export interface SourceDocument {
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  readonly schema: SchemaNode;
}

/**
 * A lookup in a register while the citizen answers: when `input` yields a value, the host's resolver
 * (`createForm`'s `lookup` option) is asked for the record of that input. Expressions read the result as
 * `$<name>`, like a source; values read from it may be prefilled and locked (verified).
 */
export interface LookupDocument {
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  /** JSONata over the form data: what is looked up (`party2.personalId`). No value: no lookup. */
  readonly input: string;
  /** JSON Schema of a found record: expressions may only read the paths it declares. */
  readonly schema: SchemaNode;
  /**
   * What the input field says when nothing is found: a text, or `false` for nothing (a lookup whose
   * "not found" is the good answer, such as a business name not yet taken). Default: the engine's
   * "not found in <title>".
   */
  readonly notFound?: false | LocalizedText;
}

export interface StepDocument {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** A page of questions (the default), or an exit page: why the citizen cannot go on, and what to do instead. */
  readonly kind?: "questions" | "exit";
  /**
   * Pointers (template pointers, `-` for any row) of the fields and sections this step shows. An exit
   * page has none.
   */
  readonly fields?: readonly string[];
  /**
   * JSONata: the step exists for this citizen only while it is true (`$` is the form data, `$<source>`
   * each source). A hidden step's fields are hidden (not asked, not submitted). An exit page is shown
   * exactly when its condition holds, and then nothing can be submitted.
   */
  readonly "x-visible"?: string;
  /** Exit page: what it says below its title, as paragraphs (blank lines separate them). */
  readonly body?: string;
  /** Exit page: where the citizen can go instead (another procedure, advice). */
  readonly link?: { readonly href: string; readonly text: string };
}

/** Translations of procedure text for one locale. Keys starting with "/" are template pointers of fields. */
export interface LocaleTexts {
  readonly title?: string;
  readonly description?: string;
  readonly steps?: { readonly [stepId: string]: StepTexts };
  /** Translated titles of what the procedure reads of its sources: by source name, then by path (see `RegisterTexts`). */
  readonly sources?: { readonly [name: string]: RegisterTexts };
  /** Translated titles of what the procedure reads of its lookups' records, as for `sources`. */
  readonly lookups?: { readonly [name: string]: RegisterTexts };
  readonly [pointer: `/${string}`]: FieldTexts;
}

/**
 * Translated texts of a register's data (a source, or a lookup's record), keyed by a path the procedure
 * reads as an expression writes it after `$<name>.` (`"permanentAddress.provinceCode"`): the `title` of
 * that node of the register's schema, as the data-use notice shows it (`dataUse`).
 */
export interface RegisterTexts {
  readonly [path: string]: { readonly title?: string };
}

/** Translated texts of a step. */
export interface StepTexts {
  readonly title?: string;
  readonly description?: string;
  /** Exit page: its body. */
  readonly body?: string;
  /** Exit page: the text of its link. */
  readonly linkText?: string;
}

export interface FieldTexts {
  readonly title?: string;
  readonly description?: string;
  /** Labels of enum values, keyed by the value as a string. */
  readonly enum?: { readonly [value: string]: string };
  /** Messages of the node's `x-rules`, by index. */
  readonly rules?: readonly string[];
}

/** The procedure document, version 1 (see procedure.v1.schema.json). */
export interface ProcedureDocument {
  readonly $schema?: string;
  /** A note for designers and tools (`tokhai bundle` names the source of a bundled document); ignored. */
  readonly $comment?: string;
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly description?: string;
  readonly defaultLocale?: Locale;
  readonly sources?: { readonly [name: string]: SourceDocument };
  /** Registers looked up while the citizen answers, by name (`$<name>` in expressions). */
  readonly lookups?: { readonly [name: string]: LookupDocument };
  readonly schema: SchemaNode;
  readonly steps?: readonly StepDocument[];
  readonly i18n?: { readonly [locale: string]: LocaleTexts };
  /**
   * The citizen signs the declaration: `required` (nothing is submitted unsigned; the back end refuses
   * an envelope without a valid signature), or `optional` (signed when the portal can sign). Absent: no
   * signing. Typed to take any text as well, so that a procedure imported from a JSON file (whose texts
   * TypeScript widens to `string`) is a `ProcedureDocument`; loading it refuses any other value.
   */
  readonly signature?: "required" | "optional" | (string & {});
}

/** Where a value came from. Every value of a submission has one. */
export type Provenance =
  | {
      /** Name of the data source (`citizen`, `residence`, …). */
      readonly source: string;
      /** Path read in the source: a JSONata path such as `fullName` or `members[0].fullName`, or the whole expression. */
      readonly path: string;
      /** The value is verified data shown as such; the citizen could not change it. */
      readonly locked: boolean;
      /** The citizen changed the prefilled value. */
      readonly edited: boolean;
      /** For a value read from a lookup: the input the register was asked about (`"001090000123"`). */
      readonly input?: unknown;
    }
  | { readonly source: "computed" }
  | { readonly source: "default"; readonly edited: boolean }
  | { readonly source: "user" };

/** One validation error. `pointer` is the RFC 6901 pointer of the value in the data. */
export interface FormError {
  readonly pointer: string;
  /** The JSON Schema keyword (`required`, `maxLength`, …) or tokhai keyword (`x-rules`, `x-options`, `x-lock`, …). */
  readonly keyword: string;
  readonly message: string;
  readonly params?: { readonly [name: string]: unknown };
}

/** An option of a select, radio group or checkbox group. */
export interface FieldOption {
  readonly value: unknown;
  readonly label: string;
}

/** Metadata of an attached file, as it appears in the data and in the envelope. */
export interface AttachmentMeta {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

export interface Attachment extends AttachmentMeta {
  readonly pointer: string;
}

/**
 * The signature of a declaration, made by the host's signer (`<tk-form>`'s `signer`) over the UTF-8
 * bytes of `digest`, the envelope's digest (`envelopeDigest`: SHA-256 of its canonical JSON without
 * this member).
 */
export interface EnvelopeSignature {
  /** The signature algorithm, as the host names it (`"ES256"`, `"ECDSA-P256-SHA256"`, `"RS256"`…); 1 to 100 characters. */
  readonly alg: string;
  /** The signature, as the signer encodes it (base64, base64url…); 1 to 20,000 characters. */
  readonly value: string;
  /** The digest signed: `"sha256:"` and 64 lower-case hexadecimal digits. A back end recomputes it, never trusting this. */
  readonly digest: string;
  /** When it was signed (the browser's clock), an RFC 3339 date-time. */
  readonly signedAt: string;
  /** Who signed, as the signer names them (a name, a personal id); at most 1,000 characters. */
  readonly signer?: string;
  /** The signer's certificate or certificate chain (PEM, base64 DER), as the signer gives it; at most 100,000 characters. */
  readonly certificate?: string;
}

export interface SubmissionEnvelope<TData = unknown> {
  /**
   * The declaration's identity: a lower-case UUID made once per form (`Form.id`) and kept in its drafts,
   * so that a submit retried (after a network failure, a double click) sends the same id.
   */
  readonly id: string;
  readonly procedure: { readonly id: string; readonly version: string };
  readonly data: TData;
  readonly provenance: { readonly [pointer: string]: Provenance };
  readonly attachments: readonly Attachment[];
  readonly locale: Locale;
  readonly submittedAt: string;
  /** The signature, when the procedure asks for one (`signature`) and the citizen signed. */
  readonly signature?: EnvelopeSignature;
}

/** A problem met while evaluating an expression at run time. The form goes on; the expression yields no value. */
export interface Diagnostic {
  /** JSON pointer of the keyword in the procedure document, e.g. `/schema/properties/fee/x-compute`. */
  readonly keywordPointer: string;
  /** Data pointer of the field the expression belongs to. */
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
  readonly expression: string;
}

/** A draft: answers in progress, as saved by a host and handed back to `createForm`. */
export interface Draft {
  /** The declaration's id (`Form.id`), kept so that the restored form submits under the same id. */
  readonly id?: string;
  readonly procedure?: { readonly id: string; readonly version: string };
  readonly data: unknown;
  readonly provenance?: { readonly [pointer: string]: Provenance };
  /** Pointers of prefilled or default values the citizen removed: not filled in again on restore. */
  readonly cleared?: readonly string[];
  /** The step the citizen was on. */
  readonly step?: string;
  /** The steps the citizen completed (in the task list layout). */
  readonly completed?: readonly string[];
  readonly savedAt?: string;
}

/** Data passed by the portal: one value per source declared by the procedure. */
export type FormContext = { readonly [source: string]: unknown };
