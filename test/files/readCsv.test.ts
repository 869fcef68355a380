import { csvCell, detectSeparator, parseCsv, splitCsv } from "../../src/files/readCsv";
import { decodeCsv } from "../../src/files/readWorkbookFile";

describe("parseCsv", () => {
  test("semicolons, a BOM, CRLF; the sheet is named after the file", () => {
    const grid = parseCsv("\uFEFFRegion;AT 2024\r\nSkåne;205\r\nKalmar;47\r\n", "input");
    expect(grid.activeSheet).toBe("input");
    expect(grid.sheets).toHaveLength(1);
    expect(grid.sheets[0]).toMatchObject({ name: "input", top: 0, left: 0, tables: [] });
    expect(grid.sheets[0].values).toEqual([
      ["Region", "AT 2024"],
      ["Skåne", 205],
      ["Kalmar", 47],
    ]);
    expect(grid.owned).toBeNull();
  });

  test("decimal commas with a semicolon separator stay numbers", () => {
    const grid = parseCsv("Region;Planerade AT 2024;AT 2024\nUppsala;52,5;58\n", "x");
    expect(grid.sheets[0].values[1]).toEqual(["Uppsala", 52.5, 58]);
  });

  test("commas as separator, quoted fields with commas, quotes and line breaks", () => {
    const text = 'Region,Planerade AT 2024,Note\n"Skåne","52,5","sa ""ja""\nsen nej"\nKalmar,47,\n';
    const grid = parseCsv(text, "x");
    expect(grid.sheets[0].values).toEqual([
      ["Region", "Planerade AT 2024", "Note"],
      ["Skåne", 52.5, 'sa "ja"\nsen nej'],
      ["Kalmar", 47, null],
    ]);
  });

  test("ranges, annotations, leading-zero codes and I.U stay text; empty is null", () => {
    const grid = parseCsv(
      "Kod;Region;Plan\n01;Östergötland;84–89\n05;Västmanland;46 (ev. 48)\n12;Skåne;I.U\n;;\n",
      "x",
    );
    expect(grid.sheets[0].values.slice(1)).toEqual([
      ["01", "Östergötland", "84–89"],
      ["05", "Västmanland", "46 (ev. 48)"],
      [12, "Skåne", "I.U"],
    ]);
  });

  test("ragged rows are padded; trailing blank lines dropped", () => {
    const grid = parseCsv("a;b;c\n1\n\n\n", "x");
    expect(grid.sheets[0].values).toEqual([
      ["a", "b", "c"],
      [1, null, null],
    ]);
  });
});

describe("csvCell", () => {
  test.each<[string, unknown]>([
    ["290", 290],
    ["-5", -5],
    ["52,5", 52.5],
    ["52.5", 52.5],
    ["2 454 821", 2454821],
    ["0", 0],
    ["01", "01"],
    ["femtio", "femtio"],
    ["84–89", "84–89"],
    ["  ", null],
    // A double cannot hold it: kept as text, for the reader to judge on its digits.
    ["52,0000000000000001", "52,0000000000000001"],
    ["=SUMMA(A1)", "=SUMMA(A1)"],
  ])("%p → %p", (raw, value) => {
    expect(csvCell(raw)).toEqual(value);
  });
});

test("detectSeparator: ; first, then , then tab; quotes respected", () => {
  expect(detectSeparator("a;b,c\n")).toBe(";");
  expect(detectSeparator("a,b\n1;2")).toBe(",");
  expect(detectSeparator('"a;b",c\n')).toBe(",");
  expect(detectSeparator("a\tb\n")).toBe("\t");
  expect(detectSeparator("Region\nSkåne\n")).toBe(";");
});

test("splitCsv handles CR-only line ends and a last line without a break", () => {
  expect(splitCsv("a;b\r1;2", ";")).toEqual([
    ["a", "b"],
    ["1", "2"],
  ]);
});

test("decodeCsv: UTF-8 with BOM, else Windows-1252 (a Swedish Excel's CSV export)", () => {
  expect(decodeCsv(Buffer.from("Skåne;Örebro", "utf8"))).toBe("Skåne;Örebro");
  expect(decodeCsv(Buffer.from([0x53, 0x6b, 0xe5, 0x6e, 0x65]))).toBe("Skåne");
  // 0x96 is the en dash of "84–89" in Windows-1252 (a control character in ISO-8859-1).
  expect(decodeCsv(Buffer.from([0x38, 0x34, 0x96, 0x38, 0x39, 0x3b, 0x80]))).toBe("84–89;€");
});
