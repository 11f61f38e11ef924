import { createSeries } from '@carbontrack/core';
import { compareSummaries, cost, coverage, summarize, type Tariff } from '@carbontrack/core/energy';
import exampleTariff from '@carbontrack/core/example-time-of-use.tariff.json' with { type: 'json' };
import { energyComparisonRange, energyPeriodRange } from '@carbontrack/core/live';
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { Formatter } from '../shared/locale.js';
import {
  cleanup,
  devices,
  directClient,
  expectAccessible,
  mount,
  part,
  shadowText,
  simulatorUrl,
  waitForPart,
} from '../test/fixtures.js';
import type { CtEnergySummary } from './energy-summary.component.js';

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const ZONE = 'Australia/Melbourne';
const DAY_MS = 86_400_000;
const tariff = exampleTariff as unknown as Tariff;
const f = new Formatter('en');

async function mountSummary(attributes: Record<string, string>, props: { tariff?: Tariff } = {}) {
  const provider = await mount(
    html`<ct-energy-summary time-zone=${ZONE} .refreshInterval=${0} .tariff=${props.tariff}></ct-energy-summary>`,
  );
  const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
  for (const [name, value] of Object.entries(attributes)) summary.setAttribute(name, value);
  return summary;
}

/** The visible text of one metric of a list part ("Net" → "$4.12 +$0.30"). */
function metricText(summary: CtEnergySummary, listPart: string, label: string): string {
  const list = part(summary, listPart);
  const row = [...(list?.querySelectorAll('[part~="metric"]') ?? [])].find(
    (el) => el.querySelector('dt')?.textContent?.trim() === label,
  );
  // The value and its change (a block below it) read as two words.
  const dd = row?.querySelector('dd');
  return [...(dd?.childNodes ?? [])]
    .filter((node) => node.nodeType === Node.TEXT_NODE || node.nodeType === Node.ELEMENT_NODE)
    .map((node) => (node.textContent ?? '').trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('<ct-energy-summary> with a tariff', () => {
  it("shows each charge and the net of a series as core's cost prices it", async () => {
    const { from, to } = energyPeriodRange('7d', ZONE, Date.now());
    const series = await directClient().measurements({ deviceId: devices.live, from, to }).collect();
    const provider = await mount(
      html`<ct-energy-summary time-zone=${ZONE} .series=${series} .tariff=${tariff}></ct-energy-summary>`,
    );
    const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
    await waitForPart(summary, 'cost');
    const bill = cost(series, tariff, { timeZone: ZONE });
    expect(bill.net).toBeGreaterThan(0);
    expect(metricText(summary, 'cost', 'Import cost')).toBe(f.money(bill.importCost, 'AUD'));
    expect(metricText(summary, 'cost', 'Feed-in credit')).toBe(
      f.money(bill.exportCredit > 0 ? -bill.exportCredit : 0, 'AUD'),
    );
    expect(metricText(summary, 'cost', 'Supply')).toBe(f.money(bill.supply, 'AUD'));
    expect(metricText(summary, 'cost', 'GST')).toBe(f.money(bill.gst, 'AUD'));
    expect(metricText(summary, 'cost', 'Net')).toBe(f.money(bill.net, 'AUD'));
    expect(shadowText(summary)).toContain('an example, not a real offer');
    // Peak demand, and when it was in the zone shown.
    const s = summarize(series, { timeZone: ZONE });
    expect(metricText(summary, 'metrics', 'Peak demand')).toBe(
      `${f.power(s.peakDemandW as number)} at ${f.dateTime(s.peakDemandTime as number, ZONE, { dateStyle: 'medium', timeStyle: 'short' })}`,
    );
    await expectAccessible(summary);
  });

  it('fetches tariff-url once for every summary on it, and names what is wrong with a bad one', async () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(tariff)], { type: 'application/json' }));
    const summary = await mountSummary({ 'device-id': devices.live, period: 'today', 'tariff-url': url });
    await waitForPart(summary, 'cost');
    expect(metricText(summary, 'cost', 'Net')).toMatch(/^A\$\d/);

    // Overlapping windows: the path in the tariff is named.
    const overlapping = structuredClone(tariff) as unknown as {
      versions: { import: { timeOfUse: { windows: { from: string }[] }[] } }[];
    };
    (overlapping.versions[0]?.import.timeOfUse[1]?.windows[0] as { from: string }).from = '15:00';
    summary.setAttribute('tariff-url', URL.createObjectURL(new Blob([JSON.stringify(overlapping)])));
    const bad = await waitForPart(summary, 'cost-error');
    await vi.waitFor(() => expect(bad.textContent).toMatch(/not valid: .*versions\[0\]\.import\.timeOfUse/));
    expect(part(summary, 'metrics')).not.toBeNull();

    summary.setAttribute('tariff-url', `${simulatorUrl}/no-such-tariff.json?key=s3cret`);
    await vi.waitFor(() => expect(part(summary, 'cost-error')?.textContent).toContain('HTTP 404'));
    expect(part(summary, 'cost-error')?.textContent).toContain('/no-such-tariff.json');
    expect(shadowText(summary)).not.toContain('s3cret');

    // A user name and password in the address: refused before any request, and never repeated.
    summary.setAttribute('tariff-url', `${simulatorUrl.replace('//', '//partner:pa55word@')}/tariff.json`);
    await vi.waitFor(() =>
      expect(part(summary, 'cost-error')?.textContent).toContain('carries a user name or password'),
    );
    expect(shadowText(summary)).not.toContain('pa55word');
    expect(shadowText(summary)).not.toContain('partner:');

    summary.setAttribute('tariff-url', URL.createObjectURL(new Blob(['<html>not a tariff</html>'])));
    await vi.waitFor(() => expect(part(summary, 'cost-error')?.textContent).toContain('is not JSON'));

    // Far more than a tariff: abandoned at 512 kB, named as such.
    summary.setAttribute('tariff-url', URL.createObjectURL(new Blob([' '.repeat(600 * 1024)])));
    await vi.waitFor(() => expect(part(summary, 'cost-error')?.textContent).toContain('is over 512 kB'));
  });

  it('names the problem of an invalid tariff property instead of pricing with it', async () => {
    const broken = { ...tariff, versions: [] } as unknown as Tariff;
    const summary = await mountSummary({ 'device-id': devices.live, period: 'today' }, { tariff: broken });
    const problem = await waitForPart(summary, 'cost-error');
    expect(problem.textContent).toContain('The tariff is not valid');
    expect(problem.textContent).toContain('versions');
    expect(part(summary, 'cost')).toBeNull();
  });
});

