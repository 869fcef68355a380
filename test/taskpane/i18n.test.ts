/** @jest-environment jsdom */
import { STRINGS, formatCellList, strings, type Strings } from "../../src/taskpane/i18n";

/** Every leaf of a strings object, functions called with sample arguments. */
function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") {
    // "7" serves both as a name and, interpolated, as a count.
    const args = Array.from({ length: value.length }, () => "7");
    out.set(prefix, String((value as (...a: unknown[]) => unknown)(...args)));
  } else if (typeof value === "string") {
    out.set(prefix, value);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      for (const [p, s] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
    }
  }
  return out;
}

describe("i18n", () => {
  const sv = leaves(STRINGS.sv);
  const en = leaves(STRINGS.en);

  it("has the same keys in Swedish and English", () => {
    expect([...en.keys()].sort()).toEqual([...sv.keys()].sort());
    expect(sv.size).toBeGreaterThan(50);
  });

  it("has no empty text in either language", () => {
    for (const map of [sv, en]) {
      for (const [key, text] of map) expect(`${key}: ${text.trim()}`).not.toMatch(/: $/);
    }
  });

  it("is translated: most texts differ between the languages", () => {
    const same = [...sv.keys()].filter((k) => sv.get(k) === en.get(k));
    // Only words Swedish and English share, and texts of names and numbers alone.
    expect(same.sort()).toEqual([
      "blockBudgets", // "Budget per block"
      "checkPassed", // "OK"
      "colBlock",
      "colBudget",
      "colRegion",
      "readWhere", // Blad1!A1:D22
      "shippedOption", // 2024
      "version", // "Version 0.1.0"
    ]);
  });

  it("words counts and the brief's messages as specified", () => {
    const t: Strings = strings("sv");
    expect(t.written(21, "AT-fördelning 2024")).toBe(
      "Skrev 21 rader och bladet AT-fördelning 2024.",
    );
    expect(t.written(1, "X")).toBe("Skrev 1 rad och bladet X.");
    const cells = formatCellList(
      [
        { sheet: "Blad1", cell: "H3" },
        { sheet: "Blad1", cell: "H4" },
      ],
      t,
    );
    expect(t.conflict(cells, 2)).toBe(
      "Cellerna Blad1!H3, H4 innehåller egna värden — flytta eller töm dem.",
    );
    expect(strings("en").readHasErrors(1)).toBe(
      "1 error must be corrected before anything is written.",
    );
  });

  it("names the sheet once per run of cells, quotes it where needed, and cuts long lists", () => {
    const t = strings("sv");
    expect(
      formatCellList(
        [
          { sheet: "Blad1", cell: "H3" },
          { sheet: "Min flik", cell: "A1" },
          { sheet: "Min flik", cell: "A2" },
          { sheet: "Blad1", cell: "H9" },
        ],
        t,
      ),
    ).toBe("Blad1!H3, 'Min flik'!A1, A2, Blad1!H9");
    const many = Array.from({ length: 14 }, (_, i) => ({ sheet: "Blad1", cell: `H${i + 1}` }));
    expect(formatCellList(many, t)).toBe(
      "Blad1!H1, H2, H3, H4, H5, H6, H7, H8, H9, H10 och 4 till",
    );
    expect(formatCellList(many, strings("en"), 2)).toBe("Blad1!H1, H2 and 12 more");
  });
});

describe("counts in the pane's language", () => {
  it("group thousands with a no-break space in Swedish and a comma in English", () => {
    expect(strings("sv").readDone(5000, "Blad1!A1:D5001")).toBe(
      "Läste 5\u00a0000 regioner från Blad1!A1:D5001.",
    );
    expect(strings("en").readDone(5000, "Blad1!A1:D5001")).toBe(
      "Read 5,000 regions from Blad1!A1:D5001.",
    );
    expect(strings("sv").written(12345, "X")).toBe("Skrev 12\u00a0345 rader och bladet X.");
    expect(strings("en").issuesHeading(1500)).toBe("1,500 remarks");
    expect(strings("sv").previewMore(200, 5000)).toContain("200 av 5\u00a0000 regioner");
  });

  it("bold lead-ins carry their own full stop", () => {
    for (const t of [strings("sv"), strings("en")]) {
      for (const title of [t.writeFailedTitle, t.unsupportedTitle, t.notInExcelTitle]) {
        expect(title).toMatch(/[.:!?]$/);
      }
    }
  });
});
