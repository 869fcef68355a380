/**
 * The add-in manifest, checked offline (`npm run validate` asks Microsoft's service and needs a
 * network): it parses, says what Excel needs to know, and every file it names exists.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ManifestInfo } from "office-addin-manifest";
import { REQUIRED_EXCEL_API } from "../src/excel/requirements";

const ROOT = join(__dirname, "..");
const PATH = join(ROOT, "manifest.xml");
const xml = readFileSync(PATH, "utf8");
/** The manifest without its comments: only what Office reads. */
const body = xml.replace(/<!--[\s\S]*?-->/g, "");

/**
 * The manifest as office-addin-manifest's readManifestFile reads it (offline). Run in a child
 * node: the package pulls in ES modules that jest's CommonJS runtime cannot load.
 */
function readManifestInfo(): ManifestInfo {
  const script =
    "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])" +
    ".then((i) => process.stdout.write(JSON.stringify(i)))" +
    ".catch((e) => { console.error(e); process.exit(1); })";
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script, PATH], { cwd: ROOT, encoding: "utf8" }),
  );
}

/** Attribute values of the elements named `element` (any namespace prefix). */
function attributes(element: string, attribute: string): string[] {
  const tags = body.match(new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>`, "g")) ?? [];
  return tags
    .map((tag) => new RegExp(`\\b${attribute}="([^"]*)"`).exec(tag)?.[1])
    .filter((v): v is string => v !== undefined);
}

