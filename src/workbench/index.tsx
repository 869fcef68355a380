/**
 * The workbench's entry (`npm start`): the real task pane beside a simulated workbook, loaded
 * with a sample. `?sample=2022|2024|2025|empty&lang=sv|en` choose the start (the tests use it).
 */
// boot is its own small script, run first (webpack.workbench.js: dependOn); this shares it.
import { fetchModel, firstModel, start } from "./boot";
import { StrictMode, useCallback, useState } from "react";
import { createRoot } from "react-dom/client";
import type { Lang } from "../domain/ruleSet";
import { createHooks } from "./hooks";
import { sampleFileName, sampleModelUrl } from "./samples";
import { WorkbenchStore } from "./store";
import { lazyWorkerIo } from "./workerIo";
import { Workbench } from "./Workbench";
import { modelToFake } from "./xlsxModel";
import { rootContainer } from "../taskpane/mount";

function updateQuery(store: WorkbenchStore, lang: Lang): void {
  const origin = store.workbook.origin;
  const params = new URLSearchParams(window.location.search);
  params.set("lang", lang);
  if (origin.kind === "sample") params.set("sample", String(origin.year));
  else if (origin.kind === "empty") params.set("sample", "empty");
  else params.delete("sample");
  window.history.replaceState(null, "", `?${params.toString()}`);
}

const store = new WorkbenchStore(lazyWorkerIo());
let currentLang: Lang = start.lang;
const hooks = createHooks(store, () => currentLang);
window.__workbench = hooks;

function Root() {
  const [lang, setLang] = useState<Lang>(start.lang);
  currentLang = lang;
  const onReady = useCallback((id: number) => {
    if (hooks.readyAt[id] === undefined) {
      hooks.readyAt[id] = performance.now();
      performance.mark("workbench:ready");
    }
    updateQuery(store, currentLang);
  }, []);
  return (
    <Workbench
      store={store}
      lang={lang}
      onLangChange={(next) => {
        setLang(next);
        currentLang = next;
        updateQuery(store, next);
      }}
      loadSample={async (year) => {
        const model = await fetchModel(sampleModelUrl(year));
        store.replace(sampleFileName(year), modelToFake(model), { kind: "sample", year });
      }}
      onReady={onReady}
      paneWidth={start.pane}
    />
  );
}

// The sample is in the fake before the page first renders: one render, not two. Until then
// the page shows the static "loading" line of workbench.html.
// Marks for the benchmark's breakdown (performance.getEntriesByType("mark")).
performance.mark("workbench:evaluated");
void firstModel.then((model) => {
  performance.mark("workbench:workbook-loaded");
  if (model && start.sample !== "empty") {
    const year = start.sample;
    try {
      store.replace(sampleFileName(year), modelToFake(model), { kind: "sample", year });
    } catch (error) {
      console.error("Could not load the sample", error);
    }
  }
  performance.mark("workbench:render");
  createRoot(rootContainer()).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
});
