import { type CarbonTrackClient, createSeries, type Device, type MeasurementField } from '@carbontrack/core';
import { deviceHasBattery } from '@carbontrack/core/devices';
import { LiveDataHub } from '@carbontrack/core/live';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { Formatter } from '../shared/locale.js';
import {
  cleanup,
  devices,
  directClient,
  expectAccessible,
  mount,
  part,
  type TestAuth,
  waitForPart,
} from '../test/fixtures.js';
import type { CtPowerFlow } from './power-flow.component.js';
import styles from './power-flow.styles.js';
import { NODE_RADIUS, type PowerFlowView, powerFlowView, type PowerFlowReading as Reading } from './power-flow-view.js';
import { type PowerFlowLink, powerFlows } from './power-flows.js';

const hubs: LiveDataHub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.dispose();
  cleanup();
});

const f = new Formatter('en');
const HOUR_MS = 3_600_000;

async function mountFlow(deviceId: string, auth?: TestAuth): Promise<CtPowerFlow> {
  const provider = await mount(html`<ct-power-flow device-id=${deviceId}></ct-power-flow>`, auth);
  return provider.querySelector('ct-power-flow') as CtPowerFlow;
}

/** The last reading of a device on the simulator, as core reads it. */
async function latestOf(deviceId: string) {
  const now = Date.now();
  const series = await directClient()
    .measurements({ deviceId, from: now - HOUR_MS, to: now + 60_000 })
    .collect();
  const last = series.length - 1;
  const col = (name: MeasurementField) => series.columns[name][last] as number;
  return {
    usage: col('PowerUsage'),
    generation: col('Generating'),
    importNet: col('PowerUsageNet'),
    exportNet: col('PowerExportedNet'),
    batteryCharge: col('BatteryCharge'),
  };
}

const STUB_ID = '1234567890123456';
const WITH_BATTERY: Device = {
  DeviceID: STUB_ID,
  DeviceName: 'Test home',
  SensorConfig: 'CT1:Lights and power;solar=6kWp;battery=10kWh',
  MeasurementConfig: 'interval=300;battery=10kWh',
};

/**
 * A power flow on a real hub whose client answers with one fixed reading: the one place these
 * tests stub, because the simulator's readings follow the clock and cannot be chosen.
 */
async function mountReading(reading: Reading, device: Device = WITH_BATTERY): Promise<CtPowerFlow> {
  const columns: Partial<Record<MeasurementField, number[]>> = {
    PowerUsage: [reading.usage],
    Generating: [reading.generation],
    PowerUsageNet: [reading.importNet],
    PowerExportedNet: [reading.exportNet],
    BatteryCharge: [reading.batteryCharge],
  };
  const client = {
    device: async () => device,
    measurements: () => ({ collect: async () => createSeries({ time: [Date.now()], columns, deviceId: STUB_ID }) }),
  } as unknown as CarbonTrackClient;
  const hub = new LiveDataHub(client);
  hubs.push(hub);
  const container = document.createElement('div');
  container.style.width = '640px';
  const flow = document.createElement('ct-power-flow');
  flow.deviceId = STUB_ID;
  flow.refreshInterval = 0;
  flow.hub = hub;
  container.append(flow);
  document.body.append(container);
  await waitForPart(flow, 'diagram');
  return flow;
}

function wattsOf(links: PowerFlowLink[]): Record<string, number> {
  return Object.fromEntries(links.map((l) => [`${l.from}-${l.to}`, l.watts]));
}

