// The example back end's connection to PostgreSQL, the same SQL for both kinds: an embedded PGlite
// (PostgreSQL compiled to WebAssembly, in this process: nothing to install) in memory or in a data
// directory, or a real PostgreSQL server through `pg` when a connection URL is given. What the rest of
// the server sees is this narrow interface: `query(sql, params)` with parameters `$1…`, and
// `transaction(work)`, where `work` gets a `query` of its own bound to one connection (and `exec(sql)`
// for a script of several statements, such as a migration) and everything it does is committed
// together or not at all.
import { mkdirSync } from "node:fs";

/**
 * Opens the database: `{ url }` a PostgreSQL server (`postgresql://user@host:port/db`, as `DATABASE_URL`),
 * `{ dir }` a PGlite data directory (made when missing), neither an in-memory PGlite (gone when closed).
 * @param {{ url?: string, dir?: string }} [where]
 * @returns {Promise<import("./database.d.mts").Database>}
 */
export async function openDatabase({ url, dir } = {}) {
  if (url !== undefined && dir !== undefined) throw new TypeError("openDatabase: give a server `url` or a PGlite `dir`, not both");
  return url !== undefined ? openServer(url) : openEmbedded(dir);
}

/** A PGlite in this process: one connection; its own queue runs one query or transaction at a time. */
async function openEmbedded(dir) {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const bind = (target) => {
    const query = async (sql, params = []) => (await target.query(sql, params)).rows;
    query.exec = async (sql) => void (await target.exec(sql));
    return query;
  };
  const query = bind(db);
  return {
    kind: "pglite",
    where: dir === undefined ? "PGlite in memory" : `PGlite in ${dir}`,
    query,
    transaction: (work) => db.transaction((tx) => work(bind(tx))),
    close: () => (db.closed ? Promise.resolve() : db.close()),
  };
}

/** A PostgreSQL server through a pool of `pg` connections: a transaction holds one of them until it ends. */
async function openServer(url) {
  const { default: pg } = await import("pg");
  let target;
  try {
    target = new URL(url);
  } catch {
    throw new TypeError("the database URL is not a URL: give postgresql://user[:password]@host[:port]/database");
  }
  if (target.protocol !== "postgresql:" && target.protocol !== "postgres:") throw new TypeError(`the database URL must start with postgresql:// (it starts with ${target.protocol}//)`);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a restart) is reported here; the next query takes a new one.
  pool.on("error", () => {});
  const bind = (client) => {
    const query = async (sql, params = []) => (await client.query(sql, params)).rows;
    query.exec = async (sql) => void (await client.query(sql));
    return query;
  };
  // The password, if any, is never part of what is shown.
  target.password = target.password ? "***" : "";
  const database = {
    kind: "postgres",
    where: `PostgreSQL at ${target.host}${target.pathname}`,
    query: bind(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(bind(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  // Fail now, with the server's reason, rather than at the first request.
  try {
    await database.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`cannot reach the database (${database.where}): ${error.message}`, { cause: error });
  }
  return database;
}
