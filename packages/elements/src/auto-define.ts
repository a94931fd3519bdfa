/** Defines every tokhai element on import, and exports the whole API: the entry of the single-file bundle. */
import { defineElements } from "./define.js";

defineElements();

export * from "./index.js";
