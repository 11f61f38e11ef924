// A virtualised grid for the webviews (results view, measurements panel): a header row, and a
// scroll box whose spacer is as tall as every row, with a pool of row elements placed by
// `transform`; only the rows in view (and a few more) are drawn. Text goes in with textContent.
import type { ResultTable } from '../results/result-table.js';
import { displayCell, visibleRows } from './virtual-rows.js';

const ROW_HEIGHT = 22;

/** The grid over three elements of the page: the header row, the scroll box and the spacer inside it. */
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
