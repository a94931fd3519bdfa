// The example back end's connection to PostgreSQL, the same SQL for both kinds: an embedded PGlite
// (PostgreSQL compiled to WebAssembly, in this process: nothing to install) in memory or in a data
// directory, or a real PostgreSQL server through `pg` when a connection URL is given. What the rest of
// the server sees is this narrow interface: `query(sql, params)` with parameters `$1…`, and
// `transaction(work)`, where `work` gets a `query` of its own bound to one connection (and `exec(sql)`
// for a script of several statements, such as a migration) and everything it does is committed
// together or not at all.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Opens the database: `{ url }` a PostgreSQL server (`postgresql://user@host:port/db`, as `DATABASE_URL`),
 * `{ dir }` a PGlite in a directory (made when missing; one process at a time), neither an in-memory
 * PGlite (gone when closed).
 * @param {{ url?: string, dir?: string }} [where]
 * @returns {Promise<import("./database.d.mts").Database>}
 */
export async function openDatabase({ url, dir } = {}) {
  if (url !== undefined && dir !== undefined) throw new TypeError("openDatabase: give a server `url` or a PGlite `dir`, not both");
  return url !== undefined ? openServer(url) : openEmbedded(dir);
}

/**
 * A PGlite in this process: one connection; its own queue runs one query or transaction at a time. In a
 * directory, its files are in `<dir>/pgdata`, and `<dir>/server.lock` holds the process id of the one
 * process that has it open: PGlite itself does not stop a second process from opening the same files,
 * and two would each write over what the other wrote.
 */
async function openEmbedded(dir) {
  const { PGlite } = await import("@electric-sql/pglite");
  const unlock = dir === undefined ? () => {} : lockDirectory(dir);
  let db;
  try {
    db = await PGlite.create(dir === undefined ? undefined : join(dir, "pgdata"));
  } catch (error) {
    unlock();
    throw error;
  }
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
    close: async () => {
      if (!db.closed) await db.close();
      unlock();
    },
  };
}

/**
 * Makes `dir` this process's: writes its id in `<dir>/server.lock`, or throws when a live process holds
 * it. A lock left by a process that is gone (killed) is taken over. Returns the function that releases it.
 */
function lockDirectory(dir) {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, "server.lock");
  const take = () => {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      return true;
    } catch (error) {
      if (error.code === "EEXIST") return false;
      throw error;
    }
  };
  if (!take()) {
    const holder = Number.parseInt(readFileSync(lock, "utf8"), 10);
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new Error(`the database in ${dir} is open in another server (process ${holder}): stop it, give this one another directory, or share a PostgreSQL server (DATABASE_URL)`);
    }
    // Left by a server that was killed: taken over, unless another start takes it first.
    rmSync(lock, { force: true });
    if (!take()) throw new Error(`the database in ${dir} is being opened by another server at the same time`);
  }
  return () => rmSync(lock, { force: true });
}

/** Whether a process with this id runs (one of another user's counts too). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
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
