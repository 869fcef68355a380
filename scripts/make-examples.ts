/**
 * Writes the example workbooks in examples/ (run: npm run examples). They are inputs for
 * trying the add-in and the command line, committed with the project.
 *
 * The figures are EXAMPLE DATA, and every file says so: population close to SCB's year-end
 * figures but not the official 1 November figures; AT counts invented (the same as the golden
 * cases in the project's shared cases, so the examples give the same amounts). Planning
 * values are written as the sources write them (bilaga 2 of S2024/00586; the 2022
 * instructions' AT-värden), text and all.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";

const OUT = path.resolve(__dirname, "..", "examples");
/** A fixed date, so that re-running the script does not change the files' metadata. */
const FIXED_DATE = new Date("2025-01-01T00:00:00Z");

interface Row {
  code: string;
  region: string;
  pop2024: number;
  at2024: number;
  planned2024: string | number;
  pop2025: number;
  at2025: number | null;
  forecast2025: "Ja" | "Nej";
  at2022: number;
  value2022: number;
}

// Population 2024/2025: close to SCB's, not the official figures. AT counts: invented.
// Planned AT 2024: bilaga 2 of S2024/00586 as written, except Skåne (I.U there; see the note).
// AT-värde 2022: Socialstyrelsen's instructions 2022.
// prettier-ignore
const ROWS: Row[] = [
  { code: "01", region: "Stockholm", pop2024: 2454821, at2024: 290, planned2024: 280, pop2025: 2462185, at2025: 260, forecast2025: "Ja", at2022: 273, value2022: 260 },
  { code: "03", region: "Uppsala", pop2024: 404589, at2024: 58, planned2024: 55, pop2025: 405802, at2025: 51, forecast2025: "Ja", at2022: 52, value2022: 50 },
  { code: "04", region: "Sörmland", pop2024: 301944, at2024: 60, planned2024: 60, pop2025: 302849, at2025: 62, forecast2025: "Ja", at2022: 60, value2022: 60 },
  { code: "05", region: "Östergötland", pop2024: 472298, at2024: 91, planned2024: "84–89", pop2025: 473714, at2025: 87, forecast2025: "Ja", at2022: 86, value2022: 84 },
  { code: "06", region: "Jönköping", pop2024: 368856, at2024: 88, planned2024: 86, pop2025: 369962, at2025: 82, forecast2025: "Ja", at2022: 83, value2022: 78 },
  { code: "07", region: "Kronoberg", pop2024: 203686, at2024: 34, planned2024: 36, pop2025: 204297, at2025: 36, forecast2025: "Ja", at2022: 35, value2022: 36 },
  { code: "08", region: "Kalmar", pop2024: 246667, at2024: 47, planned2024: 47, pop2025: 247407, at2025: 48, forecast2025: "Nej", at2022: 47, value2022: 47 },
  { code: "09", region: "Gotland", pop2024: 61029, at2024: 16, planned2024: 16, pop2025: 61212, at2025: null, forecast2025: "Ja", at2022: 17, value2022: 16 },
  { code: "10", region: "Blekinge", pop2024: 157973, at2024: 29, planned2024: 28, pop2025: 158446, at2025: 31, forecast2025: "Ja", at2022: 28, value2022: 28 },
  { code: "12", region: "Skåne", pop2024: 1421781, at2024: 205, planned2024: 199, pop2025: 1426046, at2025: 200, forecast2025: "Nej", at2022: 217, value2022: 196 },
  { code: "13", region: "Halland", pop2024: 343746, at2024: 63, planned2024: 56, pop2025: 344777, at2025: 56, forecast2025: "Ja", at2022: 63, value2022: 56 },
  { code: "14", region: "Västra Götaland", pop2024: 1767016, at2024: 268, planned2024: 252, pop2025: 1772317, at2025: 245, forecast2025: "Ja", at2022: 250, value2022: 244 },
  { code: "17", region: "Värmland", pop2024: 283548, at2024: 50, planned2024: "48–50", pop2025: 284398, at2025: 51, forecast2025: "Ja", at2022: 52, value2022: 49 },
  { code: "18", region: "Örebro", pop2024: 308116, at2024: 57, planned2024: 57, pop2025: 309040, at2025: 60, forecast2025: "Ja", at2022: 60, value2022: 57 },
  { code: "19", region: "Västmanland", pop2024: 280813, at2024: 48, planned2024: "46 (ev. 48)", pop2025: 281655, at2025: 47, forecast2025: "Ja", at2022: 43, value2022: 43 },
  { code: "20", region: "Dalarna", pop2024: 287253, at2024: 64, planned2024: 64, pop2025: 288114, at2025: 62, forecast2025: "Ja", at2022: 71, value2022: 62 },
  { code: "21", region: "Gävleborg", pop2024: 285642, at2024: 47, planned2024: "46 (ev. +)", pop2025: 286498, at2025: 47, forecast2025: "Ja", at2022: 46, value2022: 46 },
  { code: "22", region: "Västernorrland", pop2024: 242148, at2024: 62, planned2024: 60, pop2025: 242874, at2025: 62, forecast2025: "Ja", at2022: 60, value2022: 60 },
  { code: "23", region: "Jämtland Härjedalen", pop2024: 132572, at2024: 24, planned2024: 24, pop2025: 132969, at2025: 27, forecast2025: "Ja", at2022: 24, value2022: 24 },
  { code: "24", region: "Västerbotten", pop2024: 278729, at2024: 61, planned2024: 61, pop2025: 279565, at2025: 65, forecast2025: "Ja", at2022: 70, value2022: 61 },
  { code: "25", region: "Norrbotten", pop2024: 248480, at2024: 51, planned2024: 51, pop2025: 249225, at2025: 51, forecast2025: "Ja", at2022: 51, value2022: 51 },
];

