/** The time range shown: the whole data range, or a zoomed part of it. */
export interface ChartView {
  /** Start, epoch ms. */
  from: number;
  /** End, epoch ms. */
  to: number;
}
