/**
 * The Live switch (useLive.ts) and what it says: its state in the status line, an error that
 * pauses it at the top of the pane, and — with Live off — that the preview is out of date.
 */
import { useId } from "react";
import { Switch, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang, Text } from "../domain/ruleSet";
import { issueAddress } from "../workbook/issueText";
import type { Issue } from "../workbook/types";
import { issueLine } from "./IssueList";
import { liveStrings } from "./liveText";
import { Notice } from "./Notice";
import { Caption, LinkButton } from "./ui";
import type { Live, LiveView } from "./useLive";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "2px" },
  hint: { color: tokens.colorNeutralForeground3 },
  list: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export function LiveSwitch({
  live,
  lang,
  disabled,
}: {
  live: Live;
  lang: Lang;
  disabled: boolean;
}) {
  const styles = useStyles();
  const hintId = useId();
  const w = liveStrings(lang);
  if (!live.available) return null;
  return (
    <div className={styles.root}>
      <Switch
        label={w.label}
        checked={live.on}
        // Turning it off is always possible; on waits for the pane's own read or write.
        disabled={disabled && !live.on}
        aria-describedby={hintId}
        data-testid="live-switch"
        onChange={(_, data) => live.setOn(data.checked)}
      />
      <Caption id={hintId} className={styles.hint}>
        {w.hint}
      </Caption>
    </div>
  );
}

/** The first error's place, "Regioner!C12", or its region where it has no cell. */
function firstPlace(errors: readonly Issue[]): string {
  const first = errors[0];
  if (!first) return "";
  return issueAddress(first) ?? first.region ?? "";
}

/** Live's line in the status area; null when Live is off. */
export function LiveStatusLine({ view, lang }: { view: LiveView | null; lang: Lang }) {
  const w = liveStrings(lang);
  if (!view) return null;
  let text: string;
  let intent: "info" | "success" | "warning" | "error" = "info";
  switch (view.kind) {
    case "starting":
      text = w.starting;
      break;
    case "recomputing":
      text = w.recomputing;
      break;
    case "current":
      text = w.current;
      intent = "success";
      break;
    case "stale":
      text = w.pausedByErrors(view.errors.length, firstPlace(view.errors));
      intent = "warning";
      break;
    case "failed":
      text = w.failed("sentence" in view.detail ? view.detail.sentence[lang] : view.detail.message);
      intent = "error";
      break;
  }
  return (
    <Notice intent={intent}>
      <span data-testid="live-status" data-live={view.kind}>
        {text}
      </span>
    </Notice>
  );
}

/** At the top of the pane while an error pauses Live: which, where, and what it means. */
export function LivePausedNotice({
  view,
  lang,
  explain,
  onSelect,
}: {
  view: LiveView | null;
  lang: Lang;
  explain?: (issue: Issue) => Text | null;
  onSelect(issue: Issue): void;
}) {
  const styles = useStyles();
  const w = liveStrings(lang);
  if (!view || (view.kind !== "stale" && view.kind !== "failed")) return null;
  return (
    <Notice intent="error" title={w.pausedTitle} role="alert">
      <span data-testid="live-paused">
        {view.kind === "stale" ? (
          <ul className={styles.list}>
            {view.errors.map((issue, i) => (
              <li key={`${i}:${issue.code}:${issue.cell ?? ""}`}>
                {issue.sheet && issue.cell ? (
                  <LinkButton onClick={() => onSelect(issue)}>
                    {issueLine(issue, lang, explain)}
                  </LinkButton>
                ) : (
                  issueLine(issue, lang, explain)
                )}
              </li>
            ))}
          </ul>
        ) : "sentence" in view.detail ? (
          view.detail.sentence[lang]
        ) : (
          view.detail.message
        )}{" "}
        {view.kind === "stale" && w.pausedBody}
      </span>
    </Notice>
  );
}

/** Live off: an input cell changed since the preview was read. */
export function PreviewStale({ at, lang }: { at: string | null; lang: Lang }) {
  if (!at) return null;
  return (
    <Notice intent="warning">
      <span data-testid="preview-stale">{liveStrings(lang).previewStale(at)}</span>
    </Notice>
  );
}
