/** A node power can come from. */
export type PowerFlowSource = 'solar' | 'grid' | 'battery';
/** A node power can go to. */
export type PowerFlowTarget = 'home' | 'grid' | 'battery';

/** Power flowing between two nodes, W (always ≥ 0; the direction is from → to). */
export interface PowerFlowLink {
  from: PowerFlowSource;
  to: PowerFlowTarget;
  watts: number;
}

/** The power fields of one reading that the flows follow, W (NaN counts as 0). */
export interface PowerReading {
  /** `PowerUsage`: what the home uses. */
  usage: number;
  /** `Generating`: what the solar panels make. */
  generation: number;
  /** `PowerUsageNet`: bought from the grid. */
  importNet: number;
  /** `PowerExportedNet`: sold to the grid. */
  exportNet: number;
}

// Every source serves the home first; solar then charges the battery before it exports, and the
// battery feeds the grid only what the home does not take.
const ROUTES: readonly (readonly [PowerFlowSource, PowerFlowTarget])[] = [
  ['solar', 'home'],
  ['solar', 'battery'],
  ['solar', 'grid'],
  ['battery', 'home'],
  ['battery', 'grid'],
  ['grid', 'home'],
  ['grid', 'battery'],
];

/**
 * Flows of one reading, one link per route (watts 0 when idle). Uses the simulator's and the API's
 * identities: import = max(0, usage − generation + B), export = max(0, generation − usage − B), so
 * the battery power B (+ charging, − discharging) is generation − usage + import − export. The
 * supply (solar, battery discharge, import) then meets the demand (home, battery charge, export)
 * in the order of the routes above: the battery charges from the grid only for what solar leaves
 * uncovered, and discharges into the grid only what the home does not use. The simulator's battery
 * does neither (it follows the solar surplus); other systems may.
 */
export function powerFlows(reading: PowerReading): { links: PowerFlowLink[]; batteryW: number } {
  const g = Math.max(0, reading.generation || 0);
  const u = Math.max(0, reading.usage || 0);
  const imp = Math.max(0, reading.importNet || 0);
  const exp = Math.max(0, reading.exportNet || 0);
  // The fields are hundredths of a watt; rounding drops the float noise of the sum.
  const batteryW = Math.round((g - u + imp - exp) * 100) / 100 || 0;
  const supply: Record<PowerFlowSource, number> = { solar: g, battery: Math.max(0, -batteryW), grid: imp };
  const demand: Record<PowerFlowTarget, number> = { home: u, battery: Math.max(0, batteryW), grid: exp };
  const links = ROUTES.map(([from, to]) => {
    const watts = Math.min(supply[from], demand[to]);
    supply[from] -= watts;
    demand[to] -= watts;
    return { from, to, watts };
  });
  return { links, batteryW };
}
