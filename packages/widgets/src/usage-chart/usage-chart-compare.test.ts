import { resample } from '@carbontrack/core/energy';
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { countRuns, paintedPixels, parseColor, plotCanvas, type Rgb } from '../test/canvas-pixels.js';
import { cleanup, devices, directClient, mount, part, shadowText, waitForPart } from '../test/fixtures.js';
import type { CtUsageChart } from './usage-chart.component.js';

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const ZONE = 'Australia/Melbourne';
const DAY = 86_400_000;

async function mountChart(attributes: Record<string, string>): Promise<CtUsageChart> {
  const provider = await mount(
    html`<ct-usage-chart device-id=${devices.live} time-zone=${ZONE} .refreshInterval=${0}></ct-usage-chart>`,
  );
  const chart = provider.querySelector('ct-usage-chart') as CtUsageChart;
  for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
  return chart;
}

/** Drawn, with the earlier period in (the note that it is loading is gone). */
async function ready(chart: CtUsageChart): Promise<NonNullable<CtUsageChart['uplot']>> {
  await waitForPart(chart, 'plot', 15_000);
  await vi.waitFor(() => expect(chart.uplot?.data[0]?.length).toBeGreaterThan(0), { timeout: 15_000 });
  await vi.waitFor(() => expect(part(chart, 'compare-note')).toBeNull(), { timeout: 15_000 });
  await chart.updateComplete;
  return chart.uplot as NonNullable<CtUsageChart['uplot']>;
}

function fillOf(u: NonNullable<CtUsageChart['uplot']>, k: number): Rgb {
  const value = u.series[k]?.fill as unknown;
  return parseColor(String(typeof value === 'function' ? value(u, k) : value));
}

/** Which of `colors` each pixel of canvas column `x` (device px) is, bottom to top, as runs. */
function columnRuns(canvas: HTMLCanvasElement, x: number, colors: readonly Rgb[]): number[] {
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { data } = ctx.getImageData(Math.round(x), 0, 1, canvas.height);
  const runs: number[] = [];
  for (let y = canvas.height - 1; y >= 0; y--) {
    const i = y * 4;
    if ((data[i + 3] as number) < 200) continue;
    const which = colors.findIndex(
      (c) =>
        Math.abs((data[i] as number) - c[0]) <= 6 &&
        Math.abs((data[i + 1] as number) - c[1]) <= 6 &&
        Math.abs((data[i + 2] as number) - c[2]) <= 6,
    );
    if (which >= 0 && runs[runs.length - 1] !== which) runs.push(which);
  }
  return runs;
}

/**
 * The earlier bar of each whole day of a week (buckets 1..6 of 8) equals core's resample of its
 * twin day, `twin(start)`, read straight from the simulator.
 */
async function expectWholeDayTwins(
  starts: readonly number[],
  earlierBars: ArrayLike<number | null>,
  twin: (t: number) => number,
): Promise<void> {
  const from = twin(starts[1] as number) - 3 * 3_600_000;
  const to = twin(starts[7] as number) + 3 * 3_600_000;
  const old = await directClient().measurements({ deviceId: devices.live, from, to }).collect();
  const daily = resample(old, 'day', { timeZone: ZONE, fields: ['PowerUsage'] });
  for (let k = 1; k < 7; k++) {
    const j = Array.from(daily.start).findIndex((s) => Math.abs(s - twin(starts[k] as number)) <= 3_600_000);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(earlierBars[k]).toBeCloseTo(daily.columns.PowerUsage[j] as number, 6);
  }
}

