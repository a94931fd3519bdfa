// The example back end's database (examples/server/db/), the same SQL against an embedded PGlite and a
// real PostgreSQL server that this file starts (test/node/postgres.ts): the migrations are applied once,
// in order, in one transaction, safely when several servers start at once, and refuse a schema they do
// not know; `save` stores a submission under its envelope's id in one transaction: created, repeated
// (the original receipt), or a conflict, and five identical saves at once store one row.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../examples/server/db/database.mjs";
import { migrate, MIGRATIONS, readMigrations } from "../../examples/server/db/migrate.mjs";
import { openStore, type Store } from "../../examples/server/db/store.mjs";
import { startPostgres, type PostgresServer } from "./postgres.js";

const DIGEST = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
const PROCEDURE = { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" };
const RECEIVED = "2026-11-22T09:30:00.000Z";
let ids = 0;
/** A new envelope id (not random: a failing test names the same ids each run). */
const newId = () => `00000000-0000-4000-8000-${(++ids).toString(16).padStart(12, "0")}`;
const submission = (id: string, digest = DIGEST(1), persona = "nguyen-van-an", receivedAt = RECEIVED) => ({ id, digest, persona, receivedAt, procedure: PROCEDURE });
const envelopeOf = (id: string, note = "") => ({ id, procedure: PROCEDURE, data: { note }, provenance: {}, attachments: [], locale: "vi", submittedAt: "2026-11-22T08:00:00.000Z" });

let postgres: PostgresServer;
let databases = 0;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});

/** Where a new, empty database is, for each kind: a PGlite in memory (`{}`), a new database of the server. */
const backends: Array<[string, () => Promise<{ url?: string }>]> = [
  ["PGlite", async () => ({})],
  ["PostgreSQL", async () => ({ url: await postgres.createDatabase(`store_${++databases}`) })],
];

/** Migrations in a directory of their own: `files` by name. */
function migrationsDir(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "tokhai-migrations-"));
  mkdirSync(dir, { recursive: true });
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}
const tableNames = async (db: Database) =>
  (await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((row) => row.table_name);

describe.each(backends)("the example back end's database on %s", (_kind, fresh) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await fresh());
  }, 60_000);
  afterAll(() => store?.close());

  it("applies the migrations once: a second start finds nothing to do", async () => {
    expect(store.migrated).toEqual(readMigrations().map((m) => m.name));
    expect(store.migrated[0]).toBe("0001-submissions.sql");
    expect(await migrate(store.database)).toEqual([]);
    const rows = await store.database.query("SELECT name, checksum FROM schema_migrations ORDER BY name");
    expect(rows).toEqual(readMigrations().map(({ name, checksum }) => ({ name, checksum })));
    expect(await tableNames(store.database)).toEqual(["schema_migrations", "submissions"]);
  });

  it("stores a submission: created, with the receipt; then the row holds every column and the envelope", async () => {
    const id = newId();
    const saved = await store.save(submission(id), envelopeOf(id));
    expect(saved).toEqual({ status: "created", receipt: { id, receivedAt: RECEIVED, digest: DIGEST(1), procedure: PROCEDURE } });
    expect(await store.get(id)).toEqual({ receipt: { id, receivedAt: RECEIVED, digest: DIGEST(1), procedure: PROCEDURE }, persona: "nguyen-van-an", envelope: envelopeOf(id) });
    expect(await store.get(newId())).toBeUndefined();
  });

  it("answers the same envelope again as repeated, with the original receipt (its time unchanged)", async () => {
    const id = newId();
    await store.save(submission(id), envelopeOf(id));
    const again = await store.save(submission(id, DIGEST(1), "nguyen-van-an", "2026-11-23T10:00:00.000Z"), envelopeOf(id));
    expect(again).toEqual({ status: "repeated", receipt: { id, receivedAt: RECEIVED, digest: DIGEST(1), procedure: PROCEDURE } });
    expect((await store.get(id))?.receipt.receivedAt).toBe(RECEIVED);
  });

  it("answers another envelope under a used id, or the same one from another citizen, as a conflict, and keeps the first", async () => {
    const id = newId();
    await store.save(submission(id), envelopeOf(id));
    expect(await store.save(submission(id, DIGEST(2)), envelopeOf(id, "changed"))).toEqual({ status: "conflict" });
    expect(await store.save(submission(id, DIGEST(1), "le-thi-mai"), envelopeOf(id))).toEqual({ status: "conflict" });
    expect(await store.get(id)).toMatchObject({ persona: "nguyen-van-an", receipt: { digest: DIGEST(1) }, envelope: envelopeOf(id) });
  });

  it("stores one row for five identical saves at once: one created, four repeated with its receipt", async () => {
    const id = newId();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.save(submission(id, DIGEST(1), "nguyen-van-an", `2026-11-22T09:30:0${i}.000Z`), envelopeOf(id))));
    const created = results.filter((r) => r.status === "created");
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.status === "repeated")).toHaveLength(4);
    const receipt = "receipt" in created[0]! ? created[0].receipt : undefined;
    for (const result of results) expect(result).toEqual({ status: expect.any(String), receipt });
    expect(await store.database.query("SELECT count(*)::int AS n FROM submissions WHERE id = $1", [id])).toEqual([{ n: 1 }]);
  });

  it("keeps nothing of a transaction that fails", async () => {
    const id = newId();
    await expect(
      store.database.transaction(async (query) => {
        await query("INSERT INTO submissions (id, digest, procedure_id, procedure_version, persona, received_at, envelope) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)", [id, DIGEST(1), PROCEDURE.id, PROCEDURE.version, "nguyen-van-an", RECEIVED, JSON.stringify(envelopeOf(id))]);
        throw new Error("the server stopped here");
      }),
    ).rejects.toThrow("the server stopped here");
    expect(await store.get(id)).toBeUndefined();
  });

  it("refuses a row the schema does not allow: a digest not sha256:<hex>, an envelope not an object", async () => {
    const id = newId();
    await expect(store.save(submission(id, "sha256:XYZ"), envelopeOf(id))).rejects.toThrow(/check constraint/);
    await expect(store.save(submission(id), [] as never)).rejects.toThrow(/check constraint/);
    expect(await store.get(id)).toBeUndefined();
  });

  it("refuses to start on a database migrated by a newer server, or whose applied migration was edited", async () => {
    const where = await fresh();
    const db = await openDatabase(where);
    try {
      const dir = migrationsDir({ "0001-a.sql": "CREATE TABLE a (x int);" });
      expect(await migrate(db, dir)).toEqual(["0001-a.sql"]);
      writeFileSync(join(dir, "0001-a.sql"), "CREATE TABLE a (x bigint);");
      await expect(migrate(db, dir)).rejects.toThrow("migration 0001-a.sql was changed after it was applied to the database");
      await expect(migrate(db, migrationsDir({}))).rejects.toThrow("has migrations this server does not have: 0001-a.sql; it was migrated by a newer version");
      rmSync(dir, { recursive: true, force: true });
    } finally {
      await db.close();
    }
  });

  it("applies nothing when one migration fails, and names it", async () => {
    const db = await openDatabase(await fresh());
    try {
      const dir = migrationsDir({ "0001-a.sql": "CREATE TABLE a (x int);", "0002-b.sql": "CREATE TABLE b (x no_such_type);" });
      await expect(migrate(db, dir)).rejects.toThrow(/^migration 0002-b\.sql failed, nothing was applied: .*no_such_type/);
      expect(await tableNames(db)).toEqual([]);
      await expect(migrate(db, migrationsDir({ "1-a.sql": "" }))).rejects.toThrow("a migration is named <4 digits>-<words>.sql");
    } finally {
      await db.close();
    }
  });
});

