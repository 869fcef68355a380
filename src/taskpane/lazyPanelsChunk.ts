/**
 * The panels the pane shows only once there is a result or a question (lazyPanels.tsx loads
 * them as one chunk): the result tables, the what-if panels, Live's switch and notices, and the
 * verification notices.
 */
export { ComparisonPanel } from "./ComparisonPanel";
export { MarginalPanel } from "./MarginalPanel";
export { BlockTable, RegionTable } from "./ResultTables";
export { HandEditsConfirm, VerificationNotice } from "./VerifyView";
export { LivePausedNotice, LiveStatusLine, LiveSwitch, PreviewStale } from "./LiveSwitch";
export { RuleSetBody } from "./RuleSetDetails";
