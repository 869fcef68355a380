import { foldHeader, matchHeader, yearsIn } from "../../src/workbook/headers";

const y2024 = { year: 2024, rewardedYear: 2023 };
const field = (h: string, years = y2024) => matchHeader(h, years)?.field ?? null;

describe("matchHeader: fields in Swedish and English", () => {
  test.each([
    ["Region", "region"],
    ["Län", "region"],
    ["LÄN", "region"],
    ["County", "region"],
    ["Länskod", "code"],
    ["Kod", "code"],
    ["Code", "code"],
    ["Folkmängd", "population"],
    ["Befolkning 1 nov 2023", "population"],
    ["Invånare", "population"],
    ["Population", "population"],
    ["Folkmängd per 1 november 2023", "population"],
    ["AT 2024", "at"],
    ["Antal AT 2024", "at"],
    ["Tillsatta AT 2024", "at"],
    ["Tillsatta/påbörjade AT 2024", "at"],
    ["AT-tjänster 2024", "at"],
    ["AT posts 2024", "at"],
    ["at2024", "at"],
    ["Totalt antal AT 2024", "at"],
    ["Planerade AT 2024", "baseline"],
    ["Planerat antal AT 2024", "baseline"],
    ["AT-värde 2024", "baseline"],
    ["Baslinje 2024", "baseline"],
    ["Planned AT 2024", "baseline"],
    ["Baseline", "baseline"],
    ["Redan ersatta AT 2023", "rewarded"],
    ["Already rewarded 2023", "rewarded"],
    ["Prognos 2026–2030", "forecast"],
    ["Prognos 2026-2030", "forecast"],
    ["Prognos inlämnad", "forecast"],
    ["Forecast submitted", "forecast"],
    ["Grupp", "group"],
    ["Group", "group"],
  ])("%s → %s", (header, expected) => {
    expect(field(header)).toBe(expected);
  });

  test.each([
    "AT per 100 000 invånare",
    "AT/100 000 inv.",
    "Block 1 – Redovisa antal AT (kr)",
    "Utökning block 2 (AT)",
    "Summa (kr)",
    "Kommentar",
    "",
  ])("%s names no input field", (header) => {
    expect(field(header)).toBeNull();
  });

  test("non-text cells are no headers", () => {
    expect(matchHeader(2024, y2024)).toBeNull();
    expect(matchHeader(null, y2024)).toBeNull();
  });
});

describe("matchHeader: years", () => {
  test("the chosen year is exact, none is none, another year is other", () => {
    expect(matchHeader("AT 2024", y2024)?.year).toBe("exact");
    expect(matchHeader("AT", y2024)?.year).toBe("none");
    expect(matchHeader("AT 2023", y2024)?.year).toBe("other");
    expect(matchHeader("Planerade AT 2023", y2024)?.year).toBe("other");
  });

  test("the rewarded column is dated by the rule set's rewarded year", () => {
    expect(matchHeader("Redan ersatta AT 2023", y2024)?.year).toBe("exact");
    expect(matchHeader("Redan ersatta AT 2024", y2024)?.year).toBe("other");
  });

  test("population and forecast years do not decide", () => {
    expect(matchHeader("Befolkning 1 nov 2023", y2024)?.year).toBe("none");
    expect(matchHeader("Prognos 2026–2030", { year: 2025 })?.year).toBe("none");
  });

  test("yearsIn finds every year, with en dash or hyphen", () => {
    expect(yearsIn("Prognos 2026–2030")).toEqual([2026, 2030]);
    expect(yearsIn("AT2024")).toEqual([2024]);
    expect(yearsIn("Folkmängd 100000")).toEqual([]);
  });
});

test("foldHeader ignores case, spaces, punctuation and diacritics", () => {
  expect(foldHeader("  Tillsatta/Påbörjade  AT-2024 ")).toBe("tillsatta paborjade at 2024");
});
