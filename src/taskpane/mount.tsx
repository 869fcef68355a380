/**
 * Renders the pane into a page, given what Office says about itself. Kept apart from the entry
 * (index.tsx, which only reads Office's globals) so it is tested without Office.
 */
import { createRoot, type Root } from "react-dom/client";
import type { ExcelRun } from "../excel/errors";
import { REQUIRED_EXCEL_API } from "../excel/requirements";
import { App } from "./App";
import { langFromDisplayLanguage, themeFor, workbookNameFromUrl } from "./officeEnv";
import { Unsupported } from "./Unsupported";
import { ADDIN_VERSION } from "./version";
import { createLazyExcelHost as createExcelHost } from "./lazyHost";

/** The page's #root (taskpane.html and workbench.html provide it); a page without one gets one. */
export function rootContainer(): HTMLElement {
  const existing = document.getElementById("root");
  if (existing) return existing;
  const div = document.createElement("div");
  div.id = "root";
  document.body.appendChild(div);
  return div;
}

export interface OfficeEnvironment {
  /** Office.context.displayLanguage, e.g. "sv-SE". */
  displayLanguage?: string | null;
  /** Office.context.officeTheme (absent on some platforms). */
  officeTheme?: { bodyBackgroundColor?: string | null } | null;
  /** Office.context.document.url: the workbook's name for the summary sheet. */
  documentUrl?: string | null;
  /** isExcelApiSupported(): whether Excel has REQUIRED_EXCEL_API. */
  excelApiSupported: boolean;
  /**
   * Office.onReady's host: "Excel" inside Excel; null where office.js runs outside Office (a
   * page opened in a browser). Absent counts as Excel (the tests and the workbench).
   */
  host?: string | null;
  /** Excel.run, or the fake Excel's run. */
  run: ExcelRun;
}

export function mount(container: HTMLElement, env: OfficeEnvironment): Root {
  const lang = langFromDisplayLanguage(env.displayLanguage);
  const theme = themeFor(env.officeTheme);
  container.ownerDocument.documentElement.lang = lang;
  const root = createRoot(container);
  if (env.host !== undefined && env.host !== "Excel") {
    root.render(<Unsupported lang={lang} theme={theme} reason="notInExcel" />);
  } else if (!env.excelApiSupported) {
    root.render(<Unsupported lang={lang} theme={theme} version={REQUIRED_EXCEL_API} />);
  } else {
    const sourceName = workbookNameFromUrl(env.documentUrl) ?? undefined;
    const host = createExcelHost(env.run);
    // Loaded when Diagnostik runs, not with the pane: a chunk of its own.
    const diagnose = async () => {
      const { officeEnvironment, runDiagnostics } = await import("../excel/diagnostics");
      return runDiagnostics(env.run, officeEnvironment(ADDIN_VERSION));
    };
    root.render(
      <App
        host={host}
        lang={lang}
        theme={theme}
        sourceName={sourceName}
        diagnose={diagnose}
        live={{ run: env.run, host }}
      />,
    );
  }
  return root;
}