describe('<ct-energy-summary compare>', () => {
  it("compare='previous' shows signed changes from the 7 days before, as core compares them", async () => {
    const summary = await mountSummary({ 'device-id': devices.live, period: '7d', compare: 'previous' });
    await vi.waitFor(() => expect(part(summary, 'comparison')?.textContent).toContain('against the 7 days before'), {
      timeout: 15_000,
    });
    const now = Date.now();
    const client = directClient();
    const range = energyPeriodRange('7d', ZONE, now);
    const earlier = energyComparisonRange('7d', 'previous', ZONE, now);
    const read = (r: { from: number; to: number }) =>
      client.measurements({ deviceId: devices.live, from: r.from, to: r.to }).collect();
    const [a, b] = await Promise.all([read(range), read(earlier)]);
    const expected = compareSummaries(
      { summary: summarize(a, { timeZone: ZONE }), coverage: 1 },
      { summary: summarize(b, { timeZone: ZONE }), coverage: 1 },
    );
    const shown = metricText(summary, 'metrics', 'Consumption');
    const delta = /([+\-−]?[\d,.]+) kWh \(([+\-−]?\d+) %\)$/.exec(shown);
    expect(delta, shown).not.toBeNull();
    const change = Number((delta?.[1] ?? '').replace('−', '-').replace(/,/g, ''));
    // The periods roll with the clock: a sample or two at either end may differ from ours.
    expect(Math.abs(change - (expected.consumptionKWh.change ?? 0))).toBeLessThan(0.6);
    expect(shown.startsWith(f.number(summarize(a, { timeZone: ZONE }).consumptionKWh, 1).slice(0, 2))).toBe(true);
    expect(part(summary, 'delta')).not.toBeNull();
  });

  it("compare='year' compares with the same days a year earlier, and the net changes too under a tariff", async () => {
    const summary = await mountSummary({ 'device-id': devices.live, period: 'today', compare: 'year' }, { tariff });
    await vi.waitFor(() => expect(part(summary, 'comparison')?.textContent).toContain('this day a year ago'), {
      timeout: 15_000,
    });
    await vi.waitFor(() =>
      expect(metricText(summary, 'cost', 'Net')).toMatch(/^A\$[\d.,]+ ([+\-−]A\$[\d.,]+|A\$0\.00)$/),
    );
  });
});

describe('<ct-energy-summary> coverage', () => {
  it('says how complete a period with an outage is, as core measures it, and nothing when complete', async () => {
    const summary = await mountSummary({ 'device-id': devices.offline, period: '7d' });
    const shown = await waitForPart(summary, 'coverage');
    const { from, to } = energyPeriodRange('7d', ZONE, Date.now());
    const series = await directClient().measurements({ deviceId: devices.offline, from, to }).collect();
    const share = coverage(series, from, to - 10 * 60_000) as number;
    expect(share).toBeLessThan(0.99);
    const percent = Number(/Data (\d+) % complete/.exec(shown.textContent ?? '')?.[1]);
    expect(Math.abs(percent - Math.floor(share * 100))).toBeLessThanOrEqual(1);

    const complete = await mountSummary({ 'device-id': devices.live, period: '7d' });
    await waitForPart(complete, 'metrics');
    expect(part(complete, 'coverage')).toBeNull();
  });
});

