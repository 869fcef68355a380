import { SWEDISH_REGIONS, SWEDISH_REGION_INDEX, compareCodes } from "../../src/domain/regions";
import { parsePlanningValue } from "../../src/domain/planningValue";

describe("region names", () => {
  it.each([
    ["Region Stockholm", "01"],
    ["  stockholms län ", "01"],
    ["Västra Götalandsregionen", "14"],
    ["VGR", "14"],
    ["Jämtland- Härjedalen", "23"],
    ["Jamtland-Harjedalen", "23"],
    ["Uppsala län", "03"],
    ["ÖREBRO", "18"],
    ["Sodermanland", "04"],
    ["Västra\nGötaland", "14"],
  ])("%j is %s", (name, code) => {
    const m = SWEDISH_REGION_INDEX.match(name);
    expect(m.ok && m.region.code).toBe(code);
  });

  it("does not accept a misspelling but suggests the closest name", () => {
    const m = SWEDISH_REGION_INDEX.match("Skånne");
    expect(m.ok).toBe(false);
    expect(!m.ok && m.suggestion?.name).toBe("Skåne");
    const far = SWEDISH_REGION_INDEX.match("Atlantis");
    expect(!far.ok && far.suggestion).toBeNull();
  });

  it("has 21 regions in county-code order, no two colliding without diacritics", () => {
    expect(SWEDISH_REGIONS).toHaveLength(21);
    const codes = SWEDISH_REGIONS.map((r) => r.code);
    expect(codes.slice().sort(compareCodes)).toEqual(codes);
  });
});

describe("planning values as bilaga 2 writes them", () => {
  it.each([
    ["55", "midpoint", "number", "55"],
    ["50–55", "midpoint", "range", "52.5"],
    ["84-89", "lower", "range", "84"],
    ["48 till 50", "upper", "range", "50"],
    ["46 (ev. 48)", "midpoint", "annotation", "46"],
    ["28 (EV.+)", "midpoint", "annotation", "28"],
    ["46 (ev. +)", "midpoint", "annotation", "46"],
    ["52,5", "midpoint", "number", "52.5"],
  ] as const)("%s (%s) → %s %s", (text, policy, kind, value) => {
    const r = parsePlanningValue(text, policy);
    expect(r.kind).toBe(kind);
    expect("value" in r && r.value).toBe(value);
  });

  it("I.U is no value, and nonsense is invalid", () => {
    expect(parsePlanningValue("I.U").kind).toBe("noData");
    expect(parsePlanningValue("i.u.").kind).toBe("noData");
    expect(parsePlanningValue("femtio").kind).toBe("invalid");
    expect(parsePlanningValue("55–50").kind).toBe("invalid");
    expect(parsePlanningValue("46 (kanske 48)").kind).toBe("invalid");
  });
});
