import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { fieldUnit } from '../shared/field-info.js';
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
import type { CtDeviceCard } from './device-card.component.js';

afterEach(cleanup);

const unit = fieldUnit;

describe('<ct-device-card>', () => {
  it('is accessible in light and dark themes, loading and loaded', async () => {
    const provider = await mount(html`<ct-device-card device-id=${devices.live}></ct-device-card>`);
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    await expectAccessible(card);
    await waitForPart(card, 'metrics');
    await expectAccessible(card);
  });

  it('removing the theme attribute returns to the default without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const provider = await mount(html`<ct-device-card device-id=${devices.live} theme="dark"></ct-device-card>`);
      const card = provider.querySelector('ct-device-card') as CtDeviceCard;
      await card.updateComplete;
      card.removeAttribute('theme');
      await card.updateComplete;
      expect(warn).not.toHaveBeenCalled();
      card.setAttribute('theme', 'purple');
      await card.updateComplete;
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('theme="purple"'));
    } finally {
      warn.mockRestore();
    }
  });

  it("shows the simulator's values as core reads them", async () => {
    const provider = await mount(
      html`<div lang="de-DE"><ct-device-card device-id=${devices.live}></ct-device-card></div>`,
    );
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    await waitForPart(card, 'metrics');
    const client = directClient();
    const device = await client.device(devices.live);
    const now = Date.now();
    const series = await client
      .measurements({ deviceId: devices.live, from: now - 3_600_000, to: now + 60_000 })
      .collect();
    const last = series.length - 1;
    const f = new Formatter('de-DE');
    const text = shadowText(card);
    expect(part(card, 'name')?.textContent).toBe(device.DeviceName);
    expect(part(card, 'customer')?.textContent).toBe(device.CustomerRef);
    expect(part(card, 'status')?.textContent?.trim()).toBe('Online');
    for (const field of ['PowerUsage', 'Generating', 'PowerExported', 'BatteryCharge', 'SignalStrength'] as const) {
      expect(text).toContain(f.withUnit(series.columns[field][last] as number, unit(field)));
    }
    expect(text).toContain(`Firmware ${device.FirmwareVersion}`);
    expect(text).toContain(device.Weather?.WeatherLocation as string);
    expect(text).toMatch(/Updated (vor|jetzt|in)/);
  });

  it('shows an offline device as offline with an empty state', async () => {
    const provider = await mount(html`<ct-device-card device-id=${devices.offline}></ct-device-card>`);
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    await waitForPart(card, 'empty');
    expect(part(card, 'status')?.textContent?.trim()).toBe('Offline');
    expect(shadowText(card)).toContain('No data in the last hour.');
    await expectAccessible(card);
  });

  it('shows the error message with a retry button, and recovers on retry', async () => {
    const auth: TestAuth = { failWith: 'Token service unavailable', calls: 0 };
    const errors: string[] = [];
    const provider = await mount(html`<ct-device-card device-id=${devices.other}></ct-device-card>`, auth);
    provider.addEventListener('ct-error', (e) => errors.push(e.detail.message));
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    const message = await waitForPart(card, 'error-message');
    expect(message.textContent).toContain('Token service unavailable');
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    await expectAccessible(card);
    auth.failWith = null;
    const loaded = new Promise((resolve) => card.addEventListener('ct-load', resolve, { once: true }));
    (part(card, 'retry-button') as HTMLButtonElement).click();
    await waitForPart(card, 'metrics');
    await loaded;
    expect(part(card, 'error')).toBeNull();
  });

  it('shows an invalid device ID as an error, not a request', async () => {
    const provider = await mount(html`<ct-device-card device-id="123"></ct-device-card>`);
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    expect((await waitForPart(card, 'error-message')).textContent).toMatch(/16-digit/);
  });

  it('renders hostile API strings as text and runs nothing', async () => {
    const alerts = vi.spyOn(window, 'alert').mockImplementation(() => {});
    const provider = await mount(html`<ct-device-card device-id=${devices.hostile}></ct-device-card>`);
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    const name = await waitForPart(card, 'name');
    expect(name.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(card.shadowRoot?.querySelector('img, b')).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(alerts).not.toHaveBeenCalled();
    alerts.mockRestore();
  });

  it('refreshes on its interval with one request per refresh for two cards and a chart', async () => {
    await commands.resetSimulatorStats();
    const provider = await mount(
      html`<ct-device-card device-id=${devices.live} refresh-interval="1"></ct-device-card>
        <ct-device-card device-id=${devices.live} refresh-interval="1"></ct-device-card>
        <ct-usage-chart device-id=${devices.live} range="24h" refresh-interval="1"></ct-usage-chart>`,
    );
    const cards = provider.querySelectorAll('ct-device-card');
    await Promise.all([...cards].map((c) => waitForPart(c, 'metrics')));
    await vi.waitFor(() => expect(part(provider.querySelector('ct-usage-chart') as Element, 'plot')).not.toBeNull());
    const first = await routes();
    // One device request and two measurement requests (the cards' latest reading, the chart's range).
    expect(first['POST /ctapi/Device']).toBe(1);
    expect(first['POST /ctapi/Measurement']).toBe(2);
    await commands.resetSimulatorStats();
    let loads = 0;
    provider.addEventListener('ct-load', () => loads++);
    await new Promise((r) => setTimeout(r, 2_300));
    const polled = await routes();
    const refreshes = polled['POST /ctapi/Device'] ?? 0;
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(3);
    expect(Math.abs((polled['POST /ctapi/Measurement'] ?? 0) - 2 * refreshes)).toBeLessThanOrEqual(2);
    expect(loads).toBeGreaterThan(0);
  });

  it('pauses polling while off-screen', async () => {
    const provider = await mount(
      html`<div style="margin-top: 5000px"><ct-device-card device-id=${devices.live} refresh-interval="1"></ct-device-card></div>`,
    );
    const card = provider.querySelector('ct-device-card') as CtDeviceCard;
    await waitForPart(card, 'metrics');
    await new Promise((r) => setTimeout(r, 100));
    await commands.resetSimulatorStats();
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await routes())['POST /ctapi/Device'] ?? 0).toBe(0);
    card.scrollIntoView();
    await vi.waitFor(async () => expect((await routes())['POST /ctapi/Device'] ?? 0).toBeGreaterThan(0), {
      timeout: 4_000,
    });
  });
});
