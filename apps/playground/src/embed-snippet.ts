/** Escapes text for an HTML attribute value or text node in a snippet the user will paste. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The copy-paste embed code for `element` as it is configured now: one script, one provider and
 * the element with its attributes. Shown with textContent, so it is never parsed as HTML here.
 */
export function embedSnippet(element: Element, scriptUrl: string, baseUrl: string): string {
  const attributes = [...element.attributes]
    .filter((a) => a.name !== 'id' && a.name !== 'class' && a.name !== 'style')
    .map((a) => (a.value === '' ? ` ${a.name}` : ` ${a.name}="${escapeHtml(a.value)}"`))
    .join('');
  const tag = element.localName;
  return [
    `<script type="module" src="${escapeHtml(scriptUrl)}"></script>`,
    `<ct-provider base-url="${escapeHtml(baseUrl)}">`,
    `  <${tag}${attributes}></${tag}>`,
    '</ct-provider>',
  ].join('\n');
}
