/**
 * The add-in's build, after OfficeDev/Office-Addin-TaskPane-React: one HtmlWebpackPlugin page
 * per entry (task pane, the FunctionFile, the support page), assets and manifest copied, dev
 * certificates only for the dev server. Unlike the template: esbuild-loader, modern browsers
 * only (ES2020, no polyfills: every host of ExcelApi 1.9 runs Edge WebView2, Safari or a
 * current browser), office.js from Microsoft's CDN, a Content-Security-Policy per page, and
 * the production manifest pointed at ADDIN_PROD_URL.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
/** A clear placeholder: set ADDIN_PROD_URL to where dist/ is served. */
const PROD_URL_PLACEHOLDER = "https://at-fordelning.example.se/";

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

  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template,
      chunks,
      inject: chunks.length > 0 ? "body" : false,
      scriptLoading: "defer",
      templateParameters: { connectSrc },
    });

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
      ],
    },
    plugins: [
      page("taskpane", "./src/taskpane/taskpane.html", ["taskpane"]),
      page("commands", "./src/commands/commands.html", ["commands"]),
      page("support", "./src/support/support.html", []),
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
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: { ca: https.ca, key: https.key, cert: https.cert } },
      static: { directory: path.resolve(__dirname, "dist") },
    };
  }
  return config;
};
