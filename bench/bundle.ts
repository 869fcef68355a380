/**
 * What the task pane costs to load: the gzip -9 size (node's zlib, level 9) of every script and
 * style taskpane.html loads from dist/ (office.js comes from Microsoft's CDN and is not ours),
 * against the budget; the lazy chunks (React.lazy panels, the reader, the Office.js adapter, the
 * writer) are listed apart. Reuses dist/ when it is a production build newer than every source,
 * otherwise builds first (`--rebuild` forces it). Exits 1 when over the budget.
 *
 *   npm run bench:bundle [-- --rebuild]
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 165_188;
const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "dist");
const PAGE = join(DIST, "taskpane.html");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), 0);
}

/** Script and stylesheet URLs of a page, in order. */
export function pageAssets(html: string): string[] {
  const urls: string[] = [];
  const attr = (tag: string, name: string): string | null =>
    new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i")
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined) ?? null;
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    if (/^<script/i.test(tag)) {
      const src = attr(tag, "src");
      if (src) urls.push(src);
    } else if (/^stylesheet$/i.test(attr(tag, "rel") ?? "")) {
      const href = attr(tag, "href");
      if (href) urls.push(href);
    }
  }
  return urls;
}

const isExternal = (url: string): boolean => /^(https?:)?\/\//i.test(url);

function isFreshProductionBuild(): boolean {
  if (!existsSync(PAGE)) return false;
  const sources = Math.max(
    newestMtime(join(ROOT, "src")),
    newestMtime(join(ROOT, "assets")),
    newestMtime(join(ROOT, "webpack.config.js")),
    newestMtime(join(ROOT, "package.json")),
    newestMtime(join(ROOT, "manifest.xml")),
  );
  if (statSync(PAGE).mtimeMs < sources) return false;
  // A development build names its scripts without a content hash.
  const local = pageAssets(readFileSync(PAGE, "utf8")).filter((u) => !isExternal(u));
  return local.length > 0 && local.every((u) => /\.[0-9a-f]{8}\.(js|css)$/.test(u));
}

function main(): void {
  if (process.argv.includes("--rebuild") || !isFreshProductionBuild()) {
    console.log("Building (webpack --mode production)…");
    try {
      execFileSync(
        process.execPath,
        [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"],
        {
          cwd: ROOT,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    } catch (err) {
      // webpack reports compile errors on standard output.
      const e = err as { stdout?: string; stderr?: string };
      console.error(e.stdout ?? "", e.stderr ?? "");
      console.error("The production build failed.");
      process.exit(2);
    }
  } else {
    console.log("Reusing the production build in dist/.");
  }
  const assets = pageAssets(readFileSync(PAGE, "utf8"));
  let total = 0;
  const rows: string[] = [];
  for (const url of assets) {
    if (isExternal(url)) {
      rows.push(`${"(CDN, not counted)".padStart(12)}  ${url}`);
      continue;
    }
    const bytes = readFileSync(join(DIST, url.replace(/^\.?\//, "").split(/[?#]/)[0]));
    const gz = gzipSync(bytes, { level: 9 }).length;
    total += gz;
    rows.push(`${String(gz).padStart(12)}  ${url} (${bytes.length} bytes raw)`);
  }
  console.log("gzip -9 bytes  asset");
  for (const row of rows) console.log(row);
  const margin = BUDGET_BYTES - total;
  console.log(`${String(total).padStart(12)}  total`);
  console.log(`${String(BUDGET_BYTES).padStart(12)}  budget`);
  console.log(
    margin >= 0
      ? `Within budget by ${margin} bytes (${((margin / BUDGET_BYTES) * 100).toFixed(1)} %).`
      : `OVER budget by ${-margin} bytes (${((-margin / BUDGET_BYTES) * 100).toFixed(1)} %).`,
  );
  if (margin < 0) process.exitCode = 1;
  printLazyChunks(new Set(assets.map((u) => u.replace(/^\.?\//, "").split(/[?#]/)[0])));
}

/**
 * The chunks the pane loads after its first paint (the reader, the Office.js adapter, the
 * what-if panels: fetched right after it) or only when asked (writing, verifying, the rule
 * sheet, Diagnostik): not counted against the budget, listed so that their growth is seen.
 */
function printLazyChunks(firstPaint: Set<string>): void {
  const chunks = readdirSync(DIST)
    .filter((f) => f.endsWith(".js") && !firstPaint.has(f) && !/^commands\./.test(f))
    .map((f) => ({
      f,
      raw: statSync(join(DIST, f)).size,
      gz: gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length,
    }))
    .sort((a, b) => b.gz - a.gz);
  console.log("\nLazy chunks (loaded after the first paint or on demand; not counted):");
  for (const c of chunks) console.log(`${String(c.gz).padStart(12)}  ${c.f} (${c.raw} bytes raw)`);
  console.log(`${String(chunks.reduce((s, c) => s + c.gz, 0)).padStart(12)}  lazy total`);
}

if (require.main === module) main();
