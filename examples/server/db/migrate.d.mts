// Types of migrate.mjs, for the TypeScript tests.
import type { Database } from "./database.d.mts";

/** The directory of the example back end's migrations. */
export declare const MIGRATIONS: string;
export interface Migration {
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the file's text, hex. */
  readonly checksum: string;
}
/** The migrations of `dir` in the order of their names. */
export declare function readMigrations(dir?: string): Migration[];
/** Applies those `db` has not had, in one transaction under an advisory lock: the names applied now. */
export declare function migrate(db: Database, dir?: string): Promise<string[]>;
