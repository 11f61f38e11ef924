// What every webview page of the extension shares: a fresh nonce, HTML escaping, and the head
// with the strict Content-Security-Policy (no network at all, scripts only with the page's nonce).
import { randomBytes } from 'node:crypto';

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The page's opening up to its `<style>` tag. `default-src 'none'` (so no connect-src), scripts
 * only with `nonce`, images, fonts and styles only from the extension; `'unsafe-inline'` for styles
 * because uPlot positions its cursor, legend and overlay with inline `style` attributes (Lit uses
 * adoptedStyleSheets, which CSP does not restrict).
 */
export function pageHead(options: { cspSource: string; nonce: string; title: string }): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style>`;
}

/** A module script with the page's nonce, or nothing without a URI. */
export function moduleScript(nonce: string, uri: string | undefined): string {
  return uri ? `<script type="module" nonce="${nonce}" src="${escapeHtml(uri)}"></script>` : '';
}
