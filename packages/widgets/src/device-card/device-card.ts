import { defineElement } from '../shared/define-element.js';
import { CtDeviceCard } from './device-card.component.js';

export { CtDeviceCard };
export default CtDeviceCard;

defineElement('ct-device-card', CtDeviceCard);

declare global {
  interface HTMLElementTagNameMap {
    'ct-device-card': CtDeviceCard;
  }
}
