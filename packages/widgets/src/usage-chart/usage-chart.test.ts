import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { Formatter } from '../shared/locale.js';
import { countRuns, paintedPixels, parseColor, plotCanvas } from '../test/canvas-pixels.js';
import {
  cleanup,
  devices,
  directClient,
  expectAccessible,
  mount,
  part,
  routes,
  shadowText,
  type TestAuth,
  waitForPart,
} from '../test/fixtures.js';
import type { CtUsageChart } from './usage-chart.component.js';

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

async function mountChart(attributes = '', auth?: TestAuth, zone = 'Australia/Melbourne'): Promise<CtUsageChart> {
  const provider = await mount(
    html`<ct-usage-chart device-id=${devices.live} time-zone=${zone} .refreshInterval=${0}></ct-usage-chart>`,
    auth,
  );
  const chart = provider.querySelector('ct-usage-chart') as CtUsageChart;
  for (const [name, value] of new URLSearchParams(attributes)) chart.setAttribute(name, value);
  return chart;
}

async function ready(chart: CtUsageChart, timeout = 10_000): Promise<void> {
  await waitForPart(chart, 'plot', timeout);
  await vi.waitFor(() => expect(chart.uplot?.data[0]?.length).toBeGreaterThan(0), { timeout });
  await chart.updateComplete;
}

/** The colour uPlot draws series `k` with (it wraps colours in functions). */
function seriesColor(chart: CtUsageChart, k: number, which: 'stroke' | 'fill') {
  const u = chart.uplot as NonNullable<CtUsageChart['uplot']>;
  const value = u.series[k]?.[which] as unknown;
  return parseColor(String(typeof value === 'function' ? value(u, k) : value));
}

function over(chart: CtUsageChart): HTMLElement {
  return chart.uplot?.over as HTMLElement;
}