/** What a sighted person reads in the diagram (the hidden list excluded). */
function diagramText(flow: CtPowerFlow): string {
  return (part(flow, 'diagram')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function shadow(flow: CtPowerFlow): ShadowRoot {
  return flow.shadowRoot as ShadowRoot;
}

function centreOf(flow: CtPowerFlow, node: string): { x: number; y: number } {
  const g = shadow(flow).querySelector(`[data-node="${node}"]`) as SVGGElement;
  const matrix = g.transform.baseVal.consolidate()?.matrix;
  return { x: matrix?.e ?? Number.NaN, y: matrix?.f ?? Number.NaN };
}

type P = { x: number; y: number };

function samples(path: SVGGeometryElement, count = 80): P[] {
  const length = path.getTotalLength();
  return Array.from({ length: count + 1 }, (_, i) => {
    const p = path.getPointAtLength((length * i) / count);
    return { x: p.x, y: p.y };
  });
}

function segmentsCross(a: P, b: P, c: P, d: P): boolean {
  const side = (p: P, q: P, r: P) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const d1 = side(c, d, a);
  const d2 = side(c, d, b);
  const d3 = side(a, b, c);
  const d4 = side(a, b, d);
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true;
  const near = (p: P, q: P, r: P) =>
    Math.min(p.x, q.x) - 0.5 <= r.x &&
    r.x <= Math.max(p.x, q.x) + 0.5 &&
    Math.min(p.y, q.y) - 0.5 <= r.y &&
    r.y <= Math.max(p.y, q.y) + 0.5;
  // Touching counts as crossing too.
  return (
    (d1 === 0 && near(c, d, a)) ||
    (d2 === 0 && near(c, d, b)) ||
    (d3 === 0 && near(a, b, c)) ||
    (d4 === 0 && near(a, b, d))
  );
}

function polylinesCross(a: P[], b: P[]): boolean {
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      if (segmentsCross(a[i - 1] as P, a[i] as P, b[j - 1] as P, b[j] as P)) return true;
    }
  }
  return false;
}

/**
 * The geometric checks of what is drawn: no two routes cross or touch, no line runs under a node
 * or a caption, each flow is in its source node's colour and ends in an arrowhead of that colour
 * at its target, and no text sticks out of the diagram.
 */
