/**
 * The workbench's build (`npm run build:workbench`, `npm start`): one page, the real task pane
 * beside a simulated workbook, into dist-workbench/. Apart from the add-in's build on purpose:
 * no office.js, no manifest, no certificates, plain http on localhost; the sample workbooks are
 * copied beside the page, and read into plain data at build time (SampleModelsPlugin), which
 * the page fetches from its own server (no network).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
/* global require, module, __dirname */
const fs = require("node:fs");
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { EsbuildPlugin } = require("esbuild-loader");

/**
 * exceljs's self-contained browser build (its package.json "browser" field names it too). Only
 * the .xlsx worker (src/workbench/xlsxWorker.ts, a chunk of its own) loads it.
 */
const EXCELJS_BROWSER = path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js");

/**
 * The sample workbooks as the plain data the page builds its fake Excel from
 * (src/workbench/xlsxModel.ts), made at build time by the same reader the page's worker runs
 * (readXlsxModel, exceljs): the page opens on a sample without loading exceljs at all.
 */
class SampleModelsPlugin {
  apply(compiler) {
    const examples = path.resolve(__dirname, "examples");
    compiler.hooks.thisCompilation.tap("SampleModelsPlugin", (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: "SampleModelsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        async () => {
          const { register } = require("tsx/cjs/api");
          const unregister = register();
          try {
            const { readXlsxModel } = require("./src/workbench/xlsxBridge.ts");
            for (const file of fs.readdirSync(examples).filter((f) => /\.xlsx$/i.test(f))) {
              const full = path.join(examples, file);
              compilation.fileDependencies.add(full);
              const model = await readXlsxModel(fs.readFileSync(full));
              compilation.emitAsset(
                `samples/${file.replace(/\.xlsx$/i, ".json")}`,
                new webpack.sources.RawSource(JSON.stringify(model)),
              );
            }
          } finally {
            unregister();
          }
        },
      );
    });
  }
}

module.exports = (_env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  return {
    mode: dev ? "development" : "production",
    target: ["web", "es2020"],
    devtool: dev ? "source-map" : false,
    entry: {
      // boot runs first, before the page's 600 kB are evaluated: it starts the .xlsx worker
      // and the first workbook's parse, which then run while the page's code loads.
      boot: "./src/workbench/boot.ts",
      workbench: { import: "./src/workbench/index.tsx", dependOn: "boot" },
    },
    output: {
      path: path.resolve(__dirname, "dist-workbench"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      alias: { exceljs$: EXCELJS_BROWSER },
    },
    module: {
      // Already bundled and minified: nothing for webpack to look into.
      noParse: [EXCELJS_BROWSER],
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: "es2020", jsx: "automatic" },
        },
      ],
    },
    optimization: {
      // esbuild minifies in a fraction of terser's time; `npm start` builds before serving.
      minimizer: [new EsbuildPlugin({ target: "es2020" })],
      // The worker is one file (exceljs inside): one request, not two in a row.
      splitChunks: false,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/workbench/workbench.html",
        scriptLoading: "defer",
      }),
      // The .xlsx files too, to download and compare; and the help page the pane links to.
      new CopyWebpackPlugin({
        patterns: [
          { from: "examples/*.xlsx", to: "samples/[name][ext]" },
          { from: "src/support/support.html", to: "support.html" },
        ],
      }),
      new SampleModelsPlugin(),
    ],
    performance: { hints: false },
    // `npm start` prints the URL after the build; the asset list would bury it.
    stats: "errors-warnings",
  };
};
