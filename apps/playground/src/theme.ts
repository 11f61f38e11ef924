/** The playground's themes: the widgets' own light and dark, and a custom palette through `--ct-*` properties. */
export type PlaygroundTheme = 'auto' | 'light' | 'dark' | 'custom';

/** The custom palette: a warm scheme set only through documented custom properties. */
export const CUSTOM_PALETTE: Record<string, string> = {
  '--ct-color-surface': '#fff8ee',
  '--ct-color-text': '#3b2412',
  '--ct-color-muted': '#7a5a3c',
  '--ct-color-border': '#e6c9a8',
  '--ct-color-accent': '#c0561b',
  '--ct-color-usage': '#c0561b',
  '--ct-color-solar': '#d69e00',
  '--ct-color-online': '#2f7d4f',
  '--ct-color-skeleton': '#f3e3cf',
  '--ct-color-power-grid': '#5b4bb7',
  '--ct-color-battery': '#1f7a8c',
  '--ct-radius': '14px',
};

/**
 * Applies a theme: `theme` attributes on the widgets for light and dark (auto follows the system),
 * and, for the custom palette, the documented properties the manifest lists on the container.
 */
export function applyTheme(
  theme: PlaygroundTheme,
  widgets: HTMLElement[],
  container: HTMLElement,
  documented: Set<string>,
) {
  for (const widget of widgets) {
    if (theme === 'light' || theme === 'dark') widget.setAttribute('theme', theme);
    else widget.removeAttribute('theme');
  }
  for (const [property, value] of Object.entries(CUSTOM_PALETTE)) {
    if (theme === 'custom' && documented.has(property)) container.style.setProperty(property, value);
    else container.style.removeProperty(property);
  }
}