function expectReadableDiagram(flow: CtPowerFlow): void {
  const root = shadow(flow);
  const svgElement = part(flow, 'diagram') as unknown as SVGSVGElement;
  const paths = [...root.querySelectorAll<SVGPathElement>('path.track, path.flow')];
  const byTrack = new Map<string, P[][]>();
  for (const p of paths) {
    const key = p.dataset.track as string;
    byTrack.set(key, [...(byTrack.get(key) ?? []), samples(p)]);
  }
  const keys = [...byTrack.keys()];
  expect(keys.length).toBeGreaterThan(0);
  const crossings: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      for (const a of byTrack.get(keys[i] as string) ?? []) {
        for (const b of byTrack.get(keys[j] as string) ?? []) {
          if (polylinesCross(a, b)) crossings.push(`${keys[i]} × ${keys[j]}`);
        }
      }
    }
  }
  expect(crossings).toEqual([]);

  const nodes = [...root.querySelectorAll<SVGGElement>('[data-node]')].map((g) => g.dataset.node as string);
  const underNodes: string[] = [];
  for (const [key, lines] of byTrack) {
    for (const node of nodes) {
      const c = centreOf(flow, node);
      const inside = lines.flat().some((p) => Math.hypot(p.x - c.x, p.y - c.y) < NODE_RADIUS + 1);
      if (inside) underNodes.push(`${key} under ${node}`);
    }
  }
  expect(underNodes).toEqual([]);

  const view = svgElement.viewBox.baseVal;
  for (const text of root.querySelectorAll<SVGTextElement>('text')) {
    const box = text.getBBox();
    const g = text.parentElement as unknown as SVGGElement;
    const c = centreOf(flow, g.dataset.node as string);
    const left = c.x + box.x;
    const top = c.y + box.y;
    expect(box.width, text.textContent ?? '').toBeGreaterThan(0);
    expect(left, `${text.textContent} inside the diagram`).toBeGreaterThanOrEqual(view.x);
    expect(top, `${text.textContent} inside the diagram`).toBeGreaterThanOrEqual(view.y);
    expect(left + box.width, `${text.textContent} inside the diagram`).toBeLessThanOrEqual(view.x + view.width);
    expect(top + box.height, `${text.textContent} inside the diagram`).toBeLessThanOrEqual(view.y + view.height);
    if (!text.classList.contains('caption')) {
      // Inside the circle: the widest line, at its baseline or top, fits within the circle.
      const y = Math.max(Math.abs(box.y), Math.abs(box.y + box.height));
      const chord = 2 * Math.sqrt(NODE_RADIUS ** 2 - y ** 2);
      expect(box.width, `"${text.textContent}" fits in its circle`).toBeLessThanOrEqual(chord);
    }
    if (text.classList.contains('caption')) {
      const hit = [...byTrack.values()]
        .flat(2)
        .some((p) => p.x >= left && p.x <= left + box.width && p.y >= top && p.y <= top + box.height);
      expect(hit, `a line runs through the caption "${text.textContent}"`).toBe(false);
    }
  }

  const flows = [...root.querySelectorAll<SVGPathElement>('path.flow')];
  for (const line of flows) {
    const [from, to] = (line.dataset.flow as string).split('-') as [string, string];
    const source = root.querySelector(`[data-node="${from}"] circle`) as SVGCircleElement;
    const colour = getComputedStyle(source).stroke;
    expect(getComputedStyle(line).stroke, `${line.dataset.flow} in the colour of ${from}`).toBe(colour);
    const marker = line.getAttribute('marker-end') ?? '';
    const id = /^url\(#(.+)\)$/.exec(marker)?.[1] ?? '';
    const arrow = root.getElementById(id)?.querySelector('path');
    expect(arrow, `${line.dataset.flow} has an arrowhead`).toBeTruthy();
    expect(getComputedStyle(arrow as SVGPathElement).fill, `${line.dataset.flow}'s arrowhead colour`).toBe(colour);
    const points = samples(line, 2);
    const end = points[2] as P;
    const start = points[0] as P;
    const target = centreOf(flow, to);
    const origin = centreOf(flow, from);
    expect(Math.hypot(end.x - target.x, end.y - target.y), `${line.dataset.flow} ends at ${to}`).toBeLessThan(
      NODE_RADIUS + 5,
    );
    expect(Math.hypot(start.x - origin.x, start.y - origin.y), `${line.dataset.flow} starts at ${from}`).toBeLessThan(
      NODE_RADIUS + 5,
    );
  }
}

