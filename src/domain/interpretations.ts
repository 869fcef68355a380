/**
 * Interpretations: each point where the sources are silent and RULES.md records the project's
 * decision is a named setting with a default. Three are built in; a rule set adds its own
 * (2022: block1-2022, top3-2022) as data, each option a patch to a block.
 */
import type { BlockDef, BlockPatch, InterpretationDef, Ladder, RuleSet, Text } from "./ruleSet";
import type { InterpretationInForce, Settings } from "./types";

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = "SettingsError";
  }
}

/** An interpretation as the UI and the command line list it. */
export interface InterpretationChoice {
  key: string;
  description: Text;
  default: string;
  options: { value: string; description: Text }[];
}

const ROUNDING: InterpretationChoice = {
  key: "rounding",
  description: {
    sv: "Avrundning till hela kronor när en summa delas",
    en: "Rounding to whole kronor when a sum is split",
  },
  default: "largest-remainder",
  options: [
    {
      value: "largest-remainder",
      description: {
        sv: "största rest: summan stämmer på kronan, lika rest till lägsta länskod",
        en: "largest remainder: the sum is exact, ties to the lowest county code",
      },
    },
    {
      value: "half-up",
      description: {
        sv: "varje andel avrundas för sig (summan kan avvika några kronor)",
        en: "each share rounded half-up (the sum may differ by a few kronor)",
      },
    },
  ],
};

const RANGE: InterpretationChoice = {
  key: "range",
  description: {
    sv: "Planerat antal skrivet som intervall (t.ex. 84–89)",
    en: "Planned count written as a range (e.g. 84–89)",
  },
  default: "midpoint",
  options: [
    {
      value: "midpoint",
      description: {
        sv: "mittpunkten (som 2022 års anvisningar gjorde med Värmlands 48–50)",
        en: "the midpoint (as the 2022 instructions did with Värmland's 48–50)",
      },
    },
    { value: "lower", description: { sv: "nedre gränsen", en: "the lower bound" } },
    { value: "upper", description: { sv: "övre gränsen", en: "the upper bound" } },
  ],
};

const OVERFLOW: InterpretationChoice = {
  key: "overflow",
  description: {
    sv: "Om trappans utbetalningar överstiger blockets budget (källorna säger inget)",
    en: "If ladder payouts exceed the block's budget (the sources are silent)",
  },
  default: "pro-rata",
  options: [
    {
      value: "pro-rata",
      description: {
        sv: "alla trappbelopp skalas ned i proportion (största rest); inga kvarstående medel",
        en: "every ladder payout is scaled down pro rata (largest remainder); no leftover",
      },
    },
  ],
};

function fromDef(d: InterpretationDef): InterpretationChoice {
  return {
    key: d.key,
    description: d.description,
    default: d.default,
    options: Object.entries(d.options).map(([value, o]) => ({ value, description: o.description })),
  };
}

/** The interpretations that apply to a rule set, built-in ones first. */
export function interpretationsFor(ruleSet: RuleSet): InterpretationChoice[] {
  // The rounding a decision prescribes is this rule set's default; the other stays a choice.
  const list = [ruleSet.rounding ? { ...ROUNDING, default: ruleSet.rounding } : ROUNDING];
  if (ruleSet.inputs.baseline) list.push(RANGE);
  if (ruleSet.blocks.some((b) => b.ladder || b.split.kind === "perUnit")) list.push(OVERFLOW);
  return list.concat((ruleSet.interpretations ?? []).map(fromDef));
}

const BUILT_IN = [ROUNDING, RANGE, OVERFLOW];

/**
 * Checks settings against the rule set and returns every applicable interpretation's value.
 * Built-in keys are accepted for any year (their value is checked); anything else must be an
 * interpretation of this rule set.
 */
export function resolveSettings(
  ruleSet: RuleSet,
  settings: Settings,
): { values: Record<string, string>; inForce: InterpretationInForce[] } {
  const applicable = interpretationsFor(ruleSet);
  const known = new Map([...BUILT_IN, ...applicable].map((c) => [c.key, c]));
  for (const [key, value] of Object.entries(settings)) {
    const choice = known.get(key);
    if (!choice) {
      throw new SettingsError(
        key,
        `Unknown interpretation "${key}" for ${ruleSet.year}; known: ${[...known.keys()].join(", ")}`,
      );
    }
    if (!choice.options.some((o) => o.value === value)) {
      throw new SettingsError(
        key,
        `"${value}" is not a value of "${key}"; choose ${choice.options.map((o) => o.value).join(", ")}`,
      );
    }
  }
  const values: Record<string, string> = {};
  const inForce: InterpretationInForce[] = applicable.map((c) => {
    const value = settings[c.key] ?? c.default;
    values[c.key] = value;
    const option = c.options.find((o) => o.value === value)!;
    return {
      key: c.key,
      value,
      isDefault: value === c.default,
      description: {
        sv: `${c.description.sv}: ${option.description.sv}`,
        en: `${c.description.en}: ${option.description.en}`,
      },
    };
  });
  return { values, inForce };
}

/** The blocks with the chosen options of the rule set's own interpretations applied. */
export function applyInterpretations(ruleSet: RuleSet, values: Record<string, string>): BlockDef[] {
  let blocks: BlockDef[] = ruleSet.blocks.map((b) => ({ ...b }));
  for (const def of ruleSet.interpretations ?? []) {
    const option = def.options[values[def.key] ?? def.default];
    for (const patch of option.patches) {
      blocks = blocks.map((b) => (b.id === patch.block ? patched(b, patch.set) : b));
    }
  }
  return blocks;
}

/** A block with a patch's keys replaced; a new split replaces a ladder and the other way round. */
function patched(b: BlockDef, set: BlockPatch["set"]): BlockDef {
  const eligible = set.eligible ?? b.eligible;
  const { id, name, budget, source, cap } = b;
  const base = {
    id,
    name,
    budget,
    eligible,
    ...(source ? { source } : {}),
    ...(cap ? { cap } : {}),
  };
  const withLeftover = (l: Ladder): Ladder => (set.leftover ? { ...l, leftover: set.leftover } : l);
  if (set.split) return { ...base, split: set.split };
  if (set.ladder) return { ...base, ladder: withLeftover(set.ladder) };
  if (b.ladder) return { ...base, ladder: withLeftover(b.ladder) };
  return { ...base, split: b.split };
}
