/** Shown instead of the pane where Excel lacks the API set the adapter needs. */
import {
  FluentProvider,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import type { Lang } from "../domain/ruleSet";
import { strings } from "./i18n";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  root: { minHeight: "100vh", padding: tokens.spacingHorizontalM, boxSizing: "border-box" },
});

export function Unsupported({
  lang,
  theme,
  version = "",
  reason = "oldExcel",
}: {
  lang: Lang;
  theme?: Theme;
  /** The ExcelApi version needed, for reason "oldExcel". */
  version?: string;
  /** oldExcel: Excel lacks the API set; notInExcel: office.js runs outside Office. */
  reason?: "oldExcel" | "notInExcel";
}) {
  const styles = useStyles();
  const t = strings(lang);
  return (
    <FluentProvider theme={theme ?? webLightTheme} className={styles.root} lang={lang}>
      <main data-testid="unsupported" data-reason={reason}>
        {reason === "notInExcel" ? (
          <Notice intent="info" role="alert" title={t.notInExcelTitle}>
            {t.notInExcelBody}
          </Notice>
        ) : (
          <Notice intent="error" role="alert" title={t.unsupportedTitle}>
            {t.unsupportedBody(version)}
          </Notice>
        )}
      </main>
    </FluentProvider>
  );
}
