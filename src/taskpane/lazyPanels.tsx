/**
 * Panels the pane shows only once there is a result or a question — the result tables, what-if
 * (who gains and who loses, what one more post is worth), the verification notices — as one
 * chunk with the code they need (bench/bundle.ts counts it apart from the first paint; what the
 * first paint shows, such as Diagnostik's button, stays in the pane's own script). The chunk is fetched right after the first paint, so it is normally there
 * before the first read has a result; until then nothing is shown in their place.
 */
import { createElement, lazy, Suspense, type ComponentType } from "react";

type Panels = typeof import("./lazyPanelsChunk");

let loaded: Panels | null = null;
let loading: Promise<Panels> | null = null;

function load(): Promise<Panels> {
  loading ??= import(/* webpackChunkName: "panels" */ "./lazyPanelsChunk").then(
    (m) => (loaded = m),
  );
  return loading;
}

// After the first paint, not before it.
if (typeof window !== "undefined") window.setTimeout(() => void load().catch(() => {}), 0);

function lazyPanel<P extends object>(
  name: string,
  pick: (m: Panels) => ComponentType<P>,
): ComponentType<P> {
  const Lazy = lazy(() => load().then((m) => ({ default: pick(m) })));
  function Panel(props: P) {
    // Once the chunk is here the panel renders at once, without a Suspense round.
    if (loaded) return createElement(pick(loaded), props);
    return <Suspense fallback={null}>{createElement(Lazy, props)}</Suspense>;
  }
  Panel.displayName = `Lazy${name}`;
  return Panel;
}

export const ComparisonPanel = lazyPanel("ComparisonPanel", (m) => m.ComparisonPanel);
export const MarginalPanel = lazyPanel("MarginalPanel", (m) => m.MarginalPanel);
export const RegionTable = lazyPanel("RegionTable", (m) => m.RegionTable);
export const BlockTable = lazyPanel("BlockTable", (m) => m.BlockTable);
export const VerificationNotice = lazyPanel("VerificationNotice", (m) => m.VerificationNotice);
export const HandEditsConfirm = lazyPanel("HandEditsConfirm", (m) => m.HandEditsConfirm);
// Live appears only once the pane has written or read a table the tool wrote.
export const LiveSwitch = lazyPanel("LiveSwitch", (m) => m.LiveSwitch);
export const LiveStatusLine = lazyPanel("LiveStatusLine", (m) => m.LiveStatusLine);
export const LivePausedNotice = lazyPanel("LivePausedNotice", (m) => m.LivePausedNotice);
export const PreviewStale = lazyPanel("PreviewStale", (m) => m.PreviewStale);
export const RuleSetBody = lazyPanel("RuleSetBody", (m) => m.RuleSetBody);
