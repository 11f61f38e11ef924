import { defineElement } from '../shared/define-element.js';
import { CtProvider } from './provider.component.js';

export { CtProvider };
export default CtProvider;

defineElement('ct-provider', CtProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ct-provider': CtProvider;
  }
}
