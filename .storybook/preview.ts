import type { Preview } from "@storybook/web-components-vite";
import { setCustomElementsManifest } from "@storybook/web-components-vite";
import { defineElements } from "@tokhai/elements";
// Written by `npm run build` (custom-elements-manifest analyze): attributes, properties, events,
// CSS parts and custom properties of every element, for the docs pages and controls.
import manifest from "../packages/elements/custom-elements.json";

defineElements();
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ["autodocs"],
  parameters: {
    layout: "padded",
    options: { storySort: { order: ["Form", "Procedures", "Fields"] } },
    controls: { expanded: true },
    // Every story is checked with axe; a violation fails its test (addon-vitest) and shows in the panel.
    a11y: { test: "error" },
  },
};

export default preview;
