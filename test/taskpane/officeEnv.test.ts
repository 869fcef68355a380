/** @jest-environment jsdom */
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import {
  isDarkColor,
  langFromDisplayLanguage,
  themeFor,
  workbookNameFromUrl,
} from "../../src/taskpane/officeEnv";

describe("officeEnv", () => {
  it("takes Swedish unless Office speaks English", () => {
    expect(langFromDisplayLanguage("sv-SE")).toBe("sv");
    expect(langFromDisplayLanguage("en-US")).toBe("en");
    expect(langFromDisplayLanguage("EN-gb")).toBe("en");
    expect(langFromDisplayLanguage("en")).toBe("en");
    expect(langFromDisplayLanguage("fi-FI")).toBe("sv");
    expect(langFromDisplayLanguage("eng")).toBe("sv");
    expect(langFromDisplayLanguage(undefined)).toBe("sv");
  });

  it("follows Office's theme by the body background", () => {
    expect(isDarkColor("#262626")).toBe(true);
    expect(isDarkColor("#000")).toBe(true);
    expect(isDarkColor("#FFFFFF")).toBe(false);
    expect(isDarkColor("#e6e6e6")).toBe(false);
    expect(isDarkColor("not a colour")).toBe(false);
    expect(themeFor({ bodyBackgroundColor: "#1f1f1f" })).toBe(webDarkTheme);
    expect(themeFor({ bodyBackgroundColor: "#ffffff" })).toBe(webLightTheme);
    expect(themeFor(undefined)).toBe(webLightTheme);
  });

  it("names the workbook from its URL", () => {
    expect(
      workbookNameFromUrl(
        "https://contoso.sharepoint.com/sites/x/Delade%20dokument/AT%202024.xlsx?web=1",
      ),
    ).toBe("AT 2024.xlsx");
    expect(workbookNameFromUrl("C:\\Users\\anna\\Documents\\regioner-2024.xlsx")).toBe(
      "regioner-2024.xlsx",
    );
    expect(workbookNameFromUrl("")).toBeNull();
    expect(workbookNameFromUrl(null)).toBeNull();
    expect(workbookNameFromUrl("https://x/%E0%A4%A.xlsx")).toBe("%E0%A4%A.xlsx");
  });
});
