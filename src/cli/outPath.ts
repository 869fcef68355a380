/**
 * Where `--out` may write (IO.md): never over `--in` (by any path to the same file), an
 * existing file only with `--force`, and the kind of the source: .xlsx → .xlsx, .xlsm →
 * .xlsm (its macros kept), a .csv → .xlsx.
 */
import { promises as fs } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { UsageError } from "./args";

const KIND_FOR_SOURCE: Record<string, string> = {
  ".xlsx": ".xlsx",
  ".xlsm": ".xlsm",
  ".csv": ".xlsx",
};

async function realTarget(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch {
    // Not there yet: the real folder, and the name.
    try {
      return join(await fs.realpath(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

function refuse(sv: string, en: string): never {
  throw new UsageError(`${sv} / ${en}`, 2);
}

export async function checkOutPath(inPath: string, outPath: string, force: boolean): Promise<void> {
  const source = extname(inPath).toLowerCase();
  const target = extname(outPath).toLowerCase();
  const wanted = KIND_FOR_SOURCE[source];
  if (wanted && target !== wanted) {
    refuse(
      `--out ${outPath}: en ${source}-fil skrivs som ${wanted}${source === ".csv" ? " (en CSV-fil kan inte bära fördelningskolumner, sammanfattningsblad och format)" : ""} — ange en fil som slutar på ${wanted}`,
      `--out ${outPath}: a ${source} file is written as ${wanted}${source === ".csv" ? " (a CSV file cannot hold the allocation columns, the summary sheet and formats)" : ""} — give a file ending in ${wanted}`,
    );
  }
  const folder = await fs.stat(dirname(outPath)).catch(() => null);
  if (!folder?.isDirectory()) {
    refuse(
      `--out ${outPath}: mappen ${dirname(outPath)} finns inte — skapa den eller ange en annan`,
      `--out ${outPath}: the folder ${dirname(outPath)} does not exist — create it or give another`,
    );
  }
  const [a, b] = await Promise.all([realTarget(inPath), realTarget(outPath)]);
  let same = a === b;
  const outStat = await fs.stat(outPath).catch(() => null);
  if (!same && outStat) {
    const inStat = await fs.stat(inPath).catch(() => null);
    same = !!inStat && inStat.ino === outStat.ino && inStat.dev === outStat.dev;
  }
  if (same) {
    refuse(
      `--out ${outPath} är samma fil som --in — originalet skrivs aldrig över; ange en annan fil`,
      `--out ${outPath} is the same file as --in — the original is never overwritten; give another file`,
    );
  }
  if (outStat?.isDirectory()) {
    refuse(
      `--out ${outPath} är en mapp — ange en fil`,
      `--out ${outPath} is a folder — give a file`,
    );
  }
  if (outStat && !force) {
    refuse(
      `--out ${outPath} finns redan — ange --force för att ersätta den, eller en annan fil`,
      `--out ${outPath} already exists — add --force to replace it, or give another file`,
    );
  }
}
