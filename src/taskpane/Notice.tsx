/**
 * A status line: success, information, warning or error, with a glyph and a coloured edge.
 * Fluent's MessageBar would do, but it brings motion and icon code the pane's bundle budget
 * cannot spare for a few lines of text.
 */
import type { ReactNode } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

export type NoticeIntent = "success" | "info" | "warning" | "error";

// Text presentation selectors (U+FE0E) keep these from turning into colour emoji.
const GLYPH: Record<NoticeIntent, string> = {
  success: "\u2714\uFE0E",
  info: "\u2139\uFE0E",
  warning: "\u26A0\uFE0E",
  error: "\u2716\uFE0E",
};

const useStyles = makeStyles({
  root: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `${tokens.strokeWidthThickest} solid`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    borderLeftColor: tokens.colorPaletteGreenBorder2,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
    borderLeftColor: tokens.colorNeutralStroke1,
  },
  warning: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    borderLeftColor: tokens.colorPaletteDarkOrangeBorder1,
  },
  error: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    borderLeftColor: tokens.colorPaletteRedBorder2,
  },
  glyph: { flexShrink: 0 },
  glyphSuccess: { color: tokens.colorPaletteGreenForeground1 },
  glyphInfo: { color: tokens.colorNeutralForeground3 },
  glyphWarning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  glyphError: { color: tokens.colorPaletteRedForeground1 },
  title: { fontWeight: tokens.fontWeightSemibold },
});

export interface NoticeProps {
  intent: NoticeIntent;
  title?: string;
  role?: "alert" | "status";
  children: ReactNode;
}

export function Notice({ intent, title, role, children }: NoticeProps) {
  const styles = useStyles();
  const glyph = {
    success: styles.glyphSuccess,
    info: styles.glyphInfo,
    warning: styles.glyphWarning,
    error: styles.glyphError,
  }[intent];
  return (
    <div className={mergeClasses(styles.root, styles[intent])} role={role} data-intent={intent}>
      <span aria-hidden="true" className={mergeClasses(styles.glyph, glyph)}>
        {GLYPH[intent]}
      </span>
      <div>
        {title && <span className={styles.title}>{title} </span>}
        {children}
      </div>
    </div>
  );
}
