/**
 * The end-to-end tests (`npm run test:e2e`): the built workbench (dist-workbench/) in Debian's
 * Chromium through playwright-core. Apart from `npm test` (jest.config.js has no e2e/ root):
 * they need a browser and a build. One at a time: each drives a whole browser.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  globalSetup: "<rootDir>/e2e/globalSetup.ts",
  globalTeardown: "<rootDir>/e2e/globalTeardown.ts",
  maxWorkers: 1,
  testTimeout: 120_000,
};
