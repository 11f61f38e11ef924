/**
 * Defines `tag` in the page's registry: once (a page may load two copies of the widgets, e.g.
 * from two portal plug-ins: the first definition stays), and only where there is a DOM
 * (importing on a server, for server-side rendering, defines nothing).
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const registry = typeof window === 'undefined' ? undefined : window.customElements;
  if (registry && !registry.get(tag)) registry.define(tag, element);
}
