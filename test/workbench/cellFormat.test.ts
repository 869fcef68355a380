/** What the grid shows for a cell: Excel's display of its value through its number format. */
import {
  alignment,
  contentText,
  displayText,
  formatGeneral,
  formatNumberAs,
  parseNumberFormat,
} from "../../src/workbench/cellFormat";

const NBSP = "\u00a0";

describe("number formats", () => {
  it("shows kronor the way a Swedish and an English Excel do", () => {
    const kr = '#,##0 "kr"';
    expect(formatNumberAs(27349691, kr, "sv")).toBe(`27${NBSP}349${NBSP}691 kr`);
    expect(formatNumberAs(27349691, kr, "en")).toBe("27,349,691 kr");
    expect(formatNumberAs(-1500, kr, "sv")).toBe(`-1${NBSP}500 kr`);
    expect(formatNumberAs(0, kr, "sv")).toBe("0 kr");
  });

  it("rounds half away from zero to the format's decimals, exactly", () => {
    expect(formatNumberAs(2.675, "0.00", "en")).toBe("2.68");
    expect(formatNumberAs(86.5, "0", "sv")).toBe("87");
    expect(formatNumberAs(-0.004, "0.00", "en")).toBe("0.00");
    expect(formatNumberAs(1234.5, "#,##0.0", "sv")).toBe(`1${NBSP}234,5`);
  });

  it("shows percentages and dates", () => {
    expect(formatNumberAs(0.125, "0.0%", "sv")).toBe("12,5%");
    expect(formatNumberAs(45730, "yyyy-mm-dd", "sv")).toBe("2025-03-14");
    expect(formatNumberAs(45730, "d/m/yyyy", "en")).toBe("2025-03-14");
  });

  it("reads a format's parts, quoted texts and sections included", () => {
    expect(parseNumberFormat('#,##0 "kr";-#,##0 "kr"')).toEqual({
      prefix: "",
      suffix: " kr",
      decimals: 0,
      grouping: true,
      percent: false,
    });
    expect(parseNumberFormat('"SEK "0.00')).toMatchObject({ prefix: "SEK ", decimals: 2 });
    expect(parseNumberFormat("@")).toBeNull();
  });

  it("keeps General short: integers as they are, fractions to ten significant digits", () => {
    expect(formatGeneral(2454821, "sv")).toBe("2454821");
    expect(formatGeneral(86.5, "sv")).toBe("86,5");
    expect(formatGeneral(86.5, "en")).toBe("86.5");
    expect(formatGeneral(1 / 3, "en")).toBe("0.3333333333");
  });
});

describe("cells", () => {
  it("shows a formula as its text (the fake does not calculate), errors and booleans as Excel", () => {
    expect(displayText({ formula: "=1+1" }, "sv")).toBe("=1+1");
    expect(displayText({ error: "#N/A" }, "sv")).toBe("#N/A");
    expect(displayText({ value: true }, "sv")).toBe("SANT");
    expect(displayText({ value: false }, "en")).toBe("FALSE");
    expect(displayText({ value: "=1+1", numberFormat: "@" }, "sv")).toBe("=1+1");
    expect(displayText(undefined, "sv")).toBe("");
  });

  it("gives the content as it would be typed again (a decimal point: the fake parses so)", () => {
    expect(contentText({ value: 86.5, numberFormat: "0" }, "sv")).toBe("86.5");
    expect(contentText({ value: 45730, numberFormat: "yyyy-mm-dd" }, "sv")).toBe("2025-03-14");
    expect(contentText({ formula: "=SUM(A1:A2)" }, "en")).toBe("=SUM(A1:A2)");
  });

  it("aligns numbers right, text left, errors and booleans centred", () => {
    expect(alignment({ value: 1 })).toBe("end");
    expect(alignment({ value: "01" })).toBe("start");
    expect(alignment({ error: "#DIV/0!" })).toBe("center");
    expect(alignment({ value: true })).toBe("center");
    expect(alignment({ formula: "=1+1" })).toBe("start");
  });
});
