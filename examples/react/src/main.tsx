// Entry: register tokhai's elements before React renders <tk-form>. React 19 sets a prop as a property
// only when the element has it ("procedure" in element), so the element must be defined first.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { defineElements } from "@tokhai/elements";
import { App } from "./App";

defineElements();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
