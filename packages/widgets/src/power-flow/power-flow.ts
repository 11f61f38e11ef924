import { CtPowerFlow } from './power-flow.component.js';

export type { PowerFlowLink } from './power-flow.component.js';
export { CtPowerFlow };
export default CtPowerFlow;

if (!customElements.get('ct-power-flow')) customElements.define('ct-power-flow', CtPowerFlow);

declare global {
  interface HTMLElementTagNameMap {
    'ct-power-flow': CtPowerFlow;
  }
}