const SKANE_NOTE =
  "Bilaga 2 till S2024/00586 anger I.U (inga uppgifter) för Skåne 2024. Här står 199, " +
  "Skånes planerade antal för 2023, så att exemplet går att köra. Skriv I.U för att se " +
  "felmeddelandet. / Bilaga 2 says I.U (no data) for Skåne 2024; 199 is Skåne's planned " +
  "number for 2023, entered so that the example runs.";

const WARNING_SV =
  "EXEMPELDATA – inte officiell statistik. Folkmängden ligger nära SCB:s siffror men är inte " +
  "de officiella; antalet AT är påhittat.";
const WARNING_EN = "Example data – not official statistics. AT counts are invented.";

interface Column {
  header: string;
  width: number;
  value: (r: Row) => string | number | null;
  text?: boolean;
}

interface Example {
  year: number;
  /** Whether the region table is an Excel table (ListObject) or a plain block of cells. */
  asTable: boolean;
  columns: Column[];
  about: string[];
}

const CODE: Column = { header: "Länskod", width: 10, value: (r) => r.code, text: true };
const REGION: Column = { header: "Region", width: 22, value: (r) => r.region };

const EXAMPLES: Example[] = [
  {
    year: 2022,
    asTable: false,
    columns: [
      CODE,
      REGION,
      { header: "AT 2022", width: 10, value: (r) => r.at2022 },
      { header: "AT-värde 2022", width: 15, value: (r) => r.value2022 },
    ],
    about: [
      "AT-värde 2022: Socialstyrelsens anvisningar för statsbidraget 2022 (S2022/00882).",
      "Grupperna (god nivå / under god nivå) följer anvisningarnas listor; en kolumn Grupp kan ändra dem.",
    ],
  },
  {
    year: 2024,
    asTable: true,
    columns: [
      CODE,
      REGION,
      { header: "Folkmängd", width: 12, value: (r) => r.pop2024 },
      { header: "AT 2024", width: 10, value: (r) => r.at2024 },
      { header: "Planerade AT 2024", width: 18, value: (r) => r.planned2024 },
    ],
    about: [
      "Planerade AT 2024: bilaga 2 till regeringsbeslut S2024/00586, skrivna som där (84–89, 46 (ev. 48)).",
      "Skåne: bilaga 2 anger I.U (inga uppgifter); här står 199 (planerat 2023), se cellens anteckning.",
      "Regiontabellen är en Excel-tabell (Regioner2024).",
    ],
  },
  {
    year: 2025,
    asTable: false,
    columns: [
      CODE,
      REGION,
      { header: "Folkmängd", width: 12, value: (r) => r.pop2025 },
      { header: "AT 2025", width: 10, value: (r) => r.at2025 },
      { header: "Prognos 2026–2030", width: 18, value: (r) => r.forecast2025 },
    ],
    about: [
      "Gotland har inte redovisat AT 2025 (tom cell); Kalmar och Skåne har inte lämnat prognos.",
    ],
  },
];

