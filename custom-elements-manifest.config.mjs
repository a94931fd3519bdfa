// `npm run cem` → packages/elements/custom-elements.json, from the elements' JSDoc
// (@summary @slot @event/@fires @csspart @cssproperty). Storybook and editors read it.
export default {
  globs: ["packages/elements/src/**/*.ts"],
  exclude: ["packages/elements/src/**/*.test.ts"],
  outdir: "packages/elements",
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    {
      // Document the public API only: private and protected members stay out of docs and editors, and
      // so do an element's static members (lit's `shadowRootOptions` and `styles`, `formAssociated`):
      // they are not properties of an element, and Storybook would list them as controls.
      name: "tokhai-public-members",
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter(
              (m) =>
                m.privacy !== "private" && m.privacy !== "protected" && !m.name.startsWith("_") && !m.name.startsWith("#") &&
                !(declaration.customElement && m.static),
            );
          }
        }
      },
    },
  ],
};