describe("a PGlite directory", () => {
  it("is open in one server at a time: a second is refused with the reason; a lock left by a killed server, or naming this process's id from before, is taken over; a server removes only its own lock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tokhai-pglite-lock-"));
    try {
      const first = await openStore({ dir });
      const id = newId();
      await first.save(submission(id), envelopeOf(id));
      // Two PGlites on the same files would each write over the other's pages.
      await expect(openStore({ dir })).rejects.toThrow(`the database in ${dir} is already open in this server`);
      await first.close();
      // Another live process's lock.
      writeFileSync(join(dir, "server.lock"), `${process.ppid} 0\n`);
      await expect(openStore({ dir })).rejects.toThrow(`the database in ${dir} is open in another server (process ${process.ppid}): stop it, give this one another directory, or share a PostgreSQL server (DATABASE_URL)`);
      // A server killed leaves its lock: the id of a process that is gone.
      const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
      writeFileSync(join(dir, "server.lock"), `${gone}\n`);
      const second = await openStore({ dir });
      try {
        expect(second.migrated).toEqual([]);
        expect((await second.get(id))?.envelope).toEqual(envelopeOf(id));
        expect(readFileSync(join(dir, "server.lock"), "utf8")).toMatch(new RegExp(`^${process.pid} [0-9a-f-]{36}\n$`));
      } finally {
        await second.close();
      }
      expect(existsSync(join(dir, "server.lock"))).toBe(false);
      // A lock with this process's own id that this process did not write (a container restarted as the
      // same process id, PID 1): stale, taken over; closing removes only its own lock.
      writeFileSync(join(dir, "server.lock"), `${process.pid} 00000000-0000-4000-8000-000000000000\n`);
      const third = await openStore({ dir });
      const theirs = `${process.ppid} 0\n`;
      writeFileSync(join(dir, "server.lock"), theirs); // taken by another meanwhile (not by this process)
      await third.close();
      expect(readFileSync(join(dir, "server.lock"), "utf8")).toBe(theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the migrations on a real PostgreSQL server started several times at once", () => {
  it("are applied by one server; the others wait on the lock and find them done", async () => {
    const url = await postgres.createDatabase("concurrent_starts");
    const connections = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url })));
    try {
      const applied = await Promise.all(connections.map((db) => migrate(db)));
      expect(applied.filter((names) => names.length > 0)).toEqual([readMigrations(MIGRATIONS).map((m) => m.name)]);
      expect(await connections[0]!.query("SELECT count(*)::int AS n FROM schema_migrations")).toEqual([{ n: readMigrations().length }]);
    } finally {
      await Promise.all(connections.map((db) => db.close()));
    }
  });

  it("says which server it cannot reach", async () => {
    await expect(openDatabase({ url: "postgresql://tokhai@127.0.0.1:1/postgres" })).rejects.toThrow(/^cannot reach the database \(PostgreSQL at 127\.0\.0\.1:1\/postgres\)/);
    await expect(openDatabase({ url: "mysql://x@127.0.0.1/db" })).rejects.toThrow("the database URL must start with postgresql://");
  });
});
