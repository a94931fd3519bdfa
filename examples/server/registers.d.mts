// Types of registers.mjs, for the TypeScript tests and stories that answer lookups from the example
// registers.
import type { LookupResolver } from "@tokhai/core";

type Json = Record<string, unknown>;

/** The procedure a consent to share a population record is given for. */
export declare const MARRIAGE: string;

/** An input the lookup does not take: the request is wrong, not the register. */
export declare class RegisterInputError extends Error {}

/** What two names of business households are compared by (see registers.mjs). */
export declare function businessNameKey(name: string): string;
/** Whether a name has no mark at all ("Ca phe Som Mai"). */
export declare function unmarked(name: string): boolean;
/** Whether the proposed proper name is the registered name. */
export declare function sameBusinessName(proposed: string, registered: string): boolean;

/** The data of examples/data/registers, parsed. */
export interface RegisterData {
  readonly population?: { readonly persons: readonly Json[] };
  readonly consents?: { readonly consents: readonly Json[] };
  readonly businessHouseholds?: { readonly households: readonly Json[] };
}

export interface Registers {
  /** The lookups these registers answer. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** A record, or null; throws a `RegisterInputError` for an input the lookup does not take. */
  lookup(name: string, input: unknown, options?: { readonly viewer?: string }): Json | null | Promise<Json | null>;
}

export declare function createRegisters(data: RegisterData): Registers;

/** A resolver over `registers` for the signed-in citizen whose personal ID is `viewer`. */
export declare function registerResolver(registers: Registers, viewer: string | undefined): LookupResolver;
