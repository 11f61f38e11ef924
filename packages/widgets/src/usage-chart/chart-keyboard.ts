import type { ChartView } from './chart-view.js';

/** Share of the view one arrow key pans by. */
const PAN_SHARE = 0.1;
/** How much `+` narrows the view (and `-` widens it). */
const ZOOM_FACTOR = 2;
/** The narrowest view, ms: about a dozen five-minute samples. */
const MIN_SPAN_MS = 3_600_000;

/**
 * The view after a key press on the plot: ←/→ pan by a tenth, `+`/`=` zoom in around the
 * centre, `-` zoom out, Home/End jump to the start or end, Escape shows everything again (null).
 * Views never leave `whole`. Returns undefined for a key the plot does not use.
 */
export function viewAfterKey(key: string, view: ChartView, whole: ChartView): ChartView | null | undefined {
  const span = view.to - view.from;
  const wholeSpan = whole.to - whole.from;
  switch (key) {
    case 'Escape':
      return null;
    case 'ArrowLeft':
      return clamp(view.from - span * PAN_SHARE, span, whole);
    case 'ArrowRight':
      return clamp(view.from + span * PAN_SHARE, span, whole);
    case 'Home':
      return clamp(whole.from, span, whole);
    case 'End':
      return clamp(whole.to - span, span, whole);
    case '+':
    case '=': {
      const next = Math.max(Math.min(MIN_SPAN_MS, wholeSpan), span / ZOOM_FACTOR);
      return clamp(view.from + (span - next) / 2, next, whole);
    }
    case '-':
    case '_': {
      const next = span * ZOOM_FACTOR;
      if (next >= wholeSpan) return null;
      return clamp(view.from - (next - span) / 2, next, whole);
    }
    default:
      return undefined;
  }
}

function clamp(from: number, span: number, whole: ChartView): ChartView | null {
  if (span >= whole.to - whole.from) return null;
  const start = Math.min(Math.max(from, whole.from), whole.to - span);
  return { from: start, to: start + span };
}
