import { CtEnergySummary } from './energy-summary.component.js';

export { CtEnergySummary };
export default CtEnergySummary;

if (!customElements.get('ct-energy-summary')) customElements.define('ct-energy-summary', CtEnergySummary);

declare global {
  interface HTMLElementTagNameMap {
    'ct-energy-summary': CtEnergySummary;
  }
}
