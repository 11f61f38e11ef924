// The widgets' attributes are typed for Vue: a number where the widget takes a string does not
// compile (vue-tsc checks this file with the templates).
import type { GlobalComponents } from 'vue';

type DeviceCardProps = InstanceType<GlobalComponents['ct-device-card']>['$props'];

export const right: DeviceCardProps = { 'device-id': '1234567890123456', 'refresh-interval': 0 };
// @ts-expect-error device-id is a string
export const wrong: DeviceCardProps = { 'device-id': 1234 };
