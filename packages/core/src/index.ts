/**
 * `@carbontrack/core`: the typed carbonTRACK API client.
 * @packageDocumentation
 */
export type { components, operations, paths } from './generated/carbontrack.js';