describe('powerFlows', () => {
  it('keeps the energy balance: home = solar + battery + grid shares', () => {
    const { links, batteryW } = powerFlows({ usage: 1500, generation: 4000, importNet: 0, exportNet: 1000 });
    expect(batteryW).toBe(1500);
    expect(wattsOf(links)).toEqual({
      'solar-home': 1500,
      'solar-battery': 1500,
      'solar-grid': 1000,
      'battery-home': 0,
      'battery-grid': 0,
      'grid-home': 0,
      'grid-battery': 0,
    });
  });

  it('importing: the grid covers what solar does not', () => {
    const { links, batteryW } = powerFlows({ usage: 1500, generation: 785, importNet: 715, exportNet: 0 });
    expect(batteryW).toBe(0);
    expect(wattsOf(links)).toMatchObject({ 'solar-home': 785, 'grid-home': 715, 'solar-grid': 0 });
  });

  it('exporting: solar beyond the home goes to the grid', () => {
    const { links, batteryW } = powerFlows({ usage: 800, generation: 2000, importNet: 0, exportNet: 1200 });
    expect(batteryW).toBe(0);
    expect(wattsOf(links)).toMatchObject({ 'solar-home': 800, 'solar-grid': 1200, 'grid-home': 0 });
  });

  it('discharging: the battery serves the home before the grid does', () => {
    const { links, batteryW } = powerFlows({ usage: 800, generation: 0, importNet: 300, exportNet: 0 });
    expect(batteryW).toBe(-500);
    expect(wattsOf(links)).toMatchObject({ 'battery-home': 500, 'grid-home': 300, 'battery-grid': 0 });
  });

  it('charging from the grid and discharging into it, when the numbers say so', () => {
    const fromGrid = powerFlows({ usage: 500, generation: 200, importNet: 1300, exportNet: 0 });
    expect(fromGrid.batteryW).toBe(1000);
    expect(wattsOf(fromGrid.links)).toMatchObject({ 'solar-home': 200, 'grid-home': 300, 'grid-battery': 1000 });
    const toGrid = powerFlows({ usage: 500, generation: 0, importNet: 0, exportNet: 1500 });
    expect(toGrid.batteryW).toBe(-2000);
    expect(wattsOf(toGrid.links)).toMatchObject({ 'battery-home': 500, 'battery-grid': 1500 });
  });

  it('idle battery: no battery power, and missing values count as 0', () => {
    const idle = powerFlows({ usage: 400, generation: 0, importNet: 400, exportNet: 0 });
    expect(idle.batteryW).toBe(0);
    const missing = powerFlows({ usage: Number.NaN, generation: Number.NaN, importNet: 0, exportNet: Number.NaN });
    expect(missing.batteryW).toBe(0);
    expect(missing.links.every((l) => l.watts === 0)).toBe(true);
  });

  it("recovers the simulator's battery power and balances every node, for its identities", () => {
    for (const usage of [100, 640.37, 2500]) {
      for (const generation of [0, 333.33, 4000]) {
        for (const battery of [-3300, -120.5, 0, 75.25, 5000]) {
          // The simulator's identities (measurement-generator.ts), in hundredths of a watt.
          const importNet = Math.max(0, Math.round((usage - generation + battery) * 100)) / 100;
          const exportNet = Math.max(0, Math.round((generation - usage - battery) * 100)) / 100;
          const { links, batteryW } = powerFlows({ usage, generation, importNet, exportNet });
          expect(batteryW).toBeCloseTo(battery, 6);
          const sum = (pick: (l: PowerFlowLink) => boolean) =>
            links.filter(pick).reduce((total, l) => total + l.watts, 0);
          expect(sum((l) => l.to === 'home')).toBeCloseTo(usage, 6);
          expect(sum((l) => l.from === 'solar')).toBeCloseTo(generation, 6);
          expect(sum((l) => l.from === 'grid') - sum((l) => l.to === 'grid')).toBeCloseTo(importNet - exportNet, 6);
          expect(sum((l) => l.to === 'battery') - sum((l) => l.from === 'battery')).toBeCloseTo(battery, 6);
          expect(links.every((l) => l.watts >= 0)).toBe(true);
        }
      }
    }
  });
});

describe('deviceHasBattery', () => {
  it('reads the battery from the device information, not from the charge', async () => {
    expect(deviceHasBattery(WITH_BATTERY)).toBe(true);
    expect(
      deviceHasBattery({ DeviceID: STUB_ID, SensorConfig: 'CT1:Lights and power', MeasurementConfig: 'interval=300' }),
    ).toBe(false);
    expect(deviceHasBattery({})).toBe(false);
    expect(deviceHasBattery(await directClient().device(devices.live))).toBe(true);
  });
});

