/**
 * The task pane's entry: waits for Office, then renders the pane with Office's language and
 * theme on the Office.js host (mount.tsx) — or says which Excel it needs.
 */
import { isExcelApiSupported } from "../excel/requirements";
import { mount } from "./mount";

/** taskpane.html provides #root; a page without it still gets the pane. */
function container(): HTMLElement {
  const existing = document.getElementById("root");
  if (existing) return existing;
  const div = document.createElement("div");
  div.id = "root";
  document.body.appendChild(div);
  return div;
}

void Office.onReady(() => {
  const context = Office.context;
  mount(container(), {
    displayLanguage: context?.displayLanguage,
    officeTheme: context?.officeTheme,
    documentUrl: context?.document?.url,
    excelApiSupported: isExcelApiSupported(),
    // A wrapper, not Excel.run itself: Excel.run has overloads the generic type cannot take.
    run: (batch) => Excel.run(batch),
  });
});
