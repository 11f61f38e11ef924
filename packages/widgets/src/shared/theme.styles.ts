import { css } from 'lit';

/**
 * Tokens and states shared by every widget. Colours use `light-dark()`, so `color-scheme` alone
 * switches them: `light dark` follows `prefers-color-scheme`, the `theme` attribute forces one.
 * Every `--_x` private token reads a documented `--ct-*` custom property first.
 */
export default css`
  :host {
    color-scheme: light dark;
    --_fg: var(--ct-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--ct-color-muted, light-dark(#57606a, #9198a1));
    --_bg: var(--ct-color-surface, light-dark(#ffffff, #0d1117));
    --_border: var(--ct-color-border, light-dark(#d0d7de, #3d444d));
    --_accent: var(--ct-color-accent, light-dark(#0969da, #4493f8));
    --_online: var(--ct-color-online, light-dark(#1a7f37, #3fb950));
    --_error: var(--ct-color-error, light-dark(#cf222e, #f85149));
    --_usage: var(--ct-color-usage, light-dark(#bc4c00, #f0883e));
    --_solar: var(--ct-color-solar, light-dark(#9a6700, #d29922));
    /* --ct-color-grid is the old name of --ct-color-power-grid (it read as chart grid lines). */
    --_grid: var(--ct-color-power-grid, var(--ct-color-grid, light-dark(#8250df, #a371f7)));
    --_battery: var(--ct-color-battery, light-dark(#1a7f37, #3fb950));
    --_skeleton: var(--ct-color-skeleton, light-dark(#eaeef2, #21262d));
    display: block;
    /* The containing block of .visually-hidden and any other absolutely positioned part, so they
       stay inside the widget (and inside a page's clipping or scrolling box around it). */
    position: relative;
    box-sizing: border-box;
    font-family: var(--ct-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    font-size: var(--ct-font-size, 14px);
    line-height: 1.4;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--ct-radius, 8px);
    padding: var(--ct-spacing, 16px);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .muted {
    color: var(--_muted);
  }
  .skeleton {
    display: grid;
    gap: 8px;
  }
  .skeleton span {
    display: block;
    height: 1em;
    border-radius: 4px;
    background: var(--_skeleton);
    animation: ct-pulse 1.2s ease-in-out infinite alternate;
  }
  .skeleton span:nth-child(2) {
    width: 70%;
  }
  .skeleton span:nth-child(3) {
    width: 45%;
  }
  @keyframes ct-pulse {
    to {
      opacity: 0.45;
    }
  }
  .error,
  .empty {
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .error p {
    margin: 0;
    color: var(--_error);
    /* A message may carry a URL or a key with no spaces: it wraps at a phone's width. */
    overflow-wrap: anywhere;
  }
  .empty p {
    margin: 0;
    color: var(--_muted);
  }
  button {
    font: inherit;
    color: var(--_accent);
    background: transparent;
    border: 1px solid currentColor;
    border-radius: 6px;
    padding: 2px 10px;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* Read by screen readers, not shown, and never wider than 1px: on a wrapper (<div
     class="visually-hidden"><table>...) or on the element itself. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  /* A table ignores width and overflow and grows to its content (626px in the chart); as a block it
     holds 1px and clips its rows, and keeps its table, header and cell roles (Chromium's tree). */
  table.visually-hidden {
    display: block;
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton span {
      animation: none;
    }
  }
`;
