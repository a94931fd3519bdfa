// A real PostgreSQL server for the tests, started by the test itself: Debian's `postgresql` package
// (installed by `npm test`'s setup, scripts/setup.mjs), a new cluster made by initdb in a temporary
// directory, listening on a free port of 127.0.0.1 with its socket in that directory, stopped and
// removed by `stop()`. PostgreSQL refuses to run as root: as root (CI, this machine) every command runs
// as the `postgres` user (`runuser -u postgres --`), which owns the directory. No server binaries is a
// failure with the reason, never a skipped test.
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openDatabase, type Database } from "../../examples/server/db/database.mjs";

const run = promisify(execFile);
const ROOT = "/usr/lib/postgresql";

/** The bin directory of the newest PostgreSQL installed (`/usr/lib/postgresql/<major>/bin`); throws when there is none. */
export function postgresBin(): string {
  const majors = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((major) => /^[0-9]+$/.test(major) && ["initdb", "pg_ctl", "postgres"].every((program) => existsSync(join(ROOT, major, "bin", program))))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      `no PostgreSQL server found (${ROOT}/<version>/bin/initdb, pg_ctl, postgres): these tests run against a real one. ` +
        "Install Debian's `postgresql` package (`node scripts/setup.mjs --test` does it, as root; or `sudo apt-get install postgresql`).",
    );
  }
  return join(ROOT, majors[0]!, "bin");
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** `postgresql://tokhai@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** A URL of a new, empty database on this server. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** Starts a PostgreSQL server of its own: ~2–4 s. Call `stop()` in afterAll. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "tokhai-postgres-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  if (asRoot) chownSync(dir, Number((await run("id", ["-u", "postgres"])).stdout.trim()), Number((await run("id", ["-g", "postgres"])).stdout.trim()));
  const pg = (program: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, program), ...args]) : run(join(bin, program), args));
  let port = 0;
  let started = false;
  try {
    // Trust for local connections: a throw-away cluster that only this test reaches, on 127.0.0.1.
    await pg("initdb", ["-D", data, "-U", "tokhai", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
    // fsync off: nothing here outlives the test (the crash tests kill the Node server, not PostgreSQL).
    // The port is free when chosen, and may be taken before the server binds it (another test file
    // starting its own): then another port, up to three times.
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=40`;
      try {
        await pg("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"]);
        started = true;
      } catch (error) {
        const taken = existsSync(log) && /could not bind|Address already in use/i.test(readFileSync(log, "utf8"));
        if (!taken || attempt === 3) throw error;
      }
    }
  } catch (error) {
    const detail = existsSync(log) ? `\n${readFileSync(log, "utf8").slice(-2000)}` : "";
    if (started) await pg("pg_ctl", ["-D", data, "-m", "immediate", "stop"]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL (${bin}): ${(error as Error).message}${detail}`, { cause: error });
  }
  const url = `postgresql://tokhai@127.0.0.1:${port}/postgres`;
  let admin: Database | undefined;
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new TypeError(`createDatabase: ${JSON.stringify(name)} is not a plain lower-case name`);
      admin ??= await openDatabase({ url });
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgresql://tokhai@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await admin?.close();
      await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => pg("pg_ctl", ["-D", data, "-m", "immediate", "stop"]));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
