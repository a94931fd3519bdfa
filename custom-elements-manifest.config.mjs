// `npm run cem` → packages/elements/custom-elements.json, from the elements' JSDoc
// (@summary @slot @event/@fires @csspart @cssproperty). Storybook and editors read it.
export default {
  globs: ["packages/elements/src/**/*.ts"],
  exclude: ["packages/elements/src/**/*.test.ts"],
  outdir: "packages/elements",
  litelement: true,
  dependencies: false,
  packagejson: false,
};
