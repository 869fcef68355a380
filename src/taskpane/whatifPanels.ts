/** The what-if panels, one chunk (lazyPanels.tsx loads it). */
export { ComparisonPanel } from "./ComparisonPanel";
export { MarginalPanel } from "./MarginalPanel";
