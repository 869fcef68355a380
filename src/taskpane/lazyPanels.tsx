/**
 * Panels the pane shows only once there is a result (what-if: who gains and who loses, what one
 * more post is worth), as a chunk of their own with the what-if code they need (bench/bundle.ts
 * counts them apart from the first paint). The chunk is fetched right after the first paint, so
 * it is normally there before the first read has a result; until then nothing is shown.
 */
import { createElement, lazy, Suspense, type ComponentType } from "react";

type Panels = typeof import("./whatifPanels");

let loaded: Panels | null = null;
let loading: Promise<Panels> | null = null;

function load(): Promise<Panels> {
  loading ??= import(/* webpackChunkName: "whatif" */ "./whatifPanels").then((m) => (loaded = m));
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
