/**
 * `@carbontrack/core/downsample`: per-pixel (M4) downsampling of measurement columns for charts,
 * on its own so that a page drawing power lines carries it without the energy maths (it is in
 * `@carbontrack/core/energy` too).
 * @packageDocumentation
 */

export {
  type ColumnStats,
  type DownsampledColumns,
  type DownsampledPoints,
  type DownsampleM4Options,
  downsampleColumnsM4,
  downsampleM4,
} from '../measurements/downsample-m4.js';
