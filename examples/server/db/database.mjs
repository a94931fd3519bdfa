// The example back end's connection to PostgreSQL, the same SQL for both kinds: an embedded PGlite
// (PostgreSQL compiled to WebAssembly, in this process: nothing to install) in memory or in a data
// directory, or a real PostgreSQL server through `pg` when a connection URL is given. What the rest of
// the server sees is this narrow interface: `query(sql, params)` with parameters `$1…`, and
// `transaction(work)`, where `work` gets a `query` of its own bound to one connection (and `exec(sql)`
// for a script of several statements, such as a migration) and everything it does is committed
// together or not at all.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

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

/** The PGlite directories this process has open (resolved paths). */
const OPEN = new Set();

/**
 * Makes `dir` this process's: writes its id and a random token in `<dir>/server.lock`, or throws when
 * another live process holds it, or this process has it open already. A lock left by a process that is
 * gone (killed) is taken over, and so is one naming this process's own id that this process did not
 * write (a container restarted under the same id). Taking over renames the stale lock aside first and
 * checks that it moved what was read, so that two servers starting at once cannot both take it over.
 * Returns the function that releases it (only if the lock is still this one's).
 */
function lockDirectory(dir) {
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir);
  if (OPEN.has(path)) throw new Error(`the database in ${dir} is already open in this server`);
  const lock = join(dir, "server.lock");
  const mine = `${process.pid} ${randomUUID()}\n`;
  const take = () => {
    try {
      writeFileSync(lock, mine, { flag: "wx" });
      return true;
    } catch (error) {
      if (error.code === "EEXIST") return false;
      throw error;
    }
  };
  const busy = (why) => new Error(`the database in ${dir} ${why}: stop it, give this one another directory, or share a PostgreSQL server (DATABASE_URL)`);
  if (!take()) {
    let held;
    try {
      held = readFileSync(lock, "utf8");
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      held = undefined; // released meanwhile
    }
    if (held !== undefined) {
      const holder = Number.parseInt(held, 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw busy(`is open in another server (process ${holder})`);
      // Stale: moved aside, and taken over only if what moved is what was read (else another start took it over first).
      const aside = `${lock}.${randomUUID()}.stale`;
      try {
        renameSync(lock, aside);
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
      }
      let moved;
      try {
        moved = readFileSync(aside, "utf8");
      } catch {
        moved = undefined;
      }
      if (moved !== undefined && moved !== held) {
        renameSync(aside, lock); // another server's fresh lock: put back
        throw busy("is being opened by another server at the same time");
      }
      rmSync(aside, { force: true });
    }
    if (!take()) throw busy("is being opened by another server at the same time");
  }
  OPEN.add(path);
  return () => {
    OPEN.delete(path);
    try {
      if (readFileSync(lock, "utf8") === mine) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  };
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
