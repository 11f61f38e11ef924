// Benchmark page: <ct-usage-chart> with one year of five-minute data (105,120 rows × 3 series)
// already in memory, against uPlot alone drawing every row. Both are timed until their canvas is
// drawn (uPlot draws in a microtask), not until the next frame, whose vsync wait is idle time.
import type { MeasurementSeries } from '@carbontrack/core';
import uPlot from 'uplot';
import '../dist/usage-chart/usage-chart.js';

const ROWS = 105_120;
const STEP = 300_000;
const start = Date.UTC(2025, 0, 1);

function yearOfData(): MeasurementSeries {
  const time = new Float64Array(ROWS);
  const usage = new Float64Array(ROWS);
  const generation = new Float64Array(ROWS);
  const exported = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const t = start + i * STEP;
    const hour = (t / 3_600_000) % 24;
    time[i] = t;
    usage[i] = 400 + 300 * Math.sin(i / 37) + (hour > 17 && hour < 22 ? 1500 : 0) + ((i * 7919) % 200);
    generation[i] = Math.max(0, 5000 * Math.sin(((hour - 6) / 12) * Math.PI)) * (0.7 + 0.3 * Math.sin(i / 500));
    exported[i] = Math.max(0, (generation[i] as number) - (usage[i] as number));
  }
  const columns = { PowerUsage: usage, Generating: generation, PowerExported: exported };
  return {
    deviceId: '1234567890123456',
    length: ROWS,
    time,
    ids: [],
    columns: columns as unknown as MeasurementSeries['columns'],
    issues: [],
  };
}

const macrotask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** Whether a canvas has any painted pixel. */
function painted(canvas: HTMLCanvasElement | null | undefined): boolean {
  const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
  return !!data && data.some((v, i) => i % 4 === 3 && v > 0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function run() {
  const series = yearOfData();
  const box = document.createElement('div');
  box.style.width = '1000px';
  document.body.append(box);

  const data: uPlot.AlignedData = [
    Array.from(series.time),
    Array.from(series.columns.PowerUsage),
    Array.from(series.columns.Generating),
    Array.from(series.columns.PowerExported),
  ];
  const uplotBox = document.createElement('div');
  uplotBox.style.width = '1000px';
  document.body.append(uplotBox);
  // uPlot is the chart's on-demand chunk: load it once first, as uPlot alone has its module loaded.
  const warm = document.createElement('ct-usage-chart');
  warm.refreshInterval = 0;
  warm.series = series;
  box.append(warm);
  while (!painted(warm.shadowRoot?.querySelector('canvas'))) await macrotask();
  // Interleaved, so both sides see the same JIT warmth, GC pressure and machine load.
  const firstRenders: number[] = [];
  const alone: number[] = [];
  for (let i = 0; i < 21; i++) {
    box.replaceChildren();
    const chart = document.createElement('ct-usage-chart');
    chart.refreshInterval = 0;
    chart.timeZone = 'Australia/Sydney';
    const t0 = performance.now();
    chart.series = series;
    box.append(chart);
    await chart.updateComplete;
    // uPlot draws in a microtask queued by the chart's update, so the canvas is painted by now.
    firstRenders.push(performance.now() - t0);
    if (!painted(chart.shadowRoot?.querySelector('canvas'))) throw new Error('the chart drew nothing');
    await macrotask();

    uplotBox.replaceChildren();
    const t1 = performance.now();
    let drawnAt = 0;
    new uPlot(
      {
        width: 1000,
        height: 240,
        ms: 1,
        series: [{}, { stroke: 'red' }, { stroke: 'green' }, { stroke: 'blue' }],
        hooks: { draw: [() => (drawnAt = performance.now())] },
      },
      data,
      uplotBox,
    );
    while (drawnAt === 0) await Promise.resolve();
    alone.push(drawnAt - t1);
    await macrotask();
  }
  uplotBox.remove();

  const chart = box.querySelector('ct-usage-chart') as HTMLElementTagNameMap['ct-usage-chart'];
  const zooms: number[] = [];
  const drawn: number[] = [];
  for (let i = 0; i < 30; i++) {
    const from = start + ((i * 9973) % 300) * 86_400_000;
    const to = from + (1 + (i % 60)) * 86_400_000;
    const t0 = performance.now();
    chart.zoom(from, to);
    await chart.updateComplete;
    zooms.push(performance.now() - t0);
    await macrotask();
    drawn.push(chart.uplot?.data[0]?.length ?? 0);
  }
  chart.resetZoom();
  await chart.updateComplete;

  return {
    rows: ROWS,
    series: 3,
    firstRenderMedianMs: median(firstRenders),
    firstRenderOverUplotAlone: median(firstRenders.map((t, i) => t / (alone[i] as number))),
    zoomRerenderMedianMs: median(zooms),
    zoomPointsDrawnMedian: median(drawn),
    uplotAloneAllRowsMedianMs: median(alone),
  };
}

(globalThis as { runBench?: typeof run }).runBench = run;
