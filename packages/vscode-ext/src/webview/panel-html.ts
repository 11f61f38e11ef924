import { escapeHtml, moduleScript, pageHead } from './webview-page.js';
import { GRID_CSS, WIDGET_THEME_VARS } from './webview-styles.js';

/** What the measurements page needs. */
export interface PanelHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for this page's scripts. */
  nonce: string;
  /** Webview URI of ct-widgets.js, or undefined when the widgets bundle was not built in. */
  widgetsUri: string | undefined;
  /** Webview URI of the page's own script (measurements-page.js). */
  pageScriptUri: string;
  title: string;
}

/**
 * The measurements page. Strict CSP: no network at all (`default-src 'none'`, so no connect-src), scripts
 * only with this page's nonce, images and styles only from the extension. `'unsafe-inline'` for styles is
 * needed because uPlot positions its cursor, legend and overlay with inline `style` attributes; Lit itself
 * uses adoptedStyleSheets, which CSP does not restrict. The page never holds credentials: the extension host
 * fetches with core and posts `{ type: 'series' }` messages (the series and its time zone), which the page's
 * typed script (`measurements-page.ts`) hands to the widgets.
 */
export function renderPanelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce } = options;
  const widgets = moduleScript(nonce, options.widgetsUri);
  return `${pageHead({ cspSource, nonce, title: options.title })}
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
    /* Only properties the widgets read (their custom-elements.json lists them). */
    ${WIDGET_THEME_VARS}
  }
  ct-usage-chart { min-height: 320px; }
  #table { margin-top: 12px; border: 1px solid var(--vscode-panel-border); font-family: var(--vscode-editor-font-family); }
  ${GRID_CSS}
  #grid-viewport { height: 320px; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(options.title)}</h1>
  <button type="button" data-range="24h" aria-pressed="true">24 hours</button>
  <button type="button" data-range="today" aria-pressed="false">Today</button>
  <button type="button" data-range="yesterday" aria-pressed="false">Yesterday</button>
  <button type="button" data-range="7d" aria-pressed="false">7 days</button>
  <button type="button" data-range="30d" aria-pressed="false">30 days</button>
  <button type="button" data-range="month" aria-pressed="false">This month</button>
  <button type="button" data-range="lastMonth" aria-pressed="false">Last month</button>
  <button type="button" data-range="custom" aria-pressed="false">Custom…</button>
  <button type="button" data-action="export">Export…</button>
</header>
<p id="status" role="status">Loading…</p>
<ct-usage-chart theme="auto"></ct-usage-chart>
<ct-energy-summary theme="auto"></ct-energy-summary>
<section id="table" aria-label="Measurements">
  <div id="grid-viewport">
    <div id="grid-head" role="row"></div>
    <div id="grid-rows"></div>
  </div>
</section>
${widgets}
${moduleScript(nonce, options.pageScriptUri)}
</body>
</html>
`;
}
