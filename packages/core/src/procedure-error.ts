/** One problem found in a procedure document. */
export interface ProcedureProblem {
  /** JSON pointer of the offending keyword in the procedure document (`""` for the document itself). */
  readonly pointer: string;
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
          .map((p) => `  ${p.pointer || "(document)"}${p.position !== undefined ? ` @${p.position}` : ""}: ${p.message}`)
          .join("\n"),
    );
    this.name = "ProcedureError";
    this.problems = problems;
  }
}
