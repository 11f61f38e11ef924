// One reference section per component, generated from the widgets' custom-elements.json.
// Every text from the manifest is set with textContent.
import { COMPONENTS, type ManifestItem } from './manifest.js';

function table(caption: string, columns: string[], rows: string[][]): HTMLElement | null {
  if (rows.length === 0) return null;
  const element = document.createElement('table');
  const cap = element.createCaption();
  cap.textContent = caption;
  const head = element.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column;
    head.append(th);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const td = tr.insertCell();
      if (i === 0) {
        const code = document.createElement('code');
        code.textContent = cell;
        td.append(code);
      } else {
        td.textContent = cell;
      }
    });
  }
  return element;
}

const describe = (items: ManifestItem[] | undefined, withDefault = false) =>
  (items ?? []).map((i) => [i.name, ...(withDefault ? [i.default ?? ''] : []), i.description ?? '']);

const root = document.getElementById('reference') as HTMLElement;
const toc = document.createElement('nav');
toc.setAttribute('aria-label', 'Components');
const list = document.createElement('ul');
toc.append(list);
root.append(toc);

for (const component of COMPONENTS) {
  const id = component.tagName;
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `#${id}`;
  link.textContent = `<${component.tagName}>`;
  item.append(link);
  list.append(item);

  const section = document.createElement('section');
  section.className = 'reference-entry';
  section.id = id;
  const heading = document.createElement('h2');
  heading.textContent = `<${component.tagName}>`;
  const summary = document.createElement('p');
  summary.textContent = component.summary ?? component.description ?? '';
  section.append(heading, summary);
  const attributes = (component.attributes ?? []).map((a) => [
    a.name,
    a.type?.text ?? '',
    a.default ?? '',
    a.description ?? '',
  ]);
  const properties = (component.members ?? [])
    .filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static)
    .map((m) => [m.name, m.type?.text ?? '', m.description ?? '']);
  for (const t of [
    table('Attributes', ['Name', 'Type', 'Default', 'Description'], attributes),
    table('Properties', ['Name', 'Type', 'Description'], properties),
    table('Events', ['Name', 'Description'], describe(component.events)),
    table('CSS custom properties', ['Name', 'Default', 'Description'], describe(component.cssProperties, true)),
    table('CSS parts', ['Name', 'Description'], describe(component.cssParts)),
    table('Slots', ['Name', 'Description'], describe(component.slots)),
  ]) {
    if (t) section.append(t);
  }
  root.append(section);
}
