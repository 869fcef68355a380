/**
 * The task pane's entry: waits for Office, then renders the pane with Office's language and
 * theme on the Office.js host (mount.tsx) — or says which Excel it needs.
 */
import { isExcelApiSupported } from "../excel/requirements";
import { mount, rootContainer } from "./mount";

void Office.onReady((info) => {
  const context = Office.context;
  mount(rootContainer(), {
    // Outside Office (the page opened in a browser) office.js says host null.
    host: info?.host ? String(info.host) : null,
    // Outside Office there is no display language: the browser's then.
    displayLanguage: context?.displayLanguage ?? navigator.language,
    officeTheme: context?.officeTheme,
    documentUrl: context?.document?.url,
    excelApiSupported: isExcelApiSupported(),
    // A wrapper, not Excel.run itself: Excel.run has overloads the generic type cannot take.
    // The options carry delayForCellEdit: wait while the user is still typing in a cell.
    run: (batch, options) => Excel.run(options ?? {}, batch),
  });
});
