// Types of database.mjs, for the TypeScript tests.

/** One statement, parameters `$1…`: the rows it returns. `exec` runs a script of several statements, without parameters. */
export interface Query {
  (sql: string, params?: readonly unknown[]): Promise<Record<string, any>[]>;
  exec(sql: string): Promise<void>;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  /** Where it is, for the log: "PGlite in memory", "PGlite in <dir>", "PostgreSQL at host:port/db" (never a password). */
  readonly where: string;
  readonly query: Query;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `{ url }` a PostgreSQL server, `{ dir }` a PGlite data directory, neither an in-memory PGlite. */
export declare function openDatabase(where?: { url?: string; dir?: string }): Promise<Database>;
