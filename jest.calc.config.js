/**
 * The LibreOffice test (`npm run test:calc`): an `--out` copy recalculated by LibreOffice Calc
 * headless (Debian's libreoffice-calc-nogui). Apart from `npm test`: it needs soffice.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/libreoffice"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  maxWorkers: 1,
  testTimeout: 200_000,
};
