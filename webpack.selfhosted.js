/**
 * `npm run build:selfhosted`: the add-in's build (webpack.config.js) with office.js served from
 * the add-in's own host instead of Microsoft's CDN, for networks where the CDN is blocked
 * (Microsoft's guidance for secure environments: bundle the library's files with the add-in).
 * The files are those of the npm package @microsoft/office-js, copied unchanged (its licence
 * forbids changing them) into office-js/ beside the page, which loads office-js/office.js.
 * Everything else is the production build as it is, into dist/selfhosted/ (serve that folder):
 * apart from dist/'s own files, so that `npm run bench:bundle` never measures this page. Microsoft calls the CDN the supported
 * source, and the npm package is no longer updated as often: use this variant only where the
 * CDN cannot be reached, and rebuild it when a newer package is out (README "First run in Excel").
 */
/* eslint-disable @typescript-eslint/no-require-imports */
/* global require, module, __dirname */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const base = require("./webpack.config.js");

/** Where the page finds office.js, relative to taskpane.html. */
const OFFICE_JS_PATH = "office-js/office.js";
const OFFICE_JS_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");

module.exports = async (env = {}, argv = {}) => {
  const config = await base(env, argv);
  config.output.path = path.resolve(__dirname, "dist", "selfhosted");
  for (const plugin of config.plugins) {
    // taskpane.html reads htmlWebpackPlugin.options.officeJs; without it, the CDN's URL.
    if (plugin instanceof HtmlWebpackPlugin) {
      plugin.userOptions.officeJs = OFFICE_JS_PATH;
      if (plugin.options) plugin.options.officeJs = OFFICE_JS_PATH;
    }
  }
  config.plugins.push(
    new CopyWebpackPlugin({
      patterns: [
        {
          from: "**/*",
          context: OFFICE_JS_DIST,
          to: "office-js/",
          // The debug builds, IntelliSense files and type definitions are not served.
          globOptions: { ignore: ["**/*.debug.js", "**/*-vsdoc.js", "**/*.d.ts"] },
          // Served as Microsoft ships them: never minified again (which would also be
          // changing them, which the licence forbids, and takes minutes).
          info: { minimized: true },
        },
        {
          from: path.resolve(__dirname, "node_modules/@microsoft/office-js/LICENSE.md"),
          to: "office-js/LICENSE.md",
        },
      ],
    }),
  );
  return config;
};
