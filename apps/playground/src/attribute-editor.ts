import { type ComponentDoc, literalChoices } from './manifest.js';

// Attributes the playground sets itself from the pickers and the theme switcher.
const MANAGED = new Set(['device-id', 'theme']);

/**
 * A form with one control per documented attribute of the component; each change updates the live
 * element at once and calls `onChange` (to refresh the snippet).
 */
export function attributeEditor(doc: ComponentDoc, element: HTMLElement, onChange: () => void): HTMLElement {
  const form = document.createElement('form');
  form.className = 'editor';
  form.setAttribute('aria-label', `Attributes of ${doc.tagName}`);
  form.addEventListener('submit', (event) => event.preventDefault());
  for (const attribute of doc.attributes ?? []) {
    if (MANAGED.has(attribute.name)) continue;
    const label = document.createElement('label');
    label.textContent = attribute.name;
    if (attribute.description) label.title = attribute.description;
    const choices = literalChoices(attribute.type?.text);
    const type = attribute.type?.text ?? '';
    let control: HTMLInputElement | HTMLSelectElement;
    if (choices) {
      const select = document.createElement('select');
      select.append(new Option('(default)', ''));
      for (const choice of choices) select.append(new Option(choice, choice));
      control = select;
    } else if (type === 'boolean') {
      const checkbox = document.createElement('input');
      checkbox.type = 'checkbox';
      checkbox.checked = element.hasAttribute(attribute.name);
      control = checkbox;
    } else {
      const input = document.createElement('input');
      input.type = type === 'number' ? 'number' : 'text';
      input.placeholder = attribute.default?.replace(/^['"]|['"]$/g, '') ?? '';
      control = input;
    }
    control.name = attribute.name;
    if (!(control instanceof HTMLInputElement && control.type === 'checkbox')) {
      control.value = element.getAttribute(attribute.name) ?? '';
    }
    control.addEventListener('change', () => {
      if (control instanceof HTMLInputElement && control.type === 'checkbox') {
        element.toggleAttribute(attribute.name, control.checked);
      } else if (control.value === '') {
        element.removeAttribute(attribute.name);
      } else {
        element.setAttribute(attribute.name, control.value);
      }
      onChange();
    });
    label.append(control);
    form.append(label);
  }
  return form;
}
