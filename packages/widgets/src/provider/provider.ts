import { CtProvider } from './provider.component.js';

export { CtProvider };
export default CtProvider;

if (!customElements.get('ct-provider')) customElements.define('ct-provider', CtProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ct-provider': CtProvider;
  }
}
