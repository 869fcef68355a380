import { detectYear } from "../../src/workbook/detectYear";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../src/workbook/types";
import { HEADER_2024, HEADER_2025, ROWS_2024, ROWS_2025 } from "./grids";

const sheet = (name: string, values: CellValue[][], top = 0, left = 0): SheetGrid => ({
  name,
  top,
  left,
  values,
  tables: [],
});

const book = (sheets: SheetGrid[], activeSheet = sheets[0].name): WorkbookGrid => ({
  sheets,
  activeSheet,
  owned: null,
});

describe("detectYear", () => {
  test("the AT column's year, with the header cell that names it", () => {
    const found = detectYear(book([sheet("Blad1", [HEADER_2024, ...ROWS_2024], 2, 1)]));
    expect(found).toEqual({
      year: 2024,
      sheet: "Blad1",
      cell: "D3",
      header: "AT 2024",
      others: [],
    });
  });

  test("2025 and 2022 layouts", () => {
    expect(detectYear(book([sheet("S", [HEADER_2025, ...ROWS_2025])]))?.year).toBe(2025);
    const header2022: CellValue[] = ["Länskod", "Region", "AT 2022", "AT-värde 2022"];
    expect(detectYear(book([sheet("S", [header2022, ["01", "Stockholm", 1, 2]])]))?.year).toBe(
      2022,
    );
  });

  test("the already-rewarded column's earlier year does not decide", () => {
    const header = ["Region", "AT 2024", "Redan ersatta AT 2023"];
    expect(detectYear(book([sheet("S", [header])]))?.year).toBe(2024);
  });

  test("a year in a note above the table, or a header row without a region column, decides nothing", () => {
    const values: CellValue[][] = [
      ["Underlag AT 2023 från Socialstyrelsen"],
      ["AT 2023", "Folkmängd"],
      [],
      HEADER_2024,
    ];
    expect(detectYear(book([sheet("S", values)]))).toMatchObject({ year: 2024, cell: "C4" });
    expect(detectYear(book([sheet("S", [["AT 2023", "Folkmängd"]])]))).toBeNull();
  });

  test("a header naming two years is not a year", () => {
    expect(detectYear(book([sheet("S", [["Region", "AT 2023–2024"]])]))).toBeNull();
  });

  test("two AT years in one header row: the latest, the other named", () => {
    const found = detectYear(book([sheet("S", [["Region", "AT 2023", "AT 2024"]])]));
    expect(found).toMatchObject({ year: 2024, cell: "C1", others: [2023] });
  });

  test("the active sheet first, then the sheet of the ownership record, never the summary", () => {
    const a = sheet("A", [HEADER_2025]);
    const b = sheet("B", [HEADER_2024]);
    const summary = sheet("AT-fördelning 2022", [["Region", "AT 2022"]]);
    expect(detectYear(book([a, b], "B"))?.sheet).toBe("B");
    const grid: WorkbookGrid = {
      ...book([summary, a, b], "AT-fördelning 2022"),
      owned: {
        version: 1,
        year: 2024,
        sheet: "B",
        columnsRange: "E1:H22",
        headers: [],
        summarySheet: "AT-fördelning 2022",
        writtenAt: "2025-01-01T00:00:00.000Z",
      },
    };
    expect(detectYear(grid)?.sheet).toBe("B");
  });

  test("an empty workbook", () => {
    expect(detectYear(book([sheet("S", [])]))).toBeNull();
  });
});