describe('powerFlowView', () => {
  const view = (reading: Reading, hasBattery = true): PowerFlowView =>
    powerFlowView(reading, { hasBattery, format: f });
  const caption = (v: PowerFlowView, key: string) => v.nodes.find((n) => n.key === key)?.caption;

  it('says whether the grid imports or exports, never with a negative number', () => {
    const importing = view({ usage: 1500, generation: 785, importNet: 715, exportNet: 0, batteryCharge: 50 });
    expect(caption(importing, 'grid')).toBe('Importing 715 W');
    const exporting = view({ usage: 800, generation: 2000, importNet: 0, exportNet: 1200, batteryCharge: 100 });
    expect(caption(exporting, 'grid')).toBe('Exporting 1.2 kW');
    const idle = view({ usage: 800, generation: 0, importNet: 0, exportNet: 0, batteryCharge: 60 });
    expect(caption(idle, 'grid')).toBe('Idle');
    for (const v of [importing, exporting, idle]) {
      expect(v.nodes.map((n) => `${n.value} ${n.caption}`).join(' ')).not.toMatch(/[-−]\s*\d/);
    }
  });

  it('gives the battery its charge and whether it charges or discharges', () => {
    const charging = view({ usage: 1500, generation: 4000, importNet: 0, exportNet: 2000, batteryCharge: 45.4 });
    expect(charging.nodes.find((n) => n.key === 'battery')).toMatchObject({ value: '45 %', caption: 'Charging 500 W' });
    const discharging = view({ usage: 800, generation: 0, importNet: 500, exportNet: 0, batteryCharge: 80 });
    expect(caption(discharging, 'battery')).toBe('Discharging 300 W');
    expect(discharging.description).toContain('Battery: 80 %, discharging 300 W');
  });

  it('shows an idle battery at 0 %, with its routes', () => {
    const empty = view({ usage: 400, generation: 0, importNet: 400, exportNet: 0, batteryCharge: 0 });
    expect(empty.nodes.find((n) => n.key === 'battery')).toMatchObject({
      label: 'Battery',
      value: '0 %',
      caption: 'Idle',
    });
    expect(empty.tracks.map((t) => t.key)).toEqual(
      expect.arrayContaining(['battery-home', 'solar-battery', 'grid-battery']),
    );
    expect(empty.flows.map((l) => `${l.from}-${l.to}`)).toEqual(['grid-home']);
    expect(empty.description).toEqual(['Grid to home: 400 W', 'Grid: importing 400 W', 'Battery: 0 %, idle']);
  });

  it('leaves the battery out for a device without one', () => {
    const v = view({ usage: 400, generation: 0, importNet: 100, exportNet: 0, batteryCharge: 0 }, false);
    expect(v.nodes.map((n) => n.key)).toEqual(['solar', 'grid', 'home']);
    expect(v.tracks.some((t) => t.key.includes('battery'))).toBe(false);
    expect(v.flows.map((l) => `${l.from}-${l.to}`)).toEqual(['grid-home']);
  });

  it('lists every flow for screen readers and scales lines with the power', () => {
    const v = view({ usage: 1500, generation: 4000, importNet: 0, exportNet: 1000, batteryCharge: 50 });
    expect(v.description).toEqual([
      'Solar to home: 1.5 kW',
      'Solar to battery: 1.5 kW',
      'Solar to grid: 1 kW',
      'Grid: exporting 1 kW',
      'Battery: 50 %, charging 1.5 kW',
    ]);
    const width = Object.fromEntries(v.flows.map((l) => [`${l.from}-${l.to}`, l.width]));
    expect(width['solar-home']).toBe(6);
    expect(width['solar-grid']).toBeLessThan(width['solar-home'] as number);
    expect(view({ usage: 0, generation: 0, importNet: 0, exportNet: 0, batteryCharge: 0 }).description[0]).toBe(
      'No power is flowing.',
    );
  });
});

