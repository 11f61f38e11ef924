// The widgets' JSX types for other frameworks (Preact, Solid, Stencil …), generated from the same
// manifest: checked here with the Vue ones (vue-tsc runs on this file too).
import type { CustomElements } from '@carbontrack/widgets/jsx';

export const chart: CustomElements['ct-usage-chart'] = { 'device-id': '1234567890123456', range: '7d' };
// @ts-expect-error refresh-interval is a number of seconds, not a word
export const wrong: CustomElements['ct-device-card'] = { 'refresh-interval': 'often' };
