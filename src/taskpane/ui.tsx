/**
 * Headings, captions, a labelled select and a progress bar in Fluent's type ramp and colours.
 * Fluent's Text presets, Field and ProgressBar (with its motion library) would do the same;
 * these few lines keep the pane's bundle inside its budget.
 */
import { useId, type ButtonHTMLAttributes, type ReactNode } from "react";
import { Select, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  h1: {
    margin: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  h2: {
    margin: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  caption: {
    margin: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  progress: { display: "flex", flexDirection: "column", gap: "4px" },
  // A button that reads as a link. Top-aligned: in a list item the bullet stays on its first line
  // when the text wraps (an inline-block's baseline is its last line).
  cellLink: {
    padding: 0,
    border: "none",
    background: "none",
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
    cursor: "pointer",
    font: "inherit",
    textAlign: "start",
    verticalAlign: "top",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  label: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  track: {
    position: "relative",
    overflow: "hidden",
    height: "4px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground6,
  },
  bar: {
    height: "100%",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorCompoundBrandBackground,
    transitionProperty: "width",
    transitionDuration: tokens.durationNormal,
  },
  indeterminate: {
    position: "absolute",
    width: "33%",
    animationName: {
      "0%": { left: "-33%" },
      "100%": { left: "100%" },
    },
    animationDuration: "1.5s",
    animationIterationCount: "infinite",
    animationTimingFunction: "linear",
    "@media screen and (prefers-reduced-motion: reduce)": {
      animationDuration: "0.01ms",
      animationIterationCount: "1",
      width: "100%",
      left: 0,
    },
  },
  hint: { color: tokens.colorNeutralForeground3 },
  field: { display: "flex", flexDirection: "column", gap: "2px" },
});

interface TextProps {
  id?: string;
  className?: string;
  children: ReactNode;
}

export function H1({ id, className, children }: TextProps) {
  const styles = useStyles();
  return (
    <h1 id={id} className={mergeClasses(styles.h1, className)}>
      {children}
    </h1>
  );
}

export function H2({ id, className, children }: TextProps) {
  const styles = useStyles();
  return (
    <h2 id={id} className={mergeClasses(styles.h2, className)}>
      {children}
    </h2>
  );
}

export function Caption({
  id,
  className,
  children,
  as,
  role,
}: TextProps & { as?: "p" | "span"; role?: "alert" }) {
  const styles = useStyles();
  const Tag = as ?? "span";
  return (
    <Tag id={id} role={role} className={mergeClasses(styles.caption, className)}>
      {children}
    </Tag>
  );
}

/**
 * A labelled progress bar: `value` 0…1, or none for "busy, no measure". The label names the
 * progressbar for assistive technology; `hint` words the value ("40 % skrivet").
 */
export function Progress({ label, value, hint }: { label: string; value?: number; hint?: string }) {
  const styles = useStyles();
  const determinate = value !== undefined;
  return (
    <div className={styles.progress}>
      <span className={styles.label}>{label}</span>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={determinate ? 0 : undefined}
        aria-valuemax={determinate ? 1 : undefined}
        aria-valuenow={determinate ? value : undefined}
        aria-valuetext={hint}
        className={styles.track}
      >
        <div
          className={mergeClasses(styles.bar, !determinate && styles.indeterminate)}
          style={determinate ? { width: `${Math.round(value * 100)}%` } : undefined}
        />
      </div>
      {hint && <span className={mergeClasses(styles.caption, styles.hint)}>{hint}</span>}
    </div>
  );
}

/** A Fluent Select with its label (and hint) wired to it. */
export function SelectField(props: {
  label: string;
  hint?: string;
  value: string;
  disabled?: boolean;
  /** data-key on the select, for tests and styling. */
  dataKey?: string;
  onChange(value: string): void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const id = useId();
  const hintId = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {props.label}
      </label>
      <Select
        id={id}
        value={props.value}
        disabled={props.disabled}
        data-key={props.dataKey}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(_, data) => props.onChange(data.value)}
      >
        {props.children}
      </Select>
      {props.hint && (
        <span id={hintId} className={mergeClasses(styles.caption, styles.hint)}>
          {props.hint}
        </span>
      )}
    </div>
  );
}

/**
 * A button that reads as a link: a remark or finding that goes to its cell, "Varför?" beside a
 * region. Takes a button's attributes; `className` adds to the link style.
 */
export function LinkButton({ className, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const styles = useStyles();
  return <button type="button" {...props} className={mergeClasses(styles.cellLink, className)} />;
}
