/**
 * The data file a source of the previewed procedure defaults to, when the designer has chosen none: the
 * first data file of the folder (in path order) whose content is valid against the source's schema, as
 * core validates data (the source's schema loaded as a procedure's, its `validateData`), and, when the
 * schema names members (`properties`), that has at least one of them: without `required`, any object is
 * valid, and a persona is no catalogue.
 */
import { stat } from "node:fs/promises";
import { loadProcedure, ProcedureError, type SchemaValidator } from "@tokhai/core";
import type { StudioFolder } from "./folder.js";
import { HttpError } from "./http.js";

/** The most sources one request asks about, and data files tried for them. */
export const SOURCE_DEFAULT_LIMITS = { sources: 50, files: 500 } as const;

interface Validator {
  readonly id: number;
  readonly validate: SchemaValidator | undefined;
  /** The members the schema names (its `properties`). */
  readonly members: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export class SourceFiles {
  /** Whether a data file fits a schema (by the schema's number and the path), while the file's size and time are unchanged. */
  private readonly fits = new Map<string, { mtimeMs: number; size: number; fit: boolean }>();
  /** Validators by the JSON of their schema, numbered (undefined: a schema core does not load). */
  private readonly validators = new Map<string, Validator>();

  constructor(private readonly folder: StudioFolder) {}

  /** For each source of `sources` (a procedure's `sources` member), the first data file that fits its schema. */
  async defaults(sources: unknown): Promise<Record<string, string>> {
    if (!isObject(sources)) throw new HttpError(400, "bad-sources", "post the procedure's \"sources\" object");
    const names = Object.keys(sources);
    if (names.length > SOURCE_DEFAULT_LIMITS.sources) throw new HttpError(400, "bad-sources", `at most ${SOURCE_DEFAULT_LIMITS.sources} sources`);
    const data = (await this.folder.list()).data.slice(0, SOURCE_DEFAULT_LIMITS.files);
    const out: Record<string, string> = {};
    for (const name of names) {
      const schema = (sources[name] as { schema?: unknown } | undefined)?.schema;
      const validator = isObject(schema) ? await this.validator(schema) : undefined;
      if (!validator) continue;
      for (const { path } of data) {
        if (await this.fit(validator, path)) {
          out[name] = path;
          break;
        }
      }
    }
    return out;
  }

  private async validator(schema: Record<string, unknown>): Promise<Validator> {
    const key = JSON.stringify(schema);
    const known = this.validators.get(key);
    if (known) return known;
    let validate: SchemaValidator | undefined;
    try {
      validate = (await loadProcedure({ id: "tokhai-studio.source", version: "1.0.0", title: "source", schema })).validateData;
    } catch (error) {
      if (!(error instanceof ProcedureError)) throw error;
    }
    if (this.validators.size > 200) this.validators.clear();
    const entry = { id: ++this.count, validate, members: isObject(schema.properties) ? Object.keys(schema.properties) : [] };
    this.validators.set(key, entry);
    return entry;
  }

  private count = 0;

  /** Whether the data file is JSON valid against the schema (false when it cannot be read). */
  private async fit(validator: Validator, path: string): Promise<boolean> {
    if (!validator.validate) return false;
    let real: string;
    try {
      real = await this.folder.resolve(path);
    } catch {
      return false;
    }
    const info = await stat(real);
    const key = `${validator.id}\u0000${path}`;
    const known = this.fits.get(key);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known.fit;
    let fit: boolean;
    try {
      const value: unknown = JSON.parse(await this.folder.read(path));
      const named = validator.members.length === 0 || (isObject(value) && validator.members.some((m) => Object.hasOwn(value, m)));
      fit = named && validator.validate(value) === true;
    } catch {
      fit = false;
    }
    if (this.fits.size > 10_000) this.fits.clear();
    this.fits.set(key, { mtimeMs: info.mtimeMs, size: info.size, fit });
    return fit;
  }
}
