import type { Formatter } from '../shared/locale.js';
import { type PowerFlowLink, type PowerFlowSource, type PowerReading, powerFlows } from './power-flows.js';

/** A node of the diagram. */
export type PowerFlowNode = 'solar' | 'grid' | 'home' | 'battery';

/** A flow counts as active (drawn, listed) from this many watts. */
export const ACTIVE_W = 1;

/** The diagram's coordinate system. */
export const VIEW_BOX = { width: 420, height: 340 } as const;

/** Radius of every node circle. */
export const NODE_RADIUS = 42;

/** Centre of each node: home in the middle, solar, grid and battery as spokes around it. */
export const NODE_CENTRES: Readonly<Record<PowerFlowNode, readonly [number, number]>> = {
  solar: [210, 46],
  home: [210, 186],
  grid: [72, 266],
  battery: [348, 266],
};

/** Space between a node's circle and the end of a line, so the arrowhead stays visible. */
const GAP = 3;

type Point = readonly [number, number];

/**
 * The route of each pair of nodes, from the first to the second: straight spokes to the home, and
 * arcs around the outside between the outer nodes, so no two routes cross. Each route leaves a node
 * at its own angle, so routes do not even touch at the nodes.
 */
const ROUTES: Readonly<Record<string, readonly Point[]>> = {
  'solar-home': spoke('solar', 'home'),
  'grid-home': spoke('grid', 'home'),
  'battery-home': spoke('battery', 'home'),
  'solar-grid': [edge('solar', 180), [NODE_CENTRES.grid[0], NODE_CENTRES.solar[1]], edge('grid', -90)],
  'solar-battery': [edge('solar', 0), [NODE_CENTRES.battery[0], NODE_CENTRES.solar[1]], edge('battery', -90)],
  'grid-battery': [edge('grid', 35), [150, 332], [270, 332], edge('battery', 145)],
};

/** One node as drawn. */
export interface PowerFlowNodeView {
  key: PowerFlowNode;
  /** Centre, in viewBox units. */
  x: number;
  y: number;
  /** The name inside the circle ("Grid"). */
  label: string;
  /** The number inside the circle ("1.2 kW", "45 %"); '' for none. */
  value: string;
  /** The state under the circle ("Importing 715 W", "Charging 500 W", "Idle"); '' for none. */
  caption: string;
}

/** A possible route between two nodes, drawn as a quiet track whether power flows or not. */
export interface PowerFlowTrackView {
  /** The pair, e.g. 'solar-home'. */
  key: string;
  /** SVG path data. */
  d: string;
}

/** An active flow, drawn over its track from source to target. */
export interface PowerFlowFlowView extends PowerFlowLink {
  /** The track it runs along. */
  track: string;
  /** SVG path data, from the source to the target (the arrowhead sits at the end). */
  d: string;
  /** Stroke width in viewBox units: thicker for more power. */
  width: number;
  /** Seconds per dash cycle: faster for more power. */
  durationS: number;
  /** The sentence for screen readers ("Solar to home: 1.2 kW"). */
  text: string;
}

/** A reading as the diagram needs it: the power fields and the battery's charge. */
export interface PowerFlowReading extends PowerReading {
  /** `BatteryCharge`, %. */
  batteryCharge: number;
}

/** Everything the diagram draws for one reading. */
export interface PowerFlowView {
  nodes: PowerFlowNodeView[];
  tracks: PowerFlowTrackView[];
  flows: PowerFlowFlowView[];
  /** The visually hidden description: every flow, then the grid's and the battery's state. */
  description: string[];
}

/** Sources whose colour an arrowhead can take. */
export const FLOW_SOURCES: readonly PowerFlowSource[] = ['solar', 'grid', 'battery'];

/**
 * What the power flow draws for one reading. Pure: the element renders it, tests check it.
 * Without a battery, the battery node, its routes and any battery power the numbers imply are left out.
 */
