// Where the example back end keeps the submissions it accepted and their receipts: a PostgreSQL
// database (database.mjs), its schema made by the migrations (migrate.mjs) when the store opens.
//
// `save` is the one write: in ONE transaction it inserts the submission under its envelope's id, or, when
// that id is taken (INSERT … ON CONFLICT (id) DO NOTHING finds a row, waiting for a concurrent insert of
// the same id to commit), reads the row that holds it. The same envelope from the same citizen again is
// "repeated", answered with the ORIGINAL receipt (its time unchanged); anything else under that id is a
// "conflict". So two identical POSTs racing store one row, and a server stopped in the middle of a
// request leaves the submission wholly stored or not at all.

import { openDatabase } from "./database.mjs";
import { migrate } from "./migrate.mjs";

const COLUMNS = "id, digest, procedure_id, procedure_version, persona, received_at, envelope";

/** The receipt of a row: what the back end answers for it. */
const receiptOf = (row) => ({
  id: row.id,
  receivedAt: new Date(row.received_at).toISOString(),
  digest: row.digest,
  procedure: { id: row.procedure_id, version: row.procedure_version },
});

/**
 * Opens the store: `{ url }` on a PostgreSQL server, `{ dir }` in a PGlite data directory, neither in an
 * in-memory PGlite; applies the migrations that have not been.
 * @param {{ url?: string, dir?: string }} [where]
 * @returns {Promise<import("./store.d.mts").Store>}
 */
export async function openStore(where = {}) {
  const db = await openDatabase(where);
  let migrated;
  try {
    migrated = await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return {
    where: db.where,
    migrated,
    database: db,

    async save(submission, envelope) {
      const { id, receivedAt, digest, procedure, persona } = submission;
      return db.transaction(async (query) => {
        const inserted = await query(
          `INSERT INTO submissions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
          [id, digest, procedure.id, procedure.version, persona, receivedAt, JSON.stringify(envelope)],
        );
        if (inserted.length === 1) return { status: "created", receipt: receiptOf(inserted[0]) };
        const [row] = await query(`SELECT ${COLUMNS} FROM submissions WHERE id = $1`, [id]);
        if (!row) throw new Error(`submission ${id}: the insert found the id taken, the select found no row`);
        if (row.digest === digest && row.persona === persona) return { status: "repeated", receipt: receiptOf(row) };
        return { status: "conflict" };
      });
    },

    async get(id) {
      const [row] = await db.query(`SELECT ${COLUMNS} FROM submissions WHERE id = $1`, [id]);
      return row ? { receipt: receiptOf(row), persona: row.persona, envelope: row.envelope } : undefined;
    },

    close: () => db.close(),
  };
}
