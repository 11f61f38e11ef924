/**
 * `@carbontrack/core/http`: what the other packages need of core's HTTP handling. Not in the root
 * entry: a widget chunk that reads a body then takes only this, and esbuild does not split it out
 * of the script as a module both reach.
 * @packageDocumentation
 */

export { readTextWithin } from './read-text-within.js';
