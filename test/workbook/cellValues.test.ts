import { parseNumberText, readCount, readYesNo } from "../../src/workbook/cellValues";

describe("readCount", () => {
  test.each<[unknown, number]>([
    [52, 52],
    [0, 0],
    ["52", 52],
    ["2 454 821", 2454821],
    ["2\u00a0454\u00a0821", 2454821],
    ["2\u202f454\u202f821", 2454821],
    ["52,0", 52],
    ["52.00", 52],
    ["2,454,821", 2454821],
    [" 17 ", 17],
  ])("%p is the count %p", (cell, value) => {
    expect(readCount(cell as never)).toEqual({ kind: "value", value });
  });

  test.each<[unknown, string]>([
    ["femtio", "text"],
    [{ error: "#N/A" }, "error"],
    [{ date: "2024-01-15" }, "date"],
    [true, "boolean"],
    [-5, "negative"],
    ["-5", "negative"],
    ["\u22125", "negative"],
    [52.5, "fraction"],
    ["52,5", "fraction"],
    ["2,454", "fraction"],
    // A float would call this whole; its digits say otherwise.
    ["52,0000000000000001", "fraction"],
    ["1e3", "text"],
    ["99999999999999999999", "tooLarge"],
  ])("%p is bad: %s", (cell, reason) => {
    const r = readCount(cell as never);
    expect(r.kind).toBe("bad");
    expect(r.kind === "bad" && r.reason).toBe(reason);
  });

  test("blank cells and spaces are blank", () => {
    expect(readCount(null)).toEqual({ kind: "blank" });
    expect(readCount("   ")).toEqual({ kind: "blank" });
  });

  test("negative values are shown with a minus sign and decimal comma in Swedish", () => {
    const r = readCount(-5.5);
    expect(r.kind === "bad" && r.shown.sv).toBe("\u22125,5");
  });
});

test("parseNumberText keeps every digit", () => {
  expect(parseNumberText("52,0000000000000001")!.toString()).toBe("52.0000000000000001");
  expect(parseNumberText("84–89")).toBeNull();
  expect(parseNumberText("1.234.567")!.toString()).toBe("1234567");
});

describe("readYesNo", () => {
  test.each<[unknown, boolean]>([
    ["Ja", true],
    ["nej", false],
    ["Yes", true],
    ["NO", false],
    ["x", true],
    ["X", true],
    [1, true],
    [0, false],
    ["1", true],
    ["0", false],
    [true, true],
    [null, false],
    ["", false],
  ])("%p → %p", (cell, value) => {
    expect(readYesNo(cell as never)).toEqual({ kind: "value", value });
  });

  test.each<unknown>(["kanske", 2, { error: "#N/A" }, "jaa"])("%p is an error", (cell) => {
    expect(readYesNo(cell as never).kind).toBe("bad");
  });
});
