import { CtDeviceCard } from './device-card.component.js';

export { CtDeviceCard };
export default CtDeviceCard;

if (!customElements.get('ct-device-card')) customElements.define('ct-device-card', CtDeviceCard);

declare global {
  interface HTMLElementTagNameMap {
    'ct-device-card': CtDeviceCard;
  }
}
