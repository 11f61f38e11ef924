// The results view's own script, run inside the webview (bundled by scripts/build.mjs to
// dist/webview/results-page.js): the header, the buttons and a virtualised grid that draws only
// the rows in view, so 100,000 rows scroll as smoothly as 100. Text goes in with textContent only.
import type { ResultTable } from '../results/result-table.js';
import type { ResultsHostMessage, ResultsPageMessage } from '../results/results-messages.js';
import { displayCell, visibleRows } from '../results/virtual-rows.js';

interface VsCodeApi {
  postMessage(message: ResultsPageMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const ROW_HEIGHT = 22;

/** The grid: a header row, and a scroll box whose spacer is as tall as every row, with a pool of row elements. */
export class ResultsGrid {
  private table: ResultTable = { columns: [], units: [], rows: [] };
  private readonly pool: HTMLDivElement[] = [];
  private readonly number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
  private frame = 0;
  private template = '';

  constructor(
    private readonly head: HTMLElement,
    private readonly viewport: HTMLElement,
    private readonly spacer: HTMLElement,
  ) {
    viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  show(table: ResultTable): void {
    this.table = table;
    // Column widths from the header and the first rows: wide enough for what most cells hold.
    const widths = table.columns.map((column, i) => {
      const unit = table.units[i] ? ` (${table.units[i]})` : '';
      let chars = column.length + unit.length;
      for (const row of table.rows.slice(0, 200))
        chars = Math.max(chars, displayCell(row[i] ?? null, this.number).length);
      return Math.min(48, Math.max(6, chars)) * 9 + 18;
    });
    this.template = widths.map((w) => `${w}px`).join(' ');
    this.head.replaceChildren(
      ...table.columns.map((column, i) => {
        const cell = document.createElement('div');
        cell.setAttribute('role', 'columnheader');
        cell.textContent = table.units[i] ? `${column} (${table.units[i]})` : column;
        return cell;
      }),
    );
    this.head.style.gridTemplateColumns = this.template;
    const width = widths.reduce((a, b) => a + b, 0);
    this.spacer.style.height = `${table.rows.length * ROW_HEIGHT}px`;
    this.spacer.style.width = `${width}px`;
    this.head.style.width = `${width}px`;
    for (const row of this.pool) row.remove();
    this.pool.length = 0;
    this.viewport.scrollTop = 0;
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws the rows in view, reusing the pooled row elements. */
  private render(): void {
    const { rows, columns } = this.table;
    const { first, last } = visibleRows(this.viewport.scrollTop, this.viewport.clientHeight, ROW_HEIGHT, rows.length);
    const needed = Math.max(0, last - first + 1);
    while (this.pool.length < needed) {
      const row = document.createElement('div');
      row.className = 'row';
      row.setAttribute('role', 'row');
      row.style.gridTemplateColumns = this.template;
      for (let c = 0; c < columns.length; c++) {
        const cell = document.createElement('div');
        cell.setAttribute('role', 'gridcell');
        row.append(cell);
      }
      this.spacer.append(row);
      this.pool.push(row);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const element = this.pool[k] as HTMLDivElement;
      const index = first + k;
      if (k >= needed) {
        element.hidden = true;
        continue;
      }
      element.hidden = false;
      element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      element.setAttribute('aria-rowindex', String(index + 2));
      const values = rows[index] ?? [];
      const cells = element.children;
      for (let c = 0; c < columns.length; c++) {
        const value = values[c] ?? null;
        const cell = cells[c] as HTMLElement;
        const text = displayCell(value, this.number);
        if (cell.textContent !== text) cell.textContent = text;
        cell.className = typeof value === 'number' ? 'num' : '';
      }
    }
  }
}

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
      if (action === 'copy-markdown') vscode.postMessage({ type: 'copy-markdown' });
      if (action === 'open-text') vscode.postMessage({ type: 'open-text' });
    });
  }
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
    status.textContent = `${header.endpoint} query done`;
    status.className = '';
    byId('grid').setAttribute('aria-rowcount', String(table.rows.length + 1));
    grid.show(table);
  });
  vscode.postMessage({ type: 'ready' });
}

if (typeof acquireVsCodeApi === 'function') start();
