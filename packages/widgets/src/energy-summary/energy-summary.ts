import { defineElement } from '../shared/define-element.js';
import { CtEnergySummary } from './energy-summary.component.js';

export { CtEnergySummary };
export default CtEnergySummary;

defineElement('ct-energy-summary', CtEnergySummary);

declare global {
  interface HTMLElementTagNameMap {
    'ct-energy-summary': CtEnergySummary;
  }
}
