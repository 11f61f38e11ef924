import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, devices, expectAccessible, mount, part, waitForPart } from '../test/fixtures.js';
import { CtProvider } from './provider.component.js';

afterEach(cleanup);

describe('<ct-provider>', () => {
  it('is accessible and renders its children only', async () => {
    const provider = await mount(html`<p>child</p>`);
    await expectAccessible(provider);
    expect(provider.textContent).toBe('child');
  });

  it('has no username or password attribute or property', () => {
    const attributes = (CtProvider as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(attributes.some((a) => /user|pass/i.test(a))).toBe(false);
    expect(
      Object.keys(CtProvider.elementProperties ? Object.fromEntries(CtProvider.elementProperties) : {}),
    ).not.toContain('password');
  });

  it('gives widgets the hub, and a widget without a provider says so', async () => {
    const provider = await mount(html`<ct-device-card device-id=${devices.live}></ct-device-card>`);
    const card = provider.querySelector('ct-device-card') as HTMLElement;
    await waitForPart(card, 'metrics');
    expect(provider.hub).toBeDefined();
    const orphan = document.createElement('ct-device-card');
    orphan.setAttribute('device-id', devices.live);
    const box = document.createElement('div');
    box.append(orphan);
    document.body.append(box);
    expect((await waitForPart(orphan, 'error-message')).textContent).toContain('ct-provider');
    expect(part(orphan, 'retry-button')).toBeNull();
  });

  it('a timeout-ms that is not a whole number warns, names the attribute and keeps the default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const box = document.createElement('div');
      const provider = document.createElement('ct-provider');
      provider.setAttribute('base-url', 'http://127.0.0.1:9/proxy');
      provider.setAttribute('timeout-ms', 'soon');
      box.append(provider);
      document.body.append(box);
      await provider.updateComplete;
      expect(provider.hub).toBeDefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('timeout-ms must be a whole number'));
    } finally {
      warn.mockRestore();
    }
  });

  it('power-unit="kW" reads power into watts (the hub series are 1000 times the W reading), and a bad unit warns', async () => {
    const provider = await mount(html``);
    const query = { deviceId: devices.live, from: Date.now() - 3_600_000, to: Date.now() };
    const watts = await provider.hub?.client.measurements(query).collect();
    provider.setAttribute('power-unit', 'kW');
    await provider.updateComplete;
    const kilowatts = await provider.hub?.client.measurements(query).collect();
    expect(watts?.length).toBeGreaterThan(0);
    const first = watts?.columns.PowerUsage[0] as number;
    expect(kilowatts?.columns.PowerUsage[0]).toBeCloseTo(first * 1000, 6);
    expect(kilowatts?.columns.Voltage[0]).toBe(watts?.columns.Voltage[0]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      provider.setAttribute('power-unit', 'MW');
      await provider.updateComplete;
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('power-unit must be W or kW, got MW'));
      const fallback = await provider.hub?.client.measurements(query).collect();
      expect(fallback?.columns.PowerUsage[0]).toBe(first);
    } finally {
      warn.mockRestore();
    }
  });

  it('talks to a proxy without credentials (auth none): no Authorization header is sent', async () => {
    const box = document.createElement('div');
    const provider = document.createElement('ct-provider');
    provider.setAttribute('base-url', 'http://127.0.0.1:9/proxy');
    box.append(provider);
    document.body.append(box);
    await provider.updateComplete;
    const seen: Request[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return new Response('{}', { status: 404 });
    };
    try {
      await provider.hub?.client.device(devices.live).catch(() => undefined);
    } finally {
      globalThis.fetch = original;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.url).toContain('/proxy/ctapi/Device');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
  });
});
