// The database's schema, made by the SQL files of migrations/ applied in the order of their names
// (`0001-submissions.sql`, `0002-….sql`), each once: `schema_migrations` records which were applied, with
// the SHA-256 of its text. Applying is idempotent (a start with nothing new changes nothing) and safe
// when several servers start at once on one database: everything happens in one transaction that first
// takes a transaction-scoped advisory lock, so a second server waits, then finds the work done. A
// migration that fails leaves the database as it was. A migration file edited after it was applied, or
// a database migrated by a newer server (a name this server does not have), stops the start with the
// reason: the schema is not what this server's SQL expects.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The migrations of the example back end. */
export const MIGRATIONS = fileURLToPath(new URL("./migrations/", import.meta.url));

const NAME = /^[0-9]{4}-[a-z0-9-]+\.sql$/;
/** The advisory lock the migrations hold while they run: any fixed number, the same for every server. */
const LOCK = 0x746f6b68; // "tokh"

/** The migrations of `dir`, in order: `{ name, sql, checksum }`. Throws on a file whose name does not fit. */
export function readMigrations(dir = MIGRATIONS) {
  const files = readdirSync(dir).sort();
  for (const file of files) {
    if (!NAME.test(file)) throw new Error(`${join(dir, file)}: a migration is named <4 digits>-<words>.sql (e.g. 0002-receipts-index.sql)`);
  }
  return files.map((name) => {
    const sql = readFileSync(join(dir, name), "utf8");
    return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
  });
}

/**
 * Applies the migrations of `dir` that `db` has not had, in one transaction. Resolves to the names
 * applied now (none when the schema is up to date).
 * @param {import("./database.d.mts").Database} db
 */
export async function migrate(db, dir = MIGRATIONS) {
  const migrations = readMigrations(dir);
  return db.transaction(async (query) => {
    await query("SELECT pg_advisory_xact_lock($1)", [LOCK]);
    await query.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const applied = new Map((await query("SELECT name, checksum FROM schema_migrations")).map((row) => [row.name, row.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied.keys()].filter((name) => !known.has(name)).sort();
    if (unknown.length) {
      throw new Error(`the database (${db.where}) has migrations this server does not have: ${unknown.join(", ")}; it was migrated by a newer version`);
    }
    const done = [];
    for (const { name, sql, checksum } of migrations) {
      if (applied.has(name)) {
        if (applied.get(name) !== checksum) {
          throw new Error(`migration ${name} was changed after it was applied to the database (${db.where}): add a new migration instead of editing an applied one`);
        }
        continue;
      }
      try {
        await query.exec(sql);
      } catch (error) {
        throw new Error(`migration ${name} failed, nothing was applied: ${error.message}`, { cause: error });
      }
      await query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [name, checksum]);
      done.push(name);
    }
    return done;
  });
}
