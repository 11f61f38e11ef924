import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { Formatter } from '../shared/locale.js';
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

afterEach(cleanup);

async function mountChart(attributes = '', auth?: TestAuth): Promise<CtUsageChart> {
  const provider = await mount(
    html`<ct-usage-chart device-id=${devices.live} time-zone="Australia/Melbourne" .refreshInterval=${0}></ct-usage-chart>`,
    auth,
  );
  const chart = provider.querySelector('ct-usage-chart') as CtUsageChart;
  for (const [name, value] of new URLSearchParams(attributes)) chart.setAttribute(name, value);
  return chart;
}

async function ready(chart: CtUsageChart): Promise<void> {
  await waitForPart(chart, 'plot');
  await vi.waitFor(() => expect(chart.uplot?.data[0]?.length).toBeGreaterThan(0), { timeout: 10_000 });
}

/** Synthetic events carry movementX: uPlot ignores zero-movement moves while dragging (a Chrome quirk). */
function drag(chart: CtUsageChart, fromX: number, toX: number): void {
  const over = chart.uplot?.over as HTMLElement;
  const rect = over.getBoundingClientRect();
  const y = rect.top + rect.height / 2;
  const at = (type: string, x: number, target: EventTarget) =>
    target.dispatchEvent(
      new MouseEvent(type, {
        clientX: rect.left + x,
        clientY: y,
        bubbles: true,
        composed: true,
        button: 0,
        movementX: 5,
      }),
    );
  at('mousedown', fromX, over);
  at('mousemove', (fromX + toX) / 2, over);
  at('mousemove', toX, over);
  at('mouseup', toX, over);
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
    const row = time.indexOf(direct.time[i] as number);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(plot?.data[1]?.[row]).toBe(direct.columns.PowerUsage[i]);
    expect(plot?.data[2]?.[row]).toBe(direct.columns.Generating[i]);
    const table = chart.shadowRoot?.querySelector('table') as HTMLTableElement;
    expect(table.textContent).toContain('Power usage');
    const max = Math.max(...direct.columns.PowerUsage);
    expect(table.textContent).toContain(new Formatter('en').withUnit(max, 'W'));
  });

  it('toggles series from the keyboard through the legend', async () => {
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
    await userEvent.keyboard('{Tab}');
    expect(chart.shadowRoot?.activeElement?.textContent).toContain('Generation');
  });

  it('zooms on drag and resets on double-click', async () => {
    const chart = await mountChart();
    await ready(chart);
    const whole = chart.currentView;
    drag(chart, 100, 300);
    await vi.waitFor(() => expect(chart.currentView?.to).toBeLessThan(whole?.to as number));
    await chart.updateComplete;
    const zoomed = chart.currentView as { from: number; to: number };
    expect(zoomed.from).toBeGreaterThan(whole?.from as number);
    const times = chart.uplot?.data[0] as number[];
    expect(times[0]).toBeGreaterThanOrEqual(zoomed.from);
    expect(times.at(-1)).toBeLessThanOrEqual(zoomed.to);
    expect(part(chart, 'reset-button')).not.toBeNull();

    chart.uplot?.over.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await vi.waitFor(() => expect(chart.currentView).toEqual(whole));
    await chart.updateComplete;
    expect(chart.uplot?.data[0]?.length).toBeGreaterThan(times.length);
  });

  it('shows a crosshair tooltip with units and reports a clicked point', async () => {
    const chart = await mountChart();
    await ready(chart);
    const selected = new Promise<CustomEvent>((resolve) =>
      chart.addEventListener('ct-select', resolve, { once: true }),
    );
    const over = chart.uplot?.over as HTMLElement;
    await userEvent.hover(over, { position: { x: 200, y: 50 } });
    await vi.waitFor(() => expect(part(chart, 'tooltip')).not.toBeNull());
    expect(part(chart, 'tooltip')?.textContent).toMatch(/\d W|kW/);
    const at = over.getBoundingClientRect();
    const point = { clientX: at.left + 200, clientY: at.top + 50, bubbles: true, composed: true, button: 0 };
    over.dispatchEvent(new MouseEvent('mousedown', point));
    over.dispatchEvent(new MouseEvent('mouseup', point));
    const event = await selected;
    expect(event.composed && event.bubbles).toBe(true);
    expect(event.detail.deviceId).toBe(devices.live);
    expect(typeof event.detail.time).toBe('number');
    expect(Object.keys(event.detail.values)).toContain('PowerUsage');
  });

  it('resizes with its container', async () => {
    const chart = await mountChart();
    await ready(chart);
    const before = chart.uplot?.width as number;
    const box = chart.closest('ct-provider')?.parentElement;
    if (box) box.style.width = '400px';
    await vi.waitFor(() => expect(chart.uplot?.width).toBeLessThan(before));
  });

  it('shows hourly kWh bars in energy mode', async () => {
    const chart = await mountChart('mode=energy');
    await ready(chart);
    const starts = chart.uplot?.data[0] as number[];
    expect(starts.length).toBeGreaterThanOrEqual(24);
    expect(starts.length).toBeLessThanOrEqual(26);
    expect((starts[1] as number) - (starts[0] as number)).toBe(3_600_000);
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
    (part(chart, 'retry-button') as HTMLButtonElement).click();
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