/** The line above the table and the table start: header on row 3, data from row 4. */
const HEADER_ROW = 3;

function regionSheet(wb: ExcelJS.Workbook, ex: Example): void {
  const ws = wb.addWorksheet("Regioner", { views: [{ state: "frozen", ySplit: HEADER_ROW }] });
  const banner = ws.getCell(1, 1);
  banner.value = `${WARNING_SV} ${WARNING_EN}`;
  banner.font = { bold: true, color: { argb: "FFC00000" } };

  ex.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  if (ex.asTable) {
    ws.addTable({
      name: `Regioner${ex.year}`,
      ref: `A${HEADER_ROW}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: ex.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: ROWS.map((r) => ex.columns.map((c) => c.value(r))),
    });
  } else {
    ex.columns.forEach((c, i) => {
      const cell = ws.getCell(HEADER_ROW, i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
    });
    ROWS.forEach((r, j) =>
      ex.columns.forEach((c, i) => {
        ws.getCell(HEADER_ROW + 1 + j, i + 1).value = c.value(r);
      }),
    );
  }
  ex.columns.forEach((c, i) => {
    if (!c.text) return;
    for (let j = 0; j < ROWS.length; j++) {
      const cell = ws.getCell(HEADER_ROW + 1 + j, i + 1);
      cell.style = { ...cell.style, numFmt: "@" };
    }
  });
  if (ex.year === 2024) {
    const col = ex.columns.findIndex((c) => c.header === "Planerade AT 2024") + 1;
    const row = HEADER_ROW + 1 + ROWS.findIndex((r) => r.code === "12");
    ws.getCell(row, col).note = SKANE_NOTE;
  }
}

function aboutSheet(wb: ExcelJS.Workbook, ex: Example): void {
  const ws = wb.addWorksheet("Om exemplet");
  ws.getColumn(1).width = 110;
  const lines: [string, boolean?][] = [
    ["Om exemplet / About this example", true],
    [WARNING_SV, true],
    [WARNING_EN, true],
    [""],
    [
      "Folkmängd: exempelvärden nära SCB:s folkmängd vid årsskiftet, inte de officiella siffrorna per 1 november.",
    ],
    ["Antal AT: påhittade för exemplet."],
    ...ex.about.map((l): [string] => [l]),
    [""],
    ["Prova: öppna arbetsboken i Excel med tillägget AT-fördelning, eller kör"],
    [
      `npm run allocate -- --year ${ex.year} --in examples/regioner-${ex.year}.xlsx --out resultat-${ex.year}.xlsx`,
    ],
  ];
  lines.forEach(([text, bold], i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    if (bold)
      cell.font = { bold: true, ...(i === 1 || i === 2 ? { color: { argb: "FFC00000" } } : {}) };
  });
}

async function writeExample(ex: Example): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "AT-fördelning (scripts/make-examples.ts)";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  regionSheet(wb, ex);
  aboutSheet(wb, ex);
  const file = path.join(OUT, `regioner-${ex.year}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The 2024 table as a Swedish Excel exports it: UTF-8 with BOM, semicolons. */
async function writeCsv2024(): Promise<string> {
  const ex = EXAMPLES.find((e) => e.year === 2024)!;
  const lines = [
    ex.columns.map((c) => c.header).join(";"),
    ...ROWS.map((r) => ex.columns.map((c) => String(c.value(r) ?? "")).join(";")),
  ];
  const file = path.join(OUT, "regioner-2024.csv");
  await fs.writeFile(file, "\ufeff" + lines.join("\r\n") + "\r\n", "utf8");
  return file;
}

async function main(): Promise<void> {
  await fs.mkdir(OUT, { recursive: true });
  for (const ex of EXAMPLES) console.log(path.relative(process.cwd(), await writeExample(ex)));
  console.log(path.relative(process.cwd(), await writeCsv2024()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
