import uPlot from 'uplot';
import { afterEach, describe, expect, it } from 'vitest';
import { uplotColumn } from './chart-data.js';

const plots: uPlot[] = [];
afterEach(() => {
  for (const u of plots.splice(0)) u.destroy();
  document.body.replaceChildren();
});

/** A real uPlot in the page with one series, and its y scale once drawn. */
async function yScaleOf(values: Float64Array | (number | null)[]): Promise<{ min: number | null; max: number | null }> {
  const mount = document.createElement('div');
  document.body.append(mount);
  const x = Float64Array.from(values, (_, i) => i);
  const u = new uPlot(
    { width: 400, height: 200, scales: { x: { time: false } }, series: [{}, { stroke: 'red' }] },
    [x, values] as unknown as uPlot.AlignedData,
    mount,
  );
  plots.push(u);
  // uPlot sets its scales when it draws, after the current task.
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  return { min: u.scales.y?.min ?? null, max: u.scales.y?.max ?? null };
}

describe('uplotColumn', () => {
  it('hands uPlot every NaN as null: a leading NaN would otherwise become the y range and draw nothing', async () => {
    // An earlier period with no data in its first bucket, as a comparison column has it.
    const earlier = Float64Array.from([Number.NaN, 12, 17, Number.NaN, 9]);
    const raw = await yScaleOf(earlier);
    expect(Number.isFinite(raw.min as number)).toBe(false);
    const handed = uplotColumn(earlier);
    expect(Array.from(handed)).toEqual([null, 12, 17, null, 9]);
    const scale = await yScaleOf(handed);
    expect(scale.min).toBeLessThanOrEqual(9);
    expect(scale.max).toBeGreaterThanOrEqual(17);
    // A column without gaps goes as it is, not copied.
    const whole = Float64Array.from([1, 2, 3]);
    expect(uplotColumn(whole)).toBe(whole);
  });
});
