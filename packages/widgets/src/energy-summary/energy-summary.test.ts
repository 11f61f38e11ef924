import { summarize } from '@carbontrack/core/energy';
import { energyPeriodRange } from '@carbontrack/core/live';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { Formatter } from '../shared/locale.js';
import {
  cleanup,
  devices,
  directClient,
  expectAccessible,
  mount,
  part,
  shadowText,
  type TestAuth,
  waitForPart,
} from '../test/fixtures.js';
import type { CtEnergySummary } from './energy-summary.component.js';

afterEach(cleanup);

const ZONE = 'Australia/Melbourne';

async function mountSummary(deviceId: string, auth?: TestAuth, period = '7d'): Promise<CtEnergySummary> {
  const provider = await mount(
    html`<ct-energy-summary device-id=${deviceId} period=${period} time-zone=${ZONE}></ct-energy-summary>`,
    auth,
  );
  return provider.querySelector('ct-energy-summary') as CtEnergySummary;
}

describe('<ct-energy-summary>', () => {
  it('is accessible in light and dark themes', async () => {
    const summary = await mountSummary(devices.live);
    await expectAccessible(summary);
    await waitForPart(summary, 'metrics');
    await expectAccessible(summary);
  });

  it("shows core's summary of the simulator's data", async () => {
    const summary = await mountSummary(devices.live);
    await waitForPart(summary, 'metrics');
    const { from, to } = energyPeriodRange('7d', ZONE, Date.now());
    const series = await directClient().measurements({ deviceId: devices.live, from, to }).collect();
    const expected = summarize(series, { timeZone: ZONE });
    const f = new Formatter('en');
    const text = shadowText(summary);
    expect(summary.summary?.samples).toBe(expected.samples);
    expect(text).toContain(`${f.number(expected.consumptionKWh, 1)} kWh`);
    expect(text).toContain(`${f.number(expected.generationKWh, 1)} kWh`);
    expect(text).toContain(`${f.number(expected.importKWh, 1)} kWh`);
    expect(text).toContain(`${f.number(expected.exportKWh, 1)} kWh`);
    expect(text).toContain(f.percent(expected.selfConsumptionPct));
    expect(text).toContain(f.percent(expected.selfSufficiencyPct));
    expect(text).toContain(`${f.number(expected.co2Kg, 1)} kg`);
  });

  it('summarises a series set as a property (data posted by a host), without fetching', async () => {
    const { from, to } = energyPeriodRange('7d', ZONE, Date.now());
    const series = await directClient().measurements({ deviceId: devices.live, from, to }).collect();
    const provider = await mount(html`<ct-energy-summary time-zone=${ZONE} .series=${series}></ct-energy-summary>`);
    const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
    await waitForPart(summary, 'metrics');
    const expected = summarize(series, { timeZone: ZONE });
    expect(summary.summary).toEqual(expected);
    expect(shadowText(summary)).toContain('Selected range');
    expect(shadowText(summary)).toContain(`${new Formatter('en').number(expected.consumptionKWh, 1)} kWh`);
  });

  it('shows an empty state when the period has no data', async () => {
    const provider = await mount(
      html`<ct-energy-summary device-id=${devices.offline} period="today" time-zone="Pacific/Kiritimati"></ct-energy-summary>`,
    );
    const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
    await waitForPart(summary, 'empty');
    expect(shadowText(summary)).toContain('No data in this period.');
  });

  it('shows the error message with a retry button, and recovers on retry', async () => {
    const auth: TestAuth = { failWith: 'Token service unavailable', calls: 0 };
    const summary = await mountSummary(devices.live, auth, 'today');
    expect((await waitForPart(summary, 'error-message')).textContent).toContain('Token service unavailable');
    await expectAccessible(summary);
    auth.failWith = null;
    (part(summary, 'retry-button') as HTMLButtonElement).click();
    await waitForPart(summary, 'metrics');
  });

  it('a tokenProvider failing while 30 daily windows are in flight shows one error and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', record);
    try {
      const auth: TestAuth = { failWith: 'Token service unavailable', calls: 0 };
      const summary = await mountSummary(devices.live, auth, '30d');
      expect((await waitForPart(summary, 'error-message')).textContent).toContain('Token service unavailable');
      // Rejections are reported after the task that left them unhandled: give them time to surface.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      auth.failWith = null;
      (part(summary, 'retry-button') as HTMLButtonElement).click();
      await waitForPart(summary, 'metrics');
    } finally {
      window.removeEventListener('unhandledrejection', record);
    }
  });
});
