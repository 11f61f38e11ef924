import { defineElement } from '../shared/define-element.js';
import { CtPowerFlow } from './power-flow.component.js';

export type { PowerFlowLink } from './power-flow.component.js';
export { CtPowerFlow };
export default CtPowerFlow;

defineElement('ct-power-flow', CtPowerFlow);

declare global {
  interface HTMLElementTagNameMap {
    'ct-power-flow': CtPowerFlow;
  }
}
