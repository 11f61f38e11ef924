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
import { type CtPowerFlow, powerFlows } from './power-flow.component.js';

afterEach(cleanup);

async function mountFlow(deviceId: string, auth?: TestAuth): Promise<CtPowerFlow> {
  const provider = await mount(html`<ct-power-flow device-id=${deviceId}></ct-power-flow>`, auth);
  return provider.querySelector('ct-power-flow') as CtPowerFlow;
}

describe('<ct-power-flow>', () => {
  it('is accessible in light and dark themes', async () => {
    const flow = await mountFlow(devices.live);
    await expectAccessible(flow);
    await waitForPart(flow, 'diagram');
    await expectAccessible(flow);
  });

  it('shows the flows of the latest reading, as core reads it', async () => {
    const flow = await mountFlow(devices.live);
    await waitForPart(flow, 'diagram');
    const now = Date.now();
    const series = await directClient()
      .measurements({ deviceId: devices.live, from: now - 3_600_000, to: now + 60_000 })
      .collect();
    const last = series.length - 1;
    const col = (name: 'PowerUsage' | 'Generating' | 'PowerUsageNet' | 'PowerExportedNet') =>
      series.columns[name][last] as number;
    const { links } = powerFlows({
      usage: col('PowerUsage'),
      generation: col('Generating'),
      importNet: col('PowerUsageNet'),
      exportNet: col('PowerExportedNet'),
    });
    const f = new Formatter('en');
    const description = part(flow, 'description')?.textContent ?? '';
    for (const link of links.filter((l) => l.watts >= 1)) {
      expect(description).toContain(`to ${link.to}: ${f.power(link.watts)}`);
      expect(flow.shadowRoot?.querySelector(`[data-flow="${link.from}-${link.to}"]`)).not.toBeNull();
    }
    expect(shadowText(flow)).toContain(f.power(col('PowerUsage')));
  });

  it('keeps the energy balance: home = solar + battery + grid shares', () => {
    const { links, batteryW } = powerFlows({ usage: 1500, generation: 4000, importNet: 0, exportNet: 1000 });
    expect(batteryW).toBe(1500);
    const watts = Object.fromEntries(links.map((l) => [`${l.from}-${l.to}`, l.watts]));
    expect(watts).toEqual({
      'solar-home': 1500,
      'solar-battery': 1500,
      'solar-grid': 1000,
      'battery-home': 0,
      'grid-home': 0,
    });
    const night = powerFlows({ usage: 800, generation: 0, importNet: 300, exportNet: 0 });
    expect(night.batteryW).toBe(-500);
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
