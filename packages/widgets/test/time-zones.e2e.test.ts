// The same Sydney device seen from browsers in different zones: the widgets follow the device's
// zone, so what a person reads (axis labels, "Today") must not depend on the browser's TZ, and the
// axis must stay right on Sydney's two DST-change days seen from London, which has its own DST.
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbedServer, startEmbedServer } from './embed-server.js';

const ZONES = ['UTC', 'Australia/Perth', 'Europe/London'] as const;
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
// Sydney's DST changes of 2026: clocks go back at 03:00 on 5 April, forward at 02:00 on 4 October.
const DST_DAYS = [
  { name: 'dst-end', from: '2026-04-04T13:00:00Z', to: '2026-04-05T13:00:00Z' },
  { name: 'dst-start', from: '2026-10-03T14:00:00Z', to: '2026-10-04T13:00:00Z' },
];

let server: EmbedServer;
let deviceId: string;
// One instant for every browser (their clocks are fixed to it), so "today" is the same day.
let now: number;

function page(range: { from: string; to: string }): string {
  return `<!doctype html><html lang="en-AU"><head><meta charset="utf-8"></head><body style="margin:0">
<script type="module" src="/ct-widgets.js"></script>
<ct-provider base-url="/ct" style="display:block;width:900px">
  <ct-usage-chart device-id="${deviceId}" range="custom" from="${range.from}" to="${range.to}" refresh-interval="0"></ct-usage-chart>
  <ct-energy-summary device-id="${deviceId}" period="today" refresh-interval="0"></ct-energy-summary>
</ct-provider></body></html>`;
}

async function openIn(zone: string, path: string): Promise<{ browser: Browser; tab: Page; errors: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    env: { ...process.env, TZ: zone },
    args: [...CHROMIUM_ARGS],
  });
  const tab = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  await tab.clock.setFixedTime(now);
  await tab.goto(`${server.url}${path}`);
  return { browser, tab, errors };
}

/** What a person reads, plus the tick instants, once both widgets have drawn. */
async function readWidgets(tab: Page) {
  await tab.waitForFunction(
    () => {
      const chart = document.querySelector('ct-usage-chart') as HTMLElement & { axisTicks: unknown[] };
      const summary = document.querySelector('ct-energy-summary');
      return chart?.axisTicks?.length > 0 && summary?.shadowRoot?.querySelector('[part~="metrics"]');
    },
    undefined,
    { timeout: 30_000 },
  );
  return tab.evaluate(() => {
    const chart = document.querySelector('ct-usage-chart') as HTMLElement & {
      axisTicks: { at: number; label: string }[];
    };
    const summary = document.querySelector('ct-energy-summary') as HTMLElement;
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      browserZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ticks: chart.axisTicks.map((t) => ({ at: t.at, label: t.label })),
      chartZone: text(chart.shadowRoot?.querySelector('[part~="zone"]')),
      today: text(summary.shadowRoot?.querySelector('[part~="metrics"]')),
      summaryZone: text(summary.shadowRoot?.querySelector('[part~="zone"]')),
    };
  });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const pages: Record<string, string> = {};
  server = await startEmbedServer(pages);
  const sydney = server.simulator.world.devices.find(
    (d) => d.timeZone === 'Australia/Sydney' && d.offlineSinceMs === null && !d.name.includes('<'),
  );
  if (!sydney) throw new Error('no online Sydney device in the simulator world');
  deviceId = sydney.id;
  for (const day of DST_DAYS) pages[`/${day.name}.html`] = page(day);
  // Two hours ago, on the hour (the simulator has data up to its own now), and at least three hours
  // into Sydney's day: right after Sydney's midnight "today" would hold no data yet, and the test
  // failed for an hour every day.
  const sydneyHour = (t: number) =>
    Number(
      new Intl.DateTimeFormat('en-AU', { timeZone: 'Australia/Sydney', hour: 'numeric', hourCycle: 'h23' }).format(t),
    );
  now = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
  while (sydneyHour(now) < 3) now -= 3_600_000;
});

afterAll(async () => {
  await server?.close();
});

describe('a Sydney device seen from browsers in other zones', () => {
  for (const day of DST_DAYS) {
    it(`shows the same axis labels and the same "Today" from ${ZONES.join(', ')} (${day.name})`, async () => {
      const seen = [];
      for (const zone of ZONES) {
        const { browser, tab, errors } = await openIn(zone, `/${day.name}.html`);
        try {
          const read = await readWidgets(tab);
          expect(read.browserZone).toBe(zone);
          await tab.screenshot({
            path: new URL(`time-zones-${day.name}-${zone.replace('/', '-')}.png`, ARTIFACTS).pathname,
          });
          expect(errors).toEqual([]);
          seen.push({ zone, ...read });
        } finally {
          await browser.close();
        }
      }
      const [first, ...others] = seen;
      expect(first?.chartZone).toContain("Australia/Sydney (the device's zone)");
      expect(first?.summaryZone).toContain('Australia/Sydney');
      for (const other of others) {
        expect({ zone: other.zone, ticks: other.ticks }).toEqual({ zone: other.zone, ticks: first?.ticks });
        expect({ zone: other.zone, today: other.today }).toEqual({ zone: other.zone, today: first?.today });
      }
    });

    it(`labels every tick with its Sydney wall time on the ${day.name} day, seen from London`, async () => {
      const { browser, tab } = await openIn('Europe/London', `/${day.name}.html`);
      try {
        const { ticks } = await readWidgets(tab);
        const hour = new Intl.DateTimeFormat('en-AU', {
          hour: 'numeric',
          minute: '2-digit',
          timeZone: 'Australia/Sydney',
        });
        const dayLabel = new Intl.DateTimeFormat('en-AU', {
          day: 'numeric',
          month: 'short',
          timeZone: 'Australia/Sydney',
        });
        const wall = new Intl.DateTimeFormat('en-AU', {
          hour: 'numeric',
          minute: 'numeric',
          hourCycle: 'h23',
          timeZone: 'Australia/Sydney',
        });
        expect(ticks.length).toBeGreaterThan(6);
        const hours: number[] = [];
        for (const t of ticks) {
          const [h, m] = wall.format(t.at).split(':').map(Number) as [number, number];
          // On round local times only, and each label is that local time (midnight shows the date).
          expect(m).toBe(0);
          expect(t.label).toBe(h === 0 ? dayLabel.format(t.at) : hour.format(t.at));
          hours.push(h);
        }
        // The tick spacing: the smallest gap between neighbours (a skipped hour makes one gap wider).
        const step = Math.min(...hours.slice(1).map((h, i) => (h - (hours[i] as number) + 24) % 24 || 24));
        // Every local multiple of the step is there once, except a time the DST change skips.
        for (const h of hours) expect(h % step).toBe(0);
        if (day.name === 'dst-start') expect(hours.filter((h) => h === 2)).toHaveLength(0);
        expect(new Set(ticks.map((t) => t.at)).size).toBe(ticks.length);
      } finally {
        await browser.close();
      }
    });
  }
});
