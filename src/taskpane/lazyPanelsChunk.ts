/**
 * The panels the pane shows only once there is a result or a question (lazyPanels.tsx loads
 * them as one chunk): the result tables, the what-if panels and the verification notices.
 */
export { ComparisonPanel } from "./ComparisonPanel";
export { MarginalPanel } from "./MarginalPanel";
export { BlockTable, RegionTable } from "./ResultTables";
export { HandEditsConfirm, VerificationNotice } from "./VerifyView";
