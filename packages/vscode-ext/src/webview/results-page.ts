// The results view's own script, run inside the webview (bundled by scripts/build.mjs to
// dist/webview/results-page.js): the header, the buttons and a virtualised grid that draws only
// the rows in view, so 100,000 rows scroll as smoothly as 100. Text goes in with textContent only.

import type { CtUsageChart } from '@carbontrack/widgets';
import { ResultsGrid } from './results-grid.js';
import type { ResultsHostMessage, ResultsPageMessage } from './results-messages.js';
import { seriesFromMessage } from './series-message.js';

interface VsCodeApi {
  postMessage(message: ResultsPageMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const vscode = acquireVsCodeApi();
  const byId = (id: string) => document.getElementById(id) as HTMLElement;
  const grid = new ResultsGrid(byId('grid-head'), byId('grid-viewport'), byId('grid-rows'));
  const status = byId('status');
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    button.addEventListener('click', () => {
      const action = button.dataset.action;
      if (action === 'export-csv') vscode.postMessage({ type: 'export', format: 'csv' });
      if (action === 'export-json') vscode.postMessage({ type: 'export', format: 'json' });
      if (action === 'export-parquet') vscode.postMessage({ type: 'export', format: 'parquet' });
      if (action === 'copy-markdown') vscode.postMessage({ type: 'copy-markdown' });
      if (action === 'open-text') vscode.postMessage({ type: 'open-text' });
    });
  }
  const selectTab = (which: 'table' | 'chart') => {
    byId('tab-table').setAttribute('aria-selected', String(which === 'table'));
    byId('tab-chart').setAttribute('aria-selected', String(which === 'chart'));
    byId('grid').hidden = which !== 'table';
    byId('chart').hidden = which !== 'chart';
  };
  byId('tab-table').addEventListener('click', () => selectTab('table'));
  byId('tab-chart').addEventListener('click', () => selectTab('chart'));
  window.addEventListener('message', (event: MessageEvent<ResultsHostMessage>) => {
    const message = event.data;
    if (message.type === 'status') {
      status.textContent = message.text;
      status.className = message.error ? 'error' : '';
      return;
    }
    const { header, table } = message;
    byId('query').textContent = header.query;
    byId('connection').textContent = header.connection;
    byId('rows').textContent = `${header.rows.toLocaleString()} ${header.rows === 1 ? 'row' : 'rows'}`;
    byId('duration').textContent = `${(header.durationMs / 1000).toFixed(2)} s`;
    byId('zone').textContent = header.timeZone ? `times in ${header.timeZone}` : '';
    (document.querySelector('button[data-action="export-parquet"]') as HTMLElement).hidden = !header.parquet;
    status.textContent = `${header.endpoint} query done`;
    status.className = '';
    byId('grid').setAttribute('aria-rowcount', String(table.rows.length + 1));
    grid.show(table);
    // The Chart tab: for measurement records, when the widgets are bundled.
    const chartable = Boolean(message.chart) && customElements.get('ct-usage-chart') !== undefined;
    byId('tabs').hidden = !chartable;
    if (!chartable) selectTab('table');
    if (message.chart && chartable) {
      const chart = byId('chart') as CtUsageChart;
      chart.timeZone = header.timeZone ?? '';
      chart.fields = message.chart.fields.join(',');
      chart.series = seriesFromMessage(message.chart.series);
    }
  });
  vscode.postMessage({ type: 'ready' });
}

if (typeof acquireVsCodeApi === 'function') start();
