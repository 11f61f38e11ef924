// The measurements page's own script, run inside the webview (bundled by scripts/build.mjs to
// dist/webview/measurements-page.js, loaded with the page's nonce). The widgets come from
// ct-widgets.js; this module only wires the range buttons and the host's messages to them.
import type { MeasurementField } from '@carbontrack/core';
import type { CtEnergySummary, CtUsageChart } from '@carbontrack/widgets';
import { seriesTable } from '../results/result-table.js';
import type { HostMessage, PageMessage } from './panel-messages.js';
import { ResultsGrid } from './results-grid.js';
import { seriesFromMessage } from './series-message.js';

const TABLE_FIELDS: MeasurementField[] = ['PowerUsage', 'Generating', 'PowerExported', 'BatteryCharge'];

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): { range?: string } | undefined;
  setState(state: { range: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export { seriesFromMessage };

function start(): void {
  const vscode = acquireVsCodeApi();
  const status = document.getElementById('status') as HTMLElement;
  const chart = document.querySelector('ct-usage-chart') as CtUsageChart;
  const summary = document.querySelector('ct-energy-summary') as CtEnergySummary;
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-range]')];
  for (const button of buttons) {
    button.addEventListener('click', () => {
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
      status.className = '';
      status.textContent = button.dataset.range === 'custom' ? 'Pick the dates in the prompt above…' : 'Loading…';
      vscode.postMessage({ type: 'range', range: button.dataset.range ?? '24h' });
    });
  }
  document.querySelector('button[data-action="export"]')?.addEventListener('click', () => {
    vscode.postMessage({ type: 'export' });
  });
  // The records under the chart: the chart's fields, local times with their offset.
  const grid = new ResultsGrid(
    document.getElementById('grid-head') as HTMLElement,
    document.getElementById('grid-viewport') as HTMLElement,
    document.getElementById('grid-rows') as HTMLElement,
  );
  window.addEventListener('message', async (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    if (message.type === 'status') {
      status.className = message.error ? 'error' : '';
      status.textContent = message.text;
      return;
    }
    if (message.type === 'error') {
      status.className = 'error';
      status.textContent = message.message;
      return;
    }
    if (message.type !== 'series') return;
    const series = seriesFromMessage(message.series);
    status.className = message.tariffError ? 'error' : '';
    status.textContent = `${message.label}: ${series.length} records`;
    if (message.tariffError) status.textContent += `. ${message.tariffError}`;
    if (!customElements.get('ct-usage-chart')) {
      status.textContent += ' (the widgets bundle is missing from this build)';
      return;
    }
    await Promise.all([customElements.whenDefined('ct-usage-chart'), customElements.whenDefined('ct-energy-summary')]);
    chart.timeZone = message.timeZone;
    summary.timeZone = message.timeZone;
    chart.series = series;
    grid.show(seriesTable([series], TABLE_FIELDS, message.timeZone));
    summary.seriesPeriod = { from: message.from, to: message.to };
    summary.comparisonData = message.earlier
      ? { series: seriesFromMessage(message.earlier.series), from: message.earlier.from, to: message.earlier.to }
      : undefined;
    summary.compare = message.earlier?.kind ?? '';
    summary.tariff = message.tariff ?? undefined;
    summary.series = series;
    vscode.setState({ range: message.range });
  });
  vscode.postMessage({ type: 'ready', range: vscode.getState()?.range ?? '24h' });
}

if (typeof acquireVsCodeApi === 'function') start();
