// Benchmark page: <ct-usage-chart> with one year of five-minute data (105,120 rows × 3 series)
// already in memory, against uPlot alone drawing every row.
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function run() {
  const series = yearOfData();
  const box = document.createElement('div');
  box.style.width = '1000px';
  document.body.append(box);

  const firstRenders: number[] = [];
  for (let i = 0; i < 15; i++) {
    box.replaceChildren();
    const chart = document.createElement('ct-usage-chart');
    chart.refreshInterval = 0;
    const t0 = performance.now();
    chart.series = series;
    box.append(chart);
    await chart.updateComplete;
    await macrotask();
    firstRenders.push(performance.now() - t0);
  }

  const chart = box.querySelector('ct-usage-chart') as HTMLElementTagNameMap['ct-usage-chart'];
  const zooms: number[] = [];
  const drawn: number[] = [];
  for (let i = 0; i < 30; i++) {
    const from = start + ((i * 9973) % 300) * 86_400_000;
    const to = from + (1 + (i % 60)) * 86_400_000;
    const t0 = performance.now();
    chart.zoom(from, to);
    await chart.updateComplete;
    await macrotask();
    zooms.push(performance.now() - t0);
    drawn.push(chart.uplot?.data[0]?.length ?? 0);
  }
  chart.resetZoom();
  await chart.updateComplete;

  const alone: number[] = [];
  const data: uPlot.AlignedData = [
    Array.from(series.time),
    Array.from(series.columns.PowerUsage),
    Array.from(series.columns.Generating),
    Array.from(series.columns.PowerExported),
  ];
  for (let i = 0; i < 5; i++) {
    box.replaceChildren();
    const t0 = performance.now();
    new uPlot(
      { width: 1000, height: 240, ms: 1, series: [{}, { stroke: 'red' }, { stroke: 'green' }, { stroke: 'blue' }] },
      data,
      box,
    );
    await macrotask();
    alone.push(performance.now() - t0);
  }

  return {
    rows: ROWS,
    series: 3,
    firstRenderMedianMs: median(firstRenders),
    firstRenderMs: firstRenders.map((x) => Math.round(x * 10) / 10),
    zoomRerenderMedianMs: median(zooms),
    zoomPointsDrawnMedian: median(drawn),
    uplotAloneAllRowsMedianMs: median(alone),
  };
}

(globalThis as { runBench?: typeof run }).runBench = run;