describe('<ct-energy-summary> as a person sees it', () => {
  it('fits a phone and a desktop, light and dark, with cost and changes, and recovers from a failed tariff-url', async () => {
    const summary = await mountSummary({ 'device-id': devices.live, period: 'today', compare: 'previous' }, { tariff });
    await waitForPart(summary, 'cost');
    await vi.waitFor(() => expect(part(summary, 'delta')).not.toBeNull(), { timeout: 15_000 });
    (summary.closest('div') as HTMLElement).style.width = 'auto';
    try {
      for (const width of [390, 1280]) {
        await page.viewport(width, 900);
        for (const theme of ['light', 'dark'] as const) {
          summary.setAttribute('theme', theme);
          await summary.updateComplete;
          const box = summary.getBoundingClientRect();
          expect(box.width).toBeLessThanOrEqual(width);
          for (const el of summary.shadowRoot?.querySelectorAll('dd, [part~="comparison"]') ?? []) {
            const r = el.getBoundingClientRect();
            expect(r.right, el.textContent ?? '').toBeLessThanOrEqual(box.right + 0.5);
          }
          await page.screenshot({
            element: summary,
            path: `../../test-artifacts/energy-summary-cost-${width}-${theme}.png`,
          });
        }
      }
    } finally {
      await page.viewport(1280, 900);
    }
    // A tariff address that fails, then a retry that works, by a real click.
    summary.tariff = undefined;
    summary.setAttribute('tariff-url', `${simulatorUrl}/missing-tariff.json`);
    await vi.waitFor(() => expect(part(summary, 'cost-error')?.textContent).toContain('HTTP 404'));
    summary.setAttribute('tariff-url', URL.createObjectURL(new Blob([JSON.stringify(tariff)])));
    await waitForPart(summary, 'cost');
    expect(part(summary, 'cost-error')).toBeNull();
  });
});

describe('<ct-energy-summary> with data in memory', () => {
  it('needs no provider: a series, its period, the earlier period and a tariff, as a VS Code webview posts them', async () => {
    const now = Date.now();
    const range = { from: now - DAY_MS, to: now };
    const earlierRange = { from: now - 2 * DAY_MS, to: now - DAY_MS };
    const client = directClient();
    const [series, before] = await Promise.all([
      client.measurements({ deviceId: devices.live, ...range }).collect(),
      client.measurements({ deviceId: devices.live, ...earlierRange }).collect(),
    ]);
    // No <ct-provider> around it: nothing to fetch with, nothing needed.
    const host = document.createElement('div');
    document.body.append(host);
    const summary = document.createElement('ct-energy-summary') as CtEnergySummary;
    summary.timeZone = ZONE;
    summary.seriesPeriod = range;
    summary.comparisonData = { series: before, ...earlierRange };
    summary.tariff = tariff;
    summary.series = series;
    host.append(summary);
    await waitForPart(summary, 'cost');
    expect(shadowText(summary)).not.toContain('ct-provider');
    expect(part(summary, 'comparison')?.textContent).toContain('Changes are against the period before');
    const expected = compareSummaries(
      { summary: summarize(series, { timeZone: ZONE }), coverage: 1 },
      { summary: summarize(before, { timeZone: ZONE }), coverage: 1 },
    );
    expect(metricText(summary, 'metrics', 'Consumption')).toContain(
      `${f.signed(expected.consumptionKWh.change as number, 2)} kWh`,
    );
    const bill = cost(series, tariff, { timeZone: ZONE, period: range });
    const earlierBill = cost(before, tariff, { timeZone: ZONE, period: earlierRange });
    expect(metricText(summary, 'cost', 'Net')).toBe(
      `${f.money(bill.net, 'AUD')} ${f.money(bill.net - earlierBill.net, 'AUD', true)}`,
    );
  });
});

describe('<ct-energy-summary> against a period with no data', () => {
  it('says there is no data then, with no changes that look like data', async () => {
    const now = Date.now();
    const range = { from: now - DAY_MS, to: now };
    const series = await directClient()
      .measurements({ deviceId: devices.live, ...range })
      .collect();
    // A year before the device existed: read, and empty.
    const empty = createSeries({ time: [] });
    const provider = await mount(html`<ct-energy-summary time-zone=${ZONE} compare="year"></ct-energy-summary>`);
    const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
    summary.seriesPeriod = range;
    summary.comparisonData = { series: empty, from: range.from - 365 * DAY_MS, to: range.to - 365 * DAY_MS };
    summary.series = series;
    await vi.waitFor(() =>
      expect(part(summary, 'comparison')?.textContent).toContain(
        'There is no data for the same period a year earlier.',
      ),
    );
    const deltas = [...(summary.shadowRoot?.querySelectorAll('[part~="delta"]') ?? [])].map((d) =>
      d.textContent?.trim(),
    );
    expect(deltas.length).toBeGreaterThan(3);
    for (const text of deltas) expect(text).toBe('no data then');
  });
});
