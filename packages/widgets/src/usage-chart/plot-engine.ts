// What drawing a chart needs beyond the element: uPlot and the path builder that uses it. Loaded
// on demand (its own chunk of the single-script bundle), so pages without a chart never fetch it.
export { default as uPlot } from 'uplot';
export { columnLines } from './column-lines.js';