describe('<ct-usage-chart compare>', () => {
  it('overlays the 24 hours before, muted: each point is the earlier reading a day before, and it is drawn', async () => {
    const chart = await mountChart({ compare: 'previous', fields: 'PowerUsage' });
    const u = await ready(chart);
    expect(u.series.map((s) => s.label)).toEqual(
      [undefined, 'Power usage', 'Power usage (before)'].map((l, i) => (i === 0 ? u.series[0]?.label : l)),
    );
    const time = Array.from(u.data[0] as ArrayLike<number>);
    const earlierValues = u.data[2] as ArrayLike<number | null>;
    const from = (time[0] as number) - DAY;
    const earlier = await directClient()
      .measurements({
        deviceId: devices.live,
        from: from - 3_600_000,
        to: (time[time.length - 1] as number) - DAY + 3_600_000,
      })
      .collect();
    let checked = 0;
    for (let i = 0; i < time.length; i += Math.ceil(time.length / 20)) {
      const want = (time[i] as number) - DAY;
      const j = earlier.time.findIndex((t) => Math.abs(t - want) < 150_000);
      if (j < 0) continue;
      expect(earlierValues[i]).toBeCloseTo(earlier.columns.PowerUsage[j] as number, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    // What a person sees: hiding the earlier series with a real click takes its line off the canvas.
    const canvas = plotCanvas(chart);
    const withBoth = paintedPixels(canvas);
    const button = [...(chart.shadowRoot?.querySelectorAll('[part~="legend-item"]') ?? [])].find((b) =>
      b.textContent?.includes('(before)'),
    ) as HTMLElement;
    await userEvent.click(button);
    await vi.waitFor(() => expect(paintedPixels(canvas)).toBeLessThan(withBoth * 0.9));
    await userEvent.click(button);
    await vi.waitFor(() => expect(paintedPixels(canvas)).toBeGreaterThan(withBoth * 0.95));
    // The real mouse over the plot: the tooltip names both.
    const over = u.over;
    await userEvent.hover(over, { position: { x: over.clientWidth / 2, y: 30 } });
    await vi.waitFor(() => expect(part(chart, 'tooltip')?.textContent).toContain('(before)'));
    await page.screenshot({ element: chart, path: '../../test-artifacts/usage-chart-compare-previous.png' });
  });

  it("in energy mode draws the day a week before beside each day's, equal to its kWh, and both are on the canvas", async () => {
    const chart = await mountChart({ compare: 'previous', mode: 'energy', range: '7d', fields: 'PowerUsage' });
    const u = await ready(chart);
    const starts = Array.from(u.data[0] as ArrayLike<number>);
    const bars = u.data[1] as ArrayLike<number | null>;
    const earlierBars = u.data[2] as ArrayLike<number | null>;
    // 7 days from now: 8 local days, the first and last in part.
    expect(starts.length).toBe(8);
    // Each whole day's twin is the whole day 7 days before (the earlier range is the 7 days before).
    await expectWholeDayTwins(starts, earlierBars, (t) => t - 7 * DAY);
    // The part days have their part twins, fetched with the earlier range: no bar is missing.
    for (let k = 0; k < 8; k++) expect(earlierBars[k]).toBeGreaterThan(0);
    // What a person sees: a row of the canvas just above the axis crosses a bar of each colour in every day.
    const canvas = plotCanvas(chart);
    const lowest = Math.min(...Array.from({ length: 8 }, (_, k) => Math.min(bars[k] ?? 0, earlierBars[k] ?? 0)));
    const y = u.valToPos(lowest / 2, 'y', true);
    const left = u.bbox.left;
    const right = u.bbox.left + u.bbox.width;
    expect(countRuns(canvas, y, left, right, fillOf(u, 1))).toBe(8);
    expect(countRuns(canvas, y, left, right, fillOf(u, 2))).toBe(8);
    expect(shadowText(chart)).toContain('Power usage (before)');
    await page.screenshot({ element: chart, path: '../../test-artifacts/usage-chart-compare-previous-energy.png' });
  });

  it("in energy mode draws a year-earlier bar beside each day's, equal to that day's kWh a year before", async () => {
    const chart = await mountChart({ compare: 'year', mode: 'energy', range: '7d', fields: 'PowerUsage' });
    const u = await ready(chart);
    const starts = Array.from(u.data[0] as ArrayLike<number>);
    const earlierBars = Array.from(u.data[2] as ArrayLike<number>);
    expect(starts.length).toBe(8);
    // The middle days are whole both years: each equals core's resample of that day a year earlier.
    const yearAgo = (t: number) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
    };
    await expectWholeDayTwins(starts, earlierBars, yearAgo);
    expect(shadowText(chart)).toContain('Power usage (a year earlier)');
    await page.screenshot({ element: chart, path: '../../test-artifacts/usage-chart-compare-year-energy.png' });
  });
});

describe('<ct-usage-chart mode="energy" stack="circuits">', () => {
  it('stacks one segment per circuit and the untracked rest, adding up to the usage of each day', async () => {
    const chart = await mountChart({
      mode: 'energy',
      range: '7d',
      stack: 'circuits',
      'circuit-labels': 'Hot water,Air con,,Pool pump',
    });
    const u = await ready(chart);
    expect(u.series.slice(1).map((s) => s.label)).toEqual([
      'Hot water',
      'Air con',
      'Circuit 3',
      'Pool pump',
      'Untracked',
    ]);
    const starts = Array.from(u.data[0] as ArrayLike<number>);
    const ends = [...starts.slice(1), Number.NaN];
    // Each day's stack is its PowerUsage energy, as core resamples the same readings.
    // (Read from an hour either side, so the intervals across each midnight are there.)
    const direct = await directClient()
      .measurements({
        deviceId: devices.live,
        from: (starts[1] as number) - 3_600_000,
        to: (starts[7] as number) + 3_600_000,
      })
      .collect();
    const daily = resample(direct, 'day', { timeZone: ZONE, fields: ['PowerUsage'] });
    for (let k = 1; k < 7; k++) {
      const j = Array.from(daily.start).indexOf(starts[k] as number);
      let stack = 0;
      for (let s = 1; s <= 5; s++) stack += (u.data[s]?.[k] as number) ?? 0;
      expect(stack).toBeCloseTo(daily.columns.PowerUsage[j] as number, 6);
      expect(u.data[5]?.[k] as number).toBeGreaterThan(0);
      expect(ends[k]).toBe(daily.end[j]);
    }
    // What is drawn: a vertical line through the middle of each whole day's bar crosses the five
    // colours in stacking order, bottom to top, once each.
    const canvas = plotCanvas(chart);
    const colors = [1, 2, 3, 4, 5].map((s) => fillOf(u, s));
    for (let k = 1; k < 7; k++) {
      const x = (u.valToPos(starts[k] as number, 'x', true) + u.valToPos(starts[k + 1] as number, 'x', true)) / 2;
      expect({ day: k, runs: columnRuns(canvas, x, colors) }).toEqual({ day: k, runs: [0, 1, 2, 3, 4] });
    }
    // The real mouse on a bar: the tooltip lists the circuits by name.
    const middle = (u.valToPos(starts[3] as number, 'x') + u.valToPos(starts[4] as number, 'x')) / 2;
    await userEvent.hover(u.over, { position: { x: middle, y: u.over.clientHeight - 10 } });
    await vi.waitFor(() => expect(part(chart, 'tooltip')?.textContent).toContain('Pool pump'));
    expect(part(chart, 'tooltip')?.textContent).toMatch(/Untracked\s*[\d.,]+ kWh/);
    for (const width of [390, 1280]) {
      await page.viewport(width, 900);
      (chart.closest('div') as HTMLElement).style.width = 'auto';
      for (const theme of ['light', 'dark'] as const) {
        chart.setAttribute('theme', theme);
        await chart.updateComplete;
        await new Promise((resolve) => setTimeout(resolve, 100));
        await page.screenshot({
          element: chart,
          path: `../../test-artifacts/usage-chart-circuits-${width}-${theme}.png`,
        });
      }
    }
    await page.viewport(1280, 900);
  });

  it('warns about a stack or compare it cannot use, and draws the fields instead', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const chart = await mountChart({ stack: 'circuits', compare: 'last-week' });
    const u = await ready(chart);
    expect(u.series.slice(1).map((s) => s.label)).toEqual(['Power usage', 'Generation', 'Power exported']);
    const logged = warn.mock.calls.map((c) => String(c[0]));
    expect(logged.some((m) => m.includes('stack="circuits"') && m.includes('mode="energy"'))).toBe(true);
    expect(logged.some((m) => m.includes('compare="last-week"'))).toBe(true);
  });
});