export function powerFlowView(
  reading: PowerFlowReading,
  { hasBattery, format: f }: { hasBattery: boolean; format: Formatter },
): PowerFlowView {
  const { links, batteryW } = powerFlows(reading);
  const usesBattery = (l: PowerFlowLink) => l.from === 'battery' || l.to === 'battery';
  const active = links.filter((l) => l.watts >= ACTIVE_W && (hasBattery || !usesBattery(l)));
  const max = Math.max(1, ...active.map((l) => l.watts));
  const flows = active.map((l): PowerFlowFlowView => {
    const track = trackOf(l.from, l.to);
    const points = track.startsWith(`${l.from}-`) ? ROUTES[track] : [...(ROUTES[track] ?? [])].reverse();
    return {
      ...l,
      track,
      d: pathData(points ?? []),
      width: round(1.5 + (4.5 * l.watts) / max),
      durationS: round(3 - (2.4 * l.watts) / max),
      text: `${capital(l.from)} to ${l.to}: ${f.power(l.watts)}`,
    };
  });
  const net = reading.importNet - reading.exportNet;
  const grid = Number.isNaN(net)
    ? '–'
    : net >= ACTIVE_W
      ? `Importing ${f.power(net)}`
      : net <= -ACTIVE_W
        ? `Exporting ${f.power(-net)}`
        : 'Idle';
  const battery =
    batteryW >= ACTIVE_W
      ? `Charging ${f.power(batteryW)}`
      : batteryW <= -ACTIVE_W
        ? `Discharging ${f.power(-batteryW)}`
        : 'Idle';
  const charge = Number.isFinite(reading.batteryCharge) ? `${f.number(reading.batteryCharge, 0)} %` : '–';
  const node = (key: PowerFlowNode, label: string, value: string, caption: string): PowerFlowNodeView => ({
    key,
    x: NODE_CENTRES[key][0],
    y: NODE_CENTRES[key][1],
    label,
    value,
    caption,
  });
  const nodes = [
    node('solar', 'Solar', f.power(reading.generation), ''),
    node('grid', 'Grid', '', grid),
    node('home', 'Home', f.power(reading.usage), ''),
    ...(hasBattery ? [node('battery', 'Battery', charge, battery)] : []),
  ];
  const tracks = Object.entries(ROUTES)
    .filter(([key]) => hasBattery || !key.includes('battery'))
    .map(([key, points]) => ({ key, d: pathData(points) }));
  const description = [
    ...(flows.length === 0 ? ['No power is flowing.'] : flows.map((l) => l.text)),
    `Grid: ${lower(grid)}`,
    ...(hasBattery ? [`Battery: ${charge}, ${lower(battery)}`] : []),
  ];
  return { nodes, tracks, flows, description };
}

/** The track between two nodes, whichever way the power goes. */
function trackOf(from: PowerFlowNode, to: PowerFlowNode): string {
  return `${from}-${to}` in ROUTES ? `${from}-${to}` : `${to}-${from}`;
}

/** The point on a node's circle (plus the gap) at `degrees` (0 = right, 90 = down). */
function edge(node: PowerFlowNode, degrees: number): Point {
  const [x, y] = NODE_CENTRES[node];
  const r = NODE_RADIUS + GAP;
  const a = (degrees * Math.PI) / 180;
  return [x + r * Math.cos(a), y + r * Math.sin(a)];
}

/** A straight line between two nodes' circles. */
function spoke(from: PowerFlowNode, to: PowerFlowNode): Point[] {
  const [x1, y1] = NODE_CENTRES[from];
  const [x2, y2] = NODE_CENTRES[to];
  const degrees = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
  return [edge(from, degrees), edge(to, degrees + 180)];
}

/** A line (2 points), quadratic (3) or cubic (4) Bézier curve. */
function pathData(points: readonly Point[]): string {
  const [start, ...rest] = points.map(([x, y]) => `${round(x)} ${round(y)}`);
  const command = rest.length === 1 ? 'L' : rest.length === 2 ? 'Q' : 'C';
  return `M${start} ${command}${rest.join(' ')}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
