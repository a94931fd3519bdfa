/** A `$ref` to another document: in which document (absent: the procedure) and where. */
export interface RefStep {
  readonly uri?: string;
  readonly pointer: string;
}

/** One problem found in a procedure document. */
export interface ProcedureProblem {
  /** JSON pointer of the offending keyword in the procedure document (`""` for the document itself), or in the block `uri` names. */
  readonly pointer: string;
  /** The block the problem is in (as the resolver was asked for it); absent: the procedure itself. */
  readonly uri?: string;
  /** For a problem in a block: the `$ref`s that reached it, from the procedure's. */
  readonly via?: readonly RefStep[];
  /** Stable code: `schema`, `meta-schema`, `expression-syntax`, `unknown-source`, `unknown-path`, `cycle`, … */
  readonly code: string;
  readonly message: string;
  /** For expressions: 0-based offset of the problem in the expression text. */
  readonly position?: number;
  /** For expressions: the expression text. */
  readonly expression?: string;
}

/** Thrown by `loadProcedure`: every problem of the document, each located. */
export class ProcedureError extends Error {
  readonly problems: readonly ProcedureProblem[];
  constructor(problems: readonly ProcedureProblem[], title = "procedure") {
    super(
      `tokhai: the ${title} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems
          .map(
            (p) =>
              `  ${p.uri !== undefined ? `${p.uri} ` : ""}${p.pointer || "(document)"}${p.position !== undefined ? ` @${p.position}` : ""}: ${p.message}` +
              (p.via && p.via.length > 0 ? ` (reached through ${p.via.map((s) => `${s.uri ?? "procedure"} ${s.pointer}`).join(" → ")})` : ""),
          )
          .join("\n"),
    );
    this.name = "ProcedureError";
    this.problems = problems;
  }
}
