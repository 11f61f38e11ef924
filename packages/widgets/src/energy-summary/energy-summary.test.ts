import { summarize } from '@carbontrack/core/energy';
import { energyPeriodRange } from '@carbontrack/core/live';
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
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

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

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

  it("counts today in the device's own zone when no time-zone is set, and says which zone", async () => {
    const provider = await mount(
      html`<ct-energy-summary device-id=${devices.live} period="today"></ct-energy-summary>`,
    );
    const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
    await waitForPart(summary, 'metrics');
    expect(part(summary, 'zone')?.textContent).toContain(`${devices.liveZone} (the device's zone)`);
    expect(summary.zone).toBe(devices.liveZone);
    const { from, to } = energyPeriodRange('today', devices.liveZone, Date.now());
    const series = await directClient().measurements({ deviceId: devices.live, from, to }).collect();
    const expected = summarize(series, { timeZone: devices.liveZone });
    expect(Math.abs((summary.summary?.samples ?? 0) - expected.samples)).toBeLessThanOrEqual(1);
    expect(summary.summary?.consumptionKWh).toBeCloseTo(expected.consumptionKWh, 0);
  });

  it('names a bad time-zone or emission-factor in a warning and a visible error, and recovers when fixed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const provider = await mount(
        html`<ct-energy-summary device-id=${devices.live} period="7d" time-zone="Sydney"></ct-energy-summary>`,
      );
      const summary = provider.querySelector('ct-energy-summary') as CtEnergySummary;
      const message = await waitForPart(summary, 'error-message');
      expect(message.textContent).toContain(
        '<ct-energy-summary> time-zone="Sydney": \'Sydney\' is not an IANA time zone',
      );
      expect(part(summary, 'skeleton')).toBeNull();
      summary.setAttribute('time-zone', 'Australia/Sydney');
      await waitForPart(summary, 'metrics');

      summary.setAttribute('emission-factor', '-1');
      const factor = await waitForPart(summary, 'error-message');
      expect(factor.textContent).toContain('emission-factor="-1": must be a number of kg CO₂-e per kWh');
      expect(part(summary, 'metrics')).toBeNull();
      summary.setAttribute('emission-factor', '0.5');
      await waitForPart(summary, 'metrics');
      const co2 = (summary.summary?.importKWh ?? 0) * 0.5;
      expect(shadowText(summary)).toContain(`${new Formatter('en').number(co2, 1)} kg`);

      summary.setAttribute('period', 'fortnight');
      expect((await waitForPart(summary, 'error-message')).textContent).toContain('period="fortnight"');
      const logged = warn.mock.calls.map((c) => String(c[0]));
      expect(logged.filter((m) => m.includes('time-zone="Sydney"'))).toHaveLength(1);
      expect(logged.some((m) => m.includes('emission-factor="-1"'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('retries from a real click on the retry button', async () => {
    const auth: TestAuth = { failWith: 'Token service unavailable', calls: 0 };
    const summary = await mountSummary(devices.live, auth, 'today');
    await waitForPart(summary, 'retry-button');
    auth.failWith = null;
    await userEvent.click(part(summary, 'retry-button') as HTMLElement);
    await waitForPart(summary, 'metrics');
  });
});