describe('<ct-usage-chart>', () => {
  it('is accessible in light and dark themes', async () => {
    const chart = await mountChart();
    await expectAccessible(chart);
    await ready(chart);
    await expectAccessible(chart);
  });

  it("draws the simulator's series as core reads it, with a screen-reader summary", async () => {
    const chart = await mountChart();
    await ready(chart);
    const plot = chart.uplot;
    const now = Date.now();
    const direct = await directClient()
      .measurements({ deviceId: devices.live, from: now - 86_400_000, to: now })
      .collect();
    // 288 five-minute rows fit the width: every row is drawn, with the values core parsed.
    const time = plot?.data[0] as number[];
    expect(Math.abs(time.length - direct.length)).toBeLessThanOrEqual(1);
    const i = direct.length - 2;
    const row = Array.from(time).indexOf(direct.time[i] as number);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(plot?.data[1]?.[row]).toBe(direct.columns.PowerUsage[i]);
    expect(plot?.data[2]?.[row]).toBe(direct.columns.Generating[i]);
    const table = chart.shadowRoot?.querySelector('table') as HTMLTableElement;
    expect(table.textContent).toContain('Power usage');
    const max = Math.max(...direct.columns.PowerUsage);
    expect(table.textContent).toContain(new Formatter('en').withUnit(max, 'W'));
  });

  it('keeps the plot drawn while a real mouse moves across it, with a tooltip beside it', async () => {
    const chart = await mountChart();
    await ready(chart);
    const canvas = plotCanvas(chart);
    const before = paintedPixels(canvas);
    expect(before).toBeGreaterThan(500);
    const width = over(chart).getBoundingClientRect().width;
    for (const x of [10, width * 0.25, width * 0.5, width * 0.75, width - 10]) {
      await userEvent.hover(over(chart), { position: { x, y: 40 } });
      await vi.waitFor(() => expect(part(chart, 'tooltip')).not.toBeNull());
      await chart.updateComplete;
      // The same canvas, still in the document, still painted: the first hover used to remove it.
      expect(plotCanvas(chart)).toBe(canvas);
      expect(canvas.isConnected).toBe(true);
      expect(paintedPixels(canvas)).toBeGreaterThan(before * 0.8);
    }
    expect(part(chart, 'tooltip')?.textContent).toMatch(/\d W|kW/);
    // The axes are drawn too (uPlot's axis canvas is the same canvas; its labels are ticks).
    expect(chart.axisTicks.length).toBeGreaterThan(2);
  });

  it('zooms on a real drag, restores on double-click, and reports a clicked point', async () => {
    const chart = await mountChart();
    await ready(chart);
    const whole = chart.currentView as { from: number; to: number };
    const target = over(chart);
    const width = target.getBoundingClientRect().width;
    await userEvent.dragAndDrop(target, target, {
      sourcePosition: { x: width * 0.2, y: 60 },
      targetPosition: { x: width * 0.6, y: 60 },
    });
    await vi.waitFor(() => expect(chart.currentView?.to).toBeLessThan(whole.to));
    await chart.updateComplete;
    const zoomed = chart.currentView as { from: number; to: number };
    expect(zoomed.from).toBeGreaterThan(whole.from);
    expect(chart.uplot?.scales.x?.min).toBeCloseTo(zoomed.from, -3);
    expect(chart.uplot?.scales.x?.max).toBeCloseTo(zoomed.to, -3);
    expect(paintedPixels(plotCanvas(chart))).toBeGreaterThan(500);
    expect(part(chart, 'reset-button')).not.toBeNull();
    // The drag selected no page text.
    expect(document.getSelection()?.toString() ?? '').toBe('');

    await userEvent.dblClick(over(chart), { position: { x: width * 0.5, y: 60 } });
    await vi.waitFor(() => expect(chart.currentView).toEqual(whole));
    await chart.updateComplete;
    expect(chart.uplot?.scales.x?.min).toBe(whole.from);

    const selected = new Promise<CustomEvent>((resolve) =>
      chart.addEventListener('ct-select', resolve, { once: true }),
    );
    await userEvent.click(over(chart), { position: { x: width * 0.5, y: 60 } });
    const event = await selected;
    expect(event.composed && event.bubbles).toBe(true);
    expect(event.detail.deviceId).toBe(devices.live);
    expect(typeof event.detail.time).toBe('number');
    expect(Object.keys(event.detail.values)).toContain('PowerUsage');
  });

  it('zooms, pans and resets from the keyboard on the focused plot', async () => {
    const chart = await mountChart();
    await ready(chart);
    const whole = chart.currentView as { from: number; to: number };
    const plotBox = part(chart, 'plot') as HTMLElement;
    expect(plotBox.getAttribute('aria-label')).toMatch(/chart from .* Arrow keys pan/);
    // Tab from the last legend button reaches the plot.
    (part(chart, 'legend-item') as HTMLButtonElement).focus();
    await userEvent.tab();
    expect(chart.shadowRoot?.activeElement).toBe(plotBox);
    await userEvent.keyboard('+');
    await vi.waitFor(() =>
      expect((chart.currentView?.to ?? 0) - (chart.currentView?.from ?? 0)).toBeLessThan(whole.to - whole.from),
    );
    const zoomed = chart.currentView as { from: number; to: number };
    expect(zoomed.to - zoomed.from).toBeCloseTo((whole.to - whole.from) / 2, -3);
    await userEvent.keyboard('{ArrowLeft}');
    await vi.waitFor(() => expect(chart.currentView?.from).toBeLessThan(zoomed.from));
    await chart.updateComplete;
    expect(chart.uplot?.scales.x?.min).toBeCloseTo(chart.currentView?.from as number, -3);
    await userEvent.keyboard('-');
    await vi.waitFor(() => expect(chart.currentView).toEqual(whole));
    await userEvent.keyboard('++');
    await vi.waitFor(() => expect(part(chart, 'reset-button')).not.toBeNull());
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(chart.currentView).toEqual(whole));
  });

  it('toggles series from the keyboard; arrow keys move along the legend', async () => {
    const chart = await mountChart();
    await ready(chart);
    const first = part(chart, 'legend-item') as HTMLButtonElement;
    first.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(first.getAttribute('aria-pressed')).toBe('false'));
    expect(chart.uplot?.series[1]?.show).toBe(false);
    await userEvent.keyboard(' ');
    await vi.waitFor(() => expect(first.getAttribute('aria-pressed')).toBe('true'));
    expect(chart.uplot?.series[1]?.show).toBe(true);
    await userEvent.keyboard('{ArrowRight}');
    expect(chart.shadowRoot?.activeElement?.textContent).toContain('Generation');
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(chart.shadowRoot?.activeElement?.textContent).toContain('Power exported');
  });

  it('draws every visible series in power mode (canvas pixels of each colour)', async () => {
    const chart = await mountChart('range=7d');
    await ready(chart);
    const canvas = plotCanvas(chart);
    const colors = [1, 2, 3].map((k) => seriesColor(chart, k, 'stroke'));
    expect(colors).toHaveLength(3);
    for (const color of colors) expect(paintedPixels(canvas, color)).toBeGreaterThan(50);
    (part(chart, 'legend-item') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(paintedPixels(canvas, colors[0])).toBe(0));
  });

  it('draws one bar per local day for each series in energy mode over 7 days', async () => {
    const chart = await mountChart('range=7d&mode=energy');
    await ready(chart);
    const u = chart.uplot as NonNullable<CtUsageChart['uplot']>;
    const starts = Array.from(u.data[0] as ArrayLike<number>);
    // 7 days from now touch 8 local days; each bucket starts at a local midnight.
    expect(starts.length).toBe(8);
    const midnight = new Intl.DateTimeFormat('en-AU', {
      hour: 'numeric',
      hourCycle: 'h23',
      timeZone: 'Australia/Melbourne',
    });
    for (const start of starts) expect(midnight.format(start)).toBe('00');
    const canvas = plotCanvas(chart);
    const pxRatio = devicePixelRatio || 1;
    const zeroY = Math.round(u.valToPos(0, 'y', true)) - 3 * pxRatio;
    for (let k = 1; k < u.series.length; k++) {
      const color = seriesColor(chart, k, 'fill');
      // A bar covers the scanned row when its top is at or above it.
      const tall = Array.from(u.data[k] as ArrayLike<number>).filter(
        (v) => v > 0 && Math.round(u.valToPos(v, 'y', true)) <= zeroY,
      );
      const runs = countRuns(canvas, zeroY, u.bbox.left, u.bbox.left + u.bbox.width, color);
      expect({ series: u.series[k]?.label, bars: runs }).toEqual({ series: u.series[k]?.label, bars: tall.length });
    }
    // Usage is never zero: a bar for each of the 8 days (the scan above counts every one tall enough to cross its row).
    expect(Array.from(u.data[1] as ArrayLike<number>).filter((v) => v > 0)).toHaveLength(8);
  });

  it('shows hourly kWh bars over 24 hours', async () => {
    const chart = await mountChart('mode=energy');
    await ready(chart);
    const starts = chart.uplot?.data[0] as ArrayLike<number>;
    expect(starts.length).toBeGreaterThanOrEqual(24);
    expect(starts.length).toBeLessThanOrEqual(26);
    expect((starts[1] as number) - (starts[0] as number)).toBe(3_600_000);
  });

  it("shows times in the device's own zone when none is set, and says so", async () => {
    const chart = await mountChart('', undefined, '');
    await ready(chart);
    expect(part(chart, 'zone')?.textContent).toContain(`${devices.liveZone} (the device's zone)`);
    const hour = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone: devices.liveZone });
    const ticks = chart.axisTicks.filter((t) => /:/.test(t.label));
    expect(ticks.length).toBeGreaterThan(2);
    for (const tick of ticks) expect(tick.label).toBe(hour.format(tick.at));
  });

  it('takes the provider time-zone over the device zone, and its own over both', async () => {
    const chart = await mountChart('', undefined, '');
    const provider = chart.closest('ct-provider') as HTMLElement;
    provider.setAttribute('time-zone', 'Australia/Perth');
    await ready(chart);
    await vi.waitFor(() =>
      expect(part(chart, 'zone')?.textContent).toContain("Australia/Perth (the provider's time-zone)"),
    );
    chart.setAttribute('time-zone', 'Australia/Darwin');
    await vi.waitFor(() => expect(part(chart, 'zone')?.textContent).toContain('Australia/Darwin (set by time-zone)'));
  });

  it('labels the axis in the nearest lang', async () => {
    const chart = await mountChart('range=7d');
    chart.closest('div')?.setAttribute('lang', 'en-AU');
    await ready(chart);
    const days = chart.axisTicks.filter((t) => !/:/.test(t.label));
    expect(days.length).toBeGreaterThan(0);
    const auDay = new Intl.DateTimeFormat('en-AU', { day: 'numeric', month: 'short', timeZone: 'Australia/Melbourne' });
    for (const t of days) expect(t.label).toBe(auDay.format(t.at));
    expect(days[0]?.label).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/);
  });

  it('shows progress while a year loads, then the year', async () => {
    const chart = await mountChart('range=1y');
    const progress = await waitForPart(chart, 'progress', 20_000);
    expect(progress.textContent).toMatch(/Loading \d+ of 36[56] days/);
    await ready(chart, 60_000);
    const view = chart.currentView as { from: number; to: number };
    expect(view.to - view.from).toBeGreaterThan(364 * 86_400_000);
  }, 90_000);

  it('names a bad attribute in a warning and a visible error state, never a skeleton forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const bad = await mountChart('', undefined, 'Sydney');
      const message = await waitForPart(bad, 'error-message');
      expect(message.textContent).toContain('<ct-usage-chart> time-zone="Sydney"');
      expect(message.textContent).toContain('not an IANA time zone');
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('time-zone="Sydney"'))).toHaveLength(1);

      const reversed = await mountChart('range=custom&from=2026-11-20T00:00:00Z&to=2026-11-10T00:00:00Z');
      expect((await waitForPart(reversed, 'error-message')).textContent).toContain(
        'to="2026-11-10T00:00:00Z": must be after from',
      );

      const range = await mountChart('range=2w');
      expect((await waitForPart(range, 'error-message')).textContent).toMatch(
        /range="2w": must be one of 24h, 7d, 30d, 1y, custom/,
      );

      const typo = await mountChart('fields=PowerUsage,Generatin');
      await ready(typo);
      const legend = [...(typo.shadowRoot?.querySelectorAll('[part~="legend-item"]') ?? [])].map((b) =>
        b.textContent?.trim(),
      );
      expect(legend).toEqual(['Power usage']);
      const fieldsWarning = warn.mock.calls.map((c) => String(c[0])).find((m) => m.includes('fields='));
      expect(fieldsWarning).toContain('unknown field Generatin; valid: PowerUsage');
      expect(fieldsWarning).toContain('Generating');

      const mode = await mountChart('mode=bars');
      await ready(mode);
      expect(warn.mock.calls.some((c) => String(c[0]).includes(`mode="bars": must be 'power' or 'energy'`))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('resizes with its container', async () => {
    const chart = await mountChart();
    await ready(chart);
    const before = chart.uplot?.width as number;
    const box = chart.closest('ct-provider')?.parentElement;
    if (box) box.style.width = '400px';
    await vi.waitFor(() => expect(chart.uplot?.width).toBeLessThan(before));
  });

  it('shows an empty state for a range without data', async () => {
    const chart = await mountChart('range=custom&from=2099-01-01T00:00:00Z&to=2099-01-02T00:00:00Z');
    await waitForPart(chart, 'empty');
    expect(shadowText(chart)).toContain('No data in this range.');
  });

  it('shows the error message with a retry button, and recovers on retry', async () => {
    const auth: TestAuth = { failWith: 'Token service unavailable', calls: 0 };
    const chart = await mountChart('', auth);
    expect((await waitForPart(chart, 'error-message')).textContent).toContain('Token service unavailable');
    auth.failWith = null;
    await userEvent.click(part(chart, 'retry-button') as HTMLButtonElement);
    await ready(chart);
  });

  it('refreshes with one request per refresh', async () => {
    const chart = await mountChart();
    await ready(chart);
    await commands.resetSimulatorStats();
    const loaded = new Promise((resolve) => chart.addEventListener('ct-load', resolve, { once: true }));
    await chart.retry();
    await loaded;
    expect((await routes())['POST /ctapi/Measurement']).toBe(1);
  });

  it('renders a hostile device ID caption as text', async () => {
    const chart = await mountChart();
    chart.setAttribute('device-id', devices.hostile);
    await ready(chart);
    expect(chart.shadowRoot?.querySelector('img')).toBeNull();
  });
});
