/**
 * The add-in's build, after OfficeDev/Office-Addin-TaskPane-React: one HtmlWebpackPlugin page
 * per entry (task pane, the FunctionFile, the support page), assets and manifest copied, dev
 * certificates only for the dev server. Unlike the template: esbuild-loader, modern browsers
 * only (ES2020, no polyfills: every host of ExcelApi 1.9 runs Edge WebView2, Safari or a
 * current browser), office.js from Microsoft's CDN, a Content-Security-Policy per page, and
 * the production manifest pointed at ADDIN_PROD_URL.
 *
 * CSP_REPORT_ONLY=1 builds for a first deployment: the pages carry no enforcing policy, and
 * dist/csp-report-only.headers holds the `Content-Security-Policy-Report-Only` header line
 * per page for the web server to send (browsers ignore Report-Only in a <meta>); with
 * CSP_REPORT_URI=https://… the violations are reported there. The dev server sends it too.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
/** A clear placeholder: set ADDIN_PROD_URL to where dist/ is served. */
const PROD_URL_PLACEHOLDER = "https://at-fordelning.example.se/";

/**
 * The pages' Content-Security-Policy, in one place. What Office.js documents and is known to
 * need, and nothing else:
 * - script-src: this origin and Microsoft's Office.js CDN (office.js loads its host-specific
 *   files, e.g. excel-web-16.00.js, from there; older hosts pull MicrosoftAjax from
 *   ajax.aspnetcdn.com). No 'unsafe-inline', no 'unsafe-eval'.
 * - style-src 'unsafe-inline': Office's own scripts inject inline styles (office-js#1687),
 *   and Fluent UI v9 (Griffel) inserts <style> elements at run time; styles cannot run code.
 * - connect-src: this origin (and the dev server's socket), and Office.js's telemetry.
 * - frame-src: Office.js's CDN, should a host frame one of its pages; nothing else.
 * Headers only (a <meta> cannot carry them): frame-ancestors, the Office hosts that frame the
 * pane in Excel on the web, and report-uri.
 */
const OFFICE_SCRIPTS = "https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com";
const OFFICE_TELEMETRY = "https://browser.pipe.aria.microsoft.com";
const OFFICE_FRAME_ANCESTORS =
  "'self' https://*.officeapps.live.com https://*.sharepoint.com https://*.office.com " +
  "https://*.cloud.microsoft https://onedrive.live.com";

function contentSecurityPolicy({ connectSrc, header = false, reportUri = "" }) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_SCRIPTS}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSrc} ${OFFICE_TELEMETRY}`,
    "frame-src https://appsforoffice.microsoft.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ];
  if (header) directives.push(`frame-ancestors ${OFFICE_FRAME_ANCESTORS}`);
  if (header && reportUri) directives.push(`report-uri ${reportUri}`);
  return directives.join("; ");
}

/** The <meta> a page carries: the policy, or (report-only builds) a comment saying where it is. */
function cspMeta({ connectSrc, reportOnly }) {
  if (reportOnly) {
    return "<!-- Content-Security-Policy-Report-Only: sent as a header, see csp-report-only.headers -->";
  }
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ connectSrc })}" />`;
}

/** Emits one file into the build's output. */
class EmitFilePlugin {
  constructor(name, content) {
    this.name = name;
    this.content = content;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("EmitFilePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "EmitFilePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset(this.name, new sources.RawSource(this.content)),
      );
    });
  }
}

function prodUrl() {
  const url = process.env.ADDIN_PROD_URL || PROD_URL_PLACEHOLDER;
  if (!/^https:\/\/[^/]+/.test(url)) {
    throw new Error(`ADDIN_PROD_URL must be an https:// URL (got "${url}")`);
  }
  return url.endsWith("/") ? url : `${url}/`;
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const serve = Boolean(env.WEBPACK_SERVE);
  const url = dev ? DEV_URL : prodUrl();
  // The dev server's hot-reload socket is a connection of its own kind.
  const connectSrc = dev ? `'self' wss://localhost:${DEV_PORT}` : "'self'";
  const reportOnly = Boolean(process.env.CSP_REPORT_ONLY);
  const reportUri = process.env.CSP_REPORT_URI || "";
  if (reportUri && !/^https:\/\//.test(reportUri)) {
    throw new Error(`CSP_REPORT_URI must be an https:// URL (got "${reportUri}")`);
  }
  const headerPolicy = contentSecurityPolicy({ connectSrc, header: true, reportUri });

  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template,
      chunks,
      inject: chunks.length > 0 ? "body" : false,
      scriptLoading: "defer",
      templateParameters: { connectSrc, cspMeta: cspMeta({ connectSrc, reportOnly }) },
    });
  const reportOnlyHeaders = ["taskpane.html", "commands.html"]
    .map((file) => `/${file}\n  Content-Security-Policy-Report-Only: ${headerPolicy}\n`)
    .join("");

  const config = {
    mode: dev ? "development" : "production",
    target: ["web", "es2020"],
    // No eval-based source maps: the pages' CSP allows no 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: "es2020", jsx: "automatic" },
        },
        {
          // Pure modules (no work at import time beyond their own definitions): where only a
          // constant of one is used (TABLE_NOT_FOUND of the reader), webpack leaves out what
          // it imports, so the reader stays in its lazy chunk (bench/bundle.ts).
          test: /[\\/]src[\\/](domain|workbook|app)[\\/].*\.[jt]sx?$/,
          sideEffects: false,
        },
      ],
    },
    plugins: [
      page("taskpane", "./src/taskpane/taskpane.html", ["taskpane"]),
      page("commands", "./src/commands/commands.html", ["commands"]),
      page("support", "./src/support/support.html", []),
      ...(reportOnly ? [new EmitFilePlugin("csp-report-only.headers", reportOnlyHeaders)] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              if (dev) return content;
              const text = content
                .toString()
                .split(DEV_URL)
                .join(url)
                .split(DEV_URL.slice(0, -1))
                .join(url.slice(0, -1));
              if (/:\/\/localhost\b/.test(text)) {
                throw new Error(
                  "manifest.xml: a localhost URL is left after the production rewrite",
                );
              }
              return text;
            },
          },
        ],
      }),
    ],
    // Sizes are watched by `npm run bench:bundle` against its budget, not by webpack's hints.
    performance: { hints: false },
  };

  if (serve) {
    // Only the dev server needs certificates; `npm run build` never touches them.
    const devCerts = require("office-addin-dev-certs");
    const https = await devCerts.getHttpsServerOptions();
    config.devServer = {
      port: DEV_PORT,
      hot: true,
      headers: {
        "Access-Control-Allow-Origin": "*",
        ...(reportOnly ? { "Content-Security-Policy-Report-Only": headerPolicy } : {}),
      },
      server: { type: "https", options: { ca: https.ca, key: https.key, cert: https.cert } },
      static: { directory: path.resolve(__dirname, "dist") },
    };
  }
  return config;
};

module.exports.contentSecurityPolicy = contentSecurityPolicy;
