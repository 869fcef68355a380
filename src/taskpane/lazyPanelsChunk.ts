/**
 * The panels the pane shows only once there is a result or a question (lazyPanels.tsx loads
 * them as one chunk): the result tables, the what-if panels, the verification notices and
 * Diagnostik.
 */
export { ComparisonPanel } from "./ComparisonPanel";
export { DiagnosticsPanel } from "./DiagnosticsPanel";
export { MarginalPanel } from "./MarginalPanel";
export { BlockTable, RegionTable } from "./ResultTables";
export { HandEditsConfirm, VerificationNotice } from "./VerifyView";
