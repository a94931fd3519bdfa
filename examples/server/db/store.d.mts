// Types of store.mjs, for the TypeScript tests.
import type { SubmissionEnvelope } from "@tokhai/core";
import type { Database } from "./database.d.mts";

/** The back end's answer for an accepted submission: its reference, when it was received, its digest, its procedure. */
export interface Receipt {
  readonly id: string;
  readonly receivedAt: string;
  readonly digest: string;
  readonly procedure: { readonly id: string; readonly version: string };
}

export type Saved = { readonly status: "created" | "repeated"; readonly receipt: Receipt } | { readonly status: "conflict" };

export interface Store {
  readonly where: string;
  /** The migrations applied when it opened. */
  readonly migrated: readonly string[];
  readonly database: Database;
  /** Stores a submission under its envelope's id, in one transaction (see store.mjs). */
  save(submission: Receipt & { readonly persona: string }, envelope: SubmissionEnvelope | Record<string, unknown>): Promise<Saved>;
  /** The submission stored under `id` (a UUID), or undefined. */
  get(id: string): Promise<{ receipt: Receipt; persona: string; envelope: SubmissionEnvelope } | undefined>;
  close(): Promise<void>;
}

export declare function openStore(where?: { url?: string; dir?: string }): Promise<Store>;
