/** @jest-environment jsdom */
import { getRuleSet, shippedRuleSets } from "../../src/domain/rules";
import type { RuleSet } from "../../src/domain/ruleSet";
import {
  allocationReducer,
  initialState,
  isBusy,
  selectedRuleSet,
  type AllocationAction,
  type AllocationState,
} from "../../src/taskpane/allocationState";
import { settingsFor } from "../../src/taskpane/interpretations";
import { gridOf } from "./helpers";

const grid = gridOf("Blad1", [["Region"], ["Stockholm"]]);
const grid2 = gridOf("Blad1", [["Region"], ["Uppsala"]]);

function run(state: AllocationState, ...actions: AllocationAction[]): AllocationState {
  return actions.reduce(allocationReducer, state);
}

describe("allocationReducer", () => {
  const start = () => initialState(shippedRuleSets());

  it("starts idle on the latest year with its default settings", () => {
    const s = start();
    expect(s.phase).toBe("idle");
    expect(selectedRuleSet(s).year).toBe(2025);
    expect(s.settings).toEqual({ rounding: "largest-remainder" });
    expect(() => initialState([])).toThrow();
  });

  it("goes idle → reading → read → writing → written", () => {
    let s = run(start(), { type: "readStarted" });
    expect(s.phase).toBe("reading");
    expect(isBusy(s)).toBe(true);
    s = run(s, { type: "readSucceeded", grid });
    expect([s.phase, s.grid, s.readCount]).toEqual(["read", grid, 1]);
    s = run(s, { type: "writeStarted" }, { type: "writeProgress", fraction: 0.5 });
    expect([s.phase, s.progress]).toEqual(["writing", 0.5]);
    // Progress never goes back and never passes 1.
    expect(run(s, { type: "writeProgress", fraction: 0.2 }).progress).toBe(0.5);
    expect(run(s, { type: "writeProgress", fraction: 3 }).progress).toBe(1);
    s = run(s, { type: "writeSucceeded", grid: grid2, rows: 21, sheet: "AT-fördelning 2025" });
    expect(s.phase).toBe("written");
    expect(s.grid).toBe(grid2);
    expect(s.readCount).toBe(2);
    expect(s.message).toEqual({ kind: "written", rows: 21, sheet: "AT-fördelning 2025" });
    expect(isBusy(s)).toBe(false);
  });

  it("fails a read: no grid left to write from", () => {
    const s = run(
      start(),
      { type: "readStarted" },
      { type: "readSucceeded", grid },
      {
        type: "readStarted",
      },
      { type: "readFailed", detail: { message: "boom" } },
    );
    expect(s.phase).toBe("failed");
    expect(s.grid).toBeNull();
    expect(s.message).toEqual({ kind: "readError", detail: { message: "boom" } });
  });

  it("fails a write, keeping the grid as re-read (or as before when the re-read failed)", () => {
    const read = run(start(), { type: "readSucceeded", grid });
    const conflict = { kind: "conflict" as const, cells: [{ sheet: "Blad1", cell: "H3" }] };
    const a = run(
      read,
      { type: "writeStarted" },
      { type: "writeFailed", grid: grid2, message: conflict },
    );
    expect([a.phase, a.grid, a.message]).toEqual(["failed", grid2, conflict]);
    const b = run(
      read,
      { type: "writeStarted" },
      {
        type: "writeFailed",
        grid: null,
        message: { kind: "writeError", detail: { message: "x" } },
      },
    );
    expect(b.grid).toBe(grid);
    expect(b.readCount).toBe(read.readCount);
  });

  it("changes year: defaults of the new year, earlier choices kept where they apply", () => {
    let s = run(start(), { type: "selectRuleSet", id: "shipped:2022" });
    expect(selectedRuleSet(s).year).toBe(2022);
    expect(s.settings).toEqual(settingsFor(getRuleSet(2022)!));
    s = run(s, { type: "setInterpretation", key: "rounding", value: "half-up" });
    s = run(s, { type: "setInterpretation", key: "block1-2022", value: "rate" });
    s = run(s, { type: "selectRuleSet", id: "shipped:2024" });
    expect(s.settings).toEqual({ rounding: "half-up", range: "midpoint", overflow: "pro-rata" });
    // An unknown id changes nothing.
    expect(run(s, { type: "selectRuleSet", id: "nope" })).toBe(s);
  });

  it("clears a finished write's message when the choices change, but not during a write", () => {
    const written = run(
      start(),
      { type: "readSucceeded", grid },
      { type: "writeStarted" },
      {
        type: "writeSucceeded",
        grid,
        rows: 2,
        sheet: "S",
      },
    );
    const changed = run(written, { type: "setInterpretation", key: "rounding", value: "half-up" });
    expect([changed.phase, changed.message]).toEqual(["read", null]);
    const writing = run(written, { type: "writeStarted" });
    expect(run(writing, { type: "setInterpretation", key: "rounding", value: "half-up" })).toBe(
      writing,
    );
    expect(run(writing, { type: "selectRuleSet", id: "shipped:2022" })).toBe(writing);
  });

  it("adds a loaded rule set, selects it, and replaces it when the same file is loaded again", () => {
    const custom: RuleSet = { ...getRuleSet(2024)!, year: 2023, reference: "A" };
    let s = run(
      start(),
      { type: "ruleFileFailed", error: { kind: "unreadable", fileName: "x.json" } },
      { type: "addRuleSet", ruleSet: custom, fileName: "r.json" },
    );
    expect(s.options).toHaveLength(4);
    expect(selectedRuleSet(s)).toBe(custom);
    expect(s.ruleFileError).toBeNull();
    expect(s.message).toEqual({ kind: "ruleFileLoaded", year: 2023, fileName: "r.json" });
    const fixed = { ...custom, reference: "B" };
    s = run(
      s,
      { type: "selectRuleSet", id: "shipped:2022" },
      {
        type: "addRuleSet",
        ruleSet: fixed,
        fileName: "r.json",
      },
    );
    expect(s.options).toHaveLength(4);
    expect(selectedRuleSet(s).reference).toBe("B");
  });

  it("tracks template creation beside the read cycle", () => {
    let s = run(start(), { type: "readSucceeded", grid }, { type: "templateStarted" });
    expect(isBusy(s)).toBe(true);
    expect(s.phase).toBe("read");
    s = run(s, { type: "templateSucceeded", sheet: "Mall AT 2025" });
    expect(isBusy(s)).toBe(false);
    expect(s.message).toEqual({ kind: "templateCreated", sheet: "Mall AT 2025" });
    expect(s.grid).toBe(grid);
  });

  it("gives rule sets of the same year distinct ids", () => {
    const r = getRuleSet(2024)!;
    const s = initialState([r, { ...r, reference: "other" }]);
    expect(new Set(s.options.map((o) => o.id)).size).toBe(2);
  });
});