describe("manifest.xml", () => {
  let info: ManifestInfo;
  beforeAll(() => {
    info = readManifestInfo();
  });

  it("parses, with a GUID id, the Excel workbook host and read/write permission", () => {
    expect(info.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
    );
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.providerName).toBeTruthy();
    expect(info.supportUrl).toMatch(/^https:\/\//);
    expect(info.defaultSettings?.sourceLocation).toBe("https://localhost:3000/taskpane.html");
  });

  it("is Swedish first, with English overrides for the name, description and button texts", () => {
    expect(info.defaultLocale).toBe("sv-SE");
    expect(info.displayName).toBe("AT-fördelning");
    for (const element of ["DisplayName", "Description"]) {
      expect(body).toMatch(
        new RegExp(`<${element} [^>]*>\\s*<Override Locale="en-US" Value="[^"]+"/>`),
      );
    }
    // Every short and long string (group label, button label, tooltip) has an en-US override.
    const strings = body.match(/<bt:String id="[^"]+"[^>]*>[\s\S]*?<\/bt:String>/g) ?? [];
    expect(strings.length).toBeGreaterThanOrEqual(4);
    for (const s of strings) expect(s).toMatch(/<bt:Override Locale="en-US" Value="[^"]+"\/>/);
  });

  it("repeats every English string for the English locales, so no English Excel shows Swedish", () => {
    const english = [
      "en-US",
      "en-GB",
      "en-AU",
      "en-CA",
      "en-IE",
      "en-NZ",
      "en-IN",
      "en-ZA",
      "en-SG",
    ];
    const elements =
      body.match(
        /<(DisplayName|Description|bt:String)\b[^>]*DefaultValue="[^"]*"[^/]*?>[\s\S]*?<\/\1>/g,
      ) ?? [];
    expect(elements.length).toBe(7);
    for (const element of elements) {
      const overrides = [...element.matchAll(/Override Locale="([^"]+)" Value="([^"]+)"/g)];
      expect(overrides.map((o) => o[1])).toEqual(english);
      // One English text per string, whatever the variant.
      expect(new Set(overrides.map((o) => o[2])).size).toBe(1);
    }
  });

  it("asks for the ExcelApi set the adapter needs", () => {
    expect(attributes("Set", "Name")).toEqual(["ExcelApi"]);
    expect(attributes("Set", "MinVersion")).toEqual([REQUIRED_EXCEL_API]);
  });

  it("opens the task pane from its own group on the Home tab", () => {
    expect(body).toMatch(
      /<OfficeTab id="TabHome">\s*<Group id="[^"]+">\s*<Label resid="Group.Label"\/>/,
    );
    expect(body).toMatch(
      /<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="Taskpane.Url"\/>/,
    );
    expect(body).toMatch(/<bt:String id="Group.Label" DefaultValue="AT-fördelning">/);
  });

  it("uses https only, and every resid it names is defined", () => {
    const urls = body.match(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"<]+/gi) ?? [];
    const documentUrls = urls.filter(
      (u) => !/^http:\/\/schemas\.microsoft\.com\/|^http:\/\/www\.w3\.org\//.test(u),
    );
    expect(documentUrls.length).toBeGreaterThan(5);
    for (const url of documentUrls) expect(url).toMatch(/^https:\/\//);
    const defined = new Set(attributes("(?:Image|Url|String)", "id"));
    for (const resid of attributes("\\w+", "resid")) expect(defined).toContain(resid);
  });

  it("names icons of 16, 32, 64 and 80 px that exist in assets/", () => {
    const iconUrls = [
      ...attributes("IconUrl", "DefaultValue"),
      ...attributes("HighResolutionIconUrl", "DefaultValue"),
      ...body
        .match(/<bt:Image id="[^"]+" DefaultValue="[^"]+"\/>/g)!
        .map((tag) => /DefaultValue="([^"]+)"/.exec(tag)![1]),
    ];
    const files = new Set(iconUrls.map((u) => new URL(u).pathname.replace(/^\//, "")));
    expect([...files].sort()).toEqual([
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
    ]);
    for (const file of files) {
      const png = readFileSync(join(ROOT, file));
      // A PNG whose width and height (IHDR) are what its name says.
      expect(png.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      const size = Number(/icon-(\d+)\.png$/.exec(file)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("points at pages the build makes", () => {
    const pages = new Set(
      (body.match(/https:\/\/localhost:3000\/[\w./-]+\.html/g) ?? []).map((u) =>
        u.split("/").pop(),
      ),
    );
    expect([...pages].sort()).toEqual(["commands.html", "support.html", "taskpane.html"]);
    const config = readFileSync(join(ROOT, "webpack.config.js"), "utf8");
    for (const page of pages) expect(config).toContain(`page("${page!.replace(".html", "")}"`);
    expect(existsSync(join(ROOT, "src/taskpane/taskpane.html"))).toBe(true);
  });
});

describe("the pages' Content-Security-Policy (webpack.config.js)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpackConfig = require("../webpack.config.js") as {
    (env?: object, argv?: object): Promise<{ plugins: unknown[] }>;
    contentSecurityPolicy(o: { connectSrc: string; header?: boolean; reportUri?: string }): string;
  };
  const directives = (policy: string): Map<string, string[]> =>
    new Map(
      policy.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );

  /** The built pages' template parameters, by page, for an environment. */
  async function pages(env: Record<string, string | undefined>) {
    const saved = { ...process.env };
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    try {
      const config = await webpackConfig({}, { mode: "production" });
      const out = new Map<string, Record<string, string>>();
      for (const plugin of config.plugins as {
        userOptions?: { filename?: string; templateParameters?: Record<string, string> };
      }[]) {
        const o = plugin.userOptions;
        if (o?.filename && o.templateParameters) out.set(o.filename, o.templateParameters);
      }
      return { config, out };
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }

  it("allows Office.js's CDN and inline styles, and no inline or eval'd script", () => {
    const csp = directives(webpackConfig.contentSecurityPolicy({ connectSrc: "'self'" }));
    expect(csp.get("script-src")).toEqual([
      "'self'",
      "https://appsforoffice.microsoft.com",
      "https://ajax.aspnetcdn.com",
    ]);
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toContain("'self'");
    // A <meta> cannot carry these; only the header variant has them.
    expect(csp.has("frame-ancestors")).toBe(false);
    expect(csp.has("report-uri")).toBe(false);
  });

  it("gives the task pane and the FunctionFile page the same enforcing policy", async () => {
    const { out } = await pages({ CSP_REPORT_ONLY: undefined });
    for (const page of ["taskpane.html", "commands.html"]) {
      expect(out.get(page)!.cspMeta).toBe(
        `<meta http-equiv="Content-Security-Policy" content="${webpackConfig.contentSecurityPolicy({ connectSrc: "'self'" })}" />`,
      );
    }
    for (const file of ["src/taskpane/taskpane.html", "src/commands/commands.html"]) {
      const template = readFileSync(join(ROOT, file), "utf8");
      expect(template).toContain("<%= cspMeta %>");
      expect(template).not.toMatch(/http-equiv="Content-Security-Policy"/);
    }
  });

  it("builds a report-only variant: no enforcing <meta>, the header per page in a file", async () => {
    const { config, out } = await pages({
      CSP_REPORT_ONLY: "1",
      CSP_REPORT_URI: "https://csp.example.se/report",
    });
    for (const page of ["taskpane.html", "commands.html"]) {
      expect(out.get(page)!.cspMeta).not.toMatch(/<meta/);
    }
    const emit = (config.plugins as { name?: string; content?: string }[]).find(
      (p) => p.name === "csp-report-only.headers",
    );
    expect(emit).toBeDefined();
    const lines = emit!.content!.split("\n");
    expect(lines.filter((l) => /^\/(taskpane|commands)\.html$/.test(l))).toHaveLength(2);
    const header = lines.find((l) => l.includes("Content-Security-Policy-Report-Only:"))!;
    const csp = directives(header.split("Content-Security-Policy-Report-Only:")[1]);
    expect(csp.get("report-uri")).toEqual(["https://csp.example.se/report"]);
    expect(csp.get("frame-ancestors")).toContain("https://*.officeapps.live.com");
    expect(csp.get("script-src")).toContain("https://appsforoffice.microsoft.com");
  });
});
