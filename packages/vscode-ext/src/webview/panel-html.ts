import { randomBytes } from 'node:crypto';

/** What the measurements page needs. */
export interface PanelHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for this page's scripts. */
  nonce: string;
  /** Webview URI of ct-widgets.js, or undefined when the widgets bundle was not built in. */
  widgetsUri: string | undefined;
  title: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The measurements page. Strict CSP: no network at all (`default-src 'none'`, so no connect-src), scripts
 * only with this page's nonce, images and styles only from the extension. `'unsafe-inline'` for styles is
 * needed because uPlot positions its cursor, legend and overlay with inline `style` attributes; Lit itself
 * uses adoptedStyleSheets, which CSP does not restrict. The page never holds credentials: the extension host
 * fetches with core and posts `{ type: 'series' }` messages (the series and its time zone).
 */
export function renderPanelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  const widgets = options.widgetsUri
    ? `<script type="module" nonce="${nonce}" src="${escapeHtml(options.widgetsUri)}"></script>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style>
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background);
    font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
  header { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  h1 { font-size: 1.2em; font-weight: 600; margin-right: auto; }
  button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
    border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; cursor: pointer; }
  button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  #status { color: var(--vscode-descriptionForeground); min-height: 1.4em; }
  #status.error { color: var(--vscode-errorForeground); }
  ct-usage-chart, ct-energy-summary {
    display: block; margin-top: 12px;
    --ct-color-text: var(--vscode-foreground);
    --ct-color-muted: var(--vscode-descriptionForeground);
    --ct-color-background: var(--vscode-editor-background);
    --ct-color-surface: var(--vscode-sideBar-background);
    --ct-color-border: var(--vscode-panel-border);
    --ct-color-usage: var(--vscode-charts-blue);
    --ct-color-solar: var(--vscode-charts-yellow);
    --ct-color-export: var(--vscode-charts-green);
    --ct-color-import: var(--vscode-charts-red);
    --ct-color-battery: var(--vscode-charts-purple);
    --ct-font-family: var(--vscode-font-family);
  }
  ct-usage-chart { min-height: 320px; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(options.title)}</h1>
  <button type="button" data-range="24h" aria-pressed="true">24 hours</button>
  <button type="button" data-range="7d" aria-pressed="false">7 days</button>
  <button type="button" data-range="30d" aria-pressed="false">30 days</button>
</header>
<p id="status" role="status">Loading…</p>
<ct-usage-chart theme="auto"></ct-usage-chart>
<ct-energy-summary theme="auto"></ct-energy-summary>
${widgets}
<script type="module" nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const status = document.getElementById('status');
  const chart = document.querySelector('ct-usage-chart');
  const summary = document.querySelector('ct-energy-summary');
  for (const button of document.querySelectorAll('button[data-range]')) {
    button.addEventListener('click', () => {
      for (const b of document.querySelectorAll('button[data-range]')) b.setAttribute('aria-pressed', String(b === button));
      status.className = '';
      status.textContent = 'Loading…';
      vscode.postMessage({ type: 'range', range: button.dataset.range });
    });
  }
  // JSON carries no NaN: the host sends null for values core could not parse.
  const column = (values) => Float64Array.from(values, (v) => (v === null ? NaN : v));
  function toSeries(data) {
    const columns = {};
    for (const [name, values] of Object.entries(data.columns)) columns[name] = column(values);
    return { deviceId: data.deviceId, length: data.time.length, time: column(data.time), ids: data.ids, columns, issues: [] };
  }
  window.addEventListener('message', async (event) => {
    const message = event.data;
    if (message.type === 'error') {
      status.className = 'error';
      status.textContent = message.message;
      return;
    }
    if (message.type !== 'series') return;
    const series = toSeries(message.series);
    status.className = '';
    status.textContent = message.label + ': ' + series.length + ' records';
    if (!customElements.get('ct-usage-chart')) {
      status.textContent += ' (the widgets bundle is missing from this build)';
      return;
    }
    await Promise.all([customElements.whenDefined('ct-usage-chart'), customElements.whenDefined('ct-energy-summary')]);
    // The carbontrack.timeZone setting, not the browser's zone: the chart's axis and tooltip, the peak time.
    chart.timeZone = message.timeZone;
    summary.timeZone = message.timeZone;
    chart.series = series;
    summary.series = series;
    vscode.setState({ range: message.range });
  });
  vscode.postMessage({ type: 'ready', range: vscode.getState()?.range ?? '24h' });
</script>
</body>
</html>
`;
}
