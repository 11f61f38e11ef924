/**
 * `@carbontrack/simulator`: a local carbonTRACK-compatible API server.
 * @packageDocumentation
 */
export const SIMULATOR_NAME = 'carbontrack-simulator';