describe('<ct-power-flow>', () => {
  it('is accessible in light and dark themes', async () => {
    const flow = await mountFlow(devices.live);
    await expectAccessible(flow);
    await waitForPart(flow, 'diagram');
    await expectAccessible(flow);
  });

  it('shows the flows of the latest reading, as core reads it, in readable colours and arrows', async () => {
    const flow = await mountFlow(devices.live);
    await waitForPart(flow, 'diagram');
    const reading = await latestOf(devices.live);
    const expected = powerFlowView(reading, { hasBattery: true, format: f });
    const description = part(flow, 'description')?.textContent?.replace(/\s+/g, ' ') ?? '';
    for (const line of expected.description) expect(description).toContain(line);
    for (const link of expected.flows) {
      expect(shadow(flow).querySelector(`[data-flow="${link.from}-${link.to}"]`)).not.toBeNull();
    }
    const text = diagramText(flow);
    expect(text).toContain(f.power(reading.usage));
    expect(text).toContain(`${f.number(reading.batteryCharge, 0)} %`);
    expect(text).toMatch(/Importing \d|Exporting \d|Idle/);
    expect(text).not.toMatch(/[-−]\s*\d/);
    expectReadableDiagram(flow);
  });

  it('shows the battery of a battery device at 0 %, idle', async () => {
    const client = directClient();
    const withBattery = (await client.devices().collect()).filter(deviceHasBattery);
    let empty: string | undefined;
    for (const device of withBattery) {
      const id = device.DeviceID as string;
      const reading = await latestOf(id).catch(() => null);
      if (reading?.batteryCharge === 0) {
        empty = id;
        break;
      }
    }
    expect(empty, 'a simulator device with an empty battery (a battery without solar)').toBeDefined();
    const flow = await mountFlow(empty as string);
    await waitForPart(flow, 'diagram');
    const battery = shadow(flow).querySelector('[data-node="battery"]');
    expect(battery?.textContent?.replace(/\s+/g, ' ')).toMatch(/Battery 0 % Idle/);
    expect(part(flow, 'description')?.textContent).toContain('Battery: 0 %, idle');
    expectReadableDiagram(flow);
  });

  it('leaves the battery out for a device without one', async () => {
    const flow = await mountReading(
      { usage: 900, generation: 2000, importNet: 0, exportNet: 1100, batteryCharge: 0 },
      { DeviceID: STUB_ID, SensorConfig: 'CT1:Lights and power;solar=6kWp', MeasurementConfig: 'interval=300' },
    );
    expect(shadow(flow).querySelector('[data-node="battery"]')).toBeNull();
    expect(shadow(flow).querySelector('[data-track*="battery"]')).toBeNull();
    expect(diagramText(flow)).toContain('Exporting 1.1 kW');
    expectReadableDiagram(flow);
  });

  it.each([
    [
      'importing',
      { usage: 1500, generation: 785, importNet: 715, exportNet: 0, batteryCharge: 0 },
      'Importing 715 W',
      'Idle',
    ],
    [
      'exporting while charging',
      { usage: 800, generation: 4500, importNet: 0, exportNet: 1200, batteryCharge: 62 },
      'Exporting 1.2 kW',
      'Charging 2.5 kW',
    ],
    [
      'discharging',
      { usage: 800, generation: 0, importNet: 500, exportNet: 0, batteryCharge: 80 },
      'Importing 500 W',
      'Discharging 300 W',
    ],
    [
      'charging from the grid',
      { usage: 500, generation: 200, importNet: 1300, exportNet: 0, batteryCharge: 20 },
      'Importing 1.3 kW',
      'Charging 1 kW',
    ],
    [
      'discharging into the grid',
      { usage: 500, generation: 0, importNet: 0, exportNet: 1500, batteryCharge: 90 },
      'Exporting 1.5 kW',
      'Discharging 2 kW',
    ],
    [
      'a big system',
      { usage: 11240.5, generation: 14870.25, importNet: 0, exportNet: 1629.75, batteryCharge: 100 },
      'Exporting 1.63 kW',
      'Charging 2 kW',
    ],
  ] as const)(
    'draws %s in words, source colours and arrows, with no crossing lines',
    async (_, reading, grid, battery) => {
      const flow = await mountReading(reading);
      const text = diagramText(flow);
      expect(text).toContain(`Grid ${grid}`);
      expect(text).toContain(`Battery ${f.number(reading.batteryCharge, 0)} % ${battery}`);
      expect(text).not.toMatch(/[-−]\s*\d/);
      const view = powerFlowView(reading, { hasBattery: true, format: f });
      const drawn = [...shadow(flow).querySelectorAll<SVGPathElement>('path.flow')].map((p) => p.dataset.flow);
      expect(drawn).toEqual(view.flows.map((l) => `${l.from}-${l.to}`));
      for (const theme of ['light', 'dark'] as const) {
        flow.setAttribute('theme', theme);
        await flow.updateComplete;
        expectReadableDiagram(flow);
      }
    },
  );

  it('stops the dash motion under prefers-reduced-motion, and keeps the arrowheads', async () => {
    const sheet = styles[1]?.styleSheet as CSSStyleSheet;
    const reduced = [...sheet.cssRules].find(
      (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('prefers-reduced-motion: reduce'),
    );
    const flowRule = [...(reduced?.cssRules ?? [])].find(
      (r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText === '.flow',
    );
    expect(flowRule?.style.animationName).toBe('none');
    expect(flowRule?.style.strokeDasharray).toBe('none');
    expect(reduced?.cssText).not.toMatch(/arrow|marker/);
    const flow = await mountReading({ usage: 800, generation: 0, importNet: 500, exportNet: 0, batteryCharge: 80 });
    for (const line of shadow(flow).querySelectorAll('path.flow'))
      expect(line.getAttribute('marker-end')).toMatch(/^url\(#/);
  });

  it('polls every 30 s by default', async () => {
    const flow = document.createElement('ct-power-flow');
    expect(flow.refreshInterval).toBe(30);
    expect(flow.refreshIntervalMs).toBe(30_000);
    flow.setAttribute('refresh-interval', '5');
    expect(flow.refreshInterval).toBe(5);
  });

  it('saves screenshots at 390 and 1280 px, light and dark', async () => {
    const scenes = [
      ['live', () => mountFlow(devices.live)],
      ['busy', () => mountReading({ usage: 800, generation: 4500, importNet: 0, exportNet: 1200, batteryCharge: 62 })],
      [
        'no-battery',
        () =>
          mountReading(
            { usage: 2300, generation: 1585, importNet: 715, exportNet: 0, batteryCharge: 0 },
            { DeviceID: STUB_ID, SensorConfig: 'CT1:Lights and power;solar=6kWp', MeasurementConfig: 'interval=300' },
          ),
      ],
    ] as const;
    try {
      for (const [scene, mountScene] of scenes) {
        const flow = await mountScene();
        await waitForPart(flow, 'diagram');
        (flow.closest('div') as HTMLElement).style.width = 'auto';
        for (const width of [390, 1280]) {
          await page.viewport(width, 800);
          for (const theme of ['light', 'dark'] as const) {
            flow.setAttribute('theme', theme);
            await flow.updateComplete;
            console.log(
              'DEBUG',
              width,
              window.innerWidth,
              document.documentElement.clientWidth,
              flow.getBoundingClientRect().width,
              window.devicePixelRatio,
            );
            await page.screenshot({
              element: flow,
              path: `../../test-artifacts/power-flow-${scene}-${width}-${theme}.png`,
            });
          }
        }
        cleanup();
      }
    } finally {
      await page.viewport(414, 896);
    }
  });

  it('shows an empty state for a device without recent data', async () => {
    const flow = await mountFlow(devices.offline);
    await waitForPart(flow, 'empty');
  });

  it('shows the error message with a retry button, and recovers on retry', async () => {
    const auth: TestAuth = { failWith: 'Token service unavailable', calls: 0 };
    const flow = await mountFlow(devices.live, auth);
    expect((await waitForPart(flow, 'error-message')).textContent).toContain('Token service unavailable');
    auth.failWith = null;
    (part(flow, 'retry-button') as HTMLButtonElement).click();
    await waitForPart(flow, 'diagram');
  });
});
