/**
 * `compileProcedure`: a loaded procedure as a compiled procedure (see compiled.ts), for `tokhai compile`
 * and build tools. Node and build time only: it parses each expression again to keep its AST.
 */
import { COMPILED_FORMAT, COMPILED_PROCEDURE, type CompiledExpressionData, type CompiledProcedure } from "./compiled.js";
import { compiledAst } from "./expressions.js";
import { documentFingerprint, schemaFingerprint } from "./fingerprint.js";
import type { Procedure } from "./procedure.js";

/**
 * The compiled procedure of a procedure loaded by `loadProcedure`. Its data validator is the loaded
 * procedure's (compiled by ajv at run time): `tokhai compile` writes the module with the same validator
 * compiled ahead of time instead. Everything else is plain JSON.
 */
export function compileProcedure(procedure: Procedure): CompiledProcedure {
  const expressions = procedure.expressions.map((e): CompiledExpressionData => {
    const { ast, grows } = compiledAst(e.text);
    const simplePath = e.compiled.analysis.simplePath;
    return {
      keyword: e.keyword,
      field: e.node.pointer,
      keywordPointer: e.keywordPointer,
      text: e.text,
      id: e.id,
      ...(e.ruleIndex !== undefined ? { ruleIndex: e.ruleIndex } : {}),
      ...(e.step !== undefined ? { step: e.step } : {}),
      ...(e.lookup !== undefined ? { lookup: e.lookup } : {}),
      reads: e.reads.map((r) => ({ pointer: r.pointer, level: r.level, position: r.position })),
      sourceReads: e.sourceReads.map((r) => ({ source: r.source, path: [...r.path] })),
      ...(e.usesIndex ? { usesIndex: true } : {}),
      ...(simplePath ? { simplePath: { root: simplePath.root, path: [...simplePath.path], positions: [...simplePath.positions], position: simplePath.position } } : {}),
      ast,
      ...(grows ? { grows: true } : {}),
    };
  });
  return {
    tokhai: COMPILED_PROCEDURE,
    format: COMPILED_FORMAT,
    document: procedure.document,
    fingerprint: documentFingerprint(procedure.document),
    validators: {
      procedure: { id: procedure.id, version: procedure.version, schema: schemaFingerprint(procedure.document.schema) },
      data: procedure.validateData,
    },
    expressions,
    ...(procedure.blocks ? { blocks: procedure.blocks } : {}),
  };
}
