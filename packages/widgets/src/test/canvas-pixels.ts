/** Reading what a chart drew: its canvas pixels. */

export type Rgb = readonly [number, number, number];

/** The uPlot canvas inside a chart element's shadow root. */
export function plotCanvas(element: Element): HTMLCanvasElement {
  const canvas = element.shadowRoot?.querySelector('canvas');
  if (!canvas) throw new Error(`no canvas in <${element.localName}>`);
  return canvas;
}

/** `rgb(1, 2, 3)` / `rgba(...)` / `#abc` / `#aabbcc` as three channels. */
export function parseColor(color: string): Rgb {
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = (hex[1] as string).length === 3 ? [...(hex[1] as string)].map((c) => c + c).join('') : (hex[1] as string);
    return [Number.parseInt(h.slice(0, 2), 16), Number.parseInt(h.slice(2, 4), 16), Number.parseInt(h.slice(4, 6), 16)];
  }
  throw new Error(`cannot read colour '${color}'`);
}

function near(data: Uint8ClampedArray, i: number, color: Rgb, tolerance: number): boolean {
  return (
    (data[i + 3] as number) > 200 &&
    Math.abs((data[i] as number) - color[0]) <= tolerance &&
    Math.abs((data[i + 1] as number) - color[1]) <= tolerance &&
    Math.abs((data[i + 2] as number) - color[2]) <= tolerance
  );
}

/**
 * Pixels painted on the canvas: of `color` (within `tolerance` per channel) when given, else any
 * opaque pixel at all (uPlot's canvas is transparent where nothing is drawn).
 */
export function paintedPixels(canvas: HTMLCanvasElement, color?: Rgb, tolerance = 24): number {
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (color ? near(data, i, color, tolerance) : (data[i + 3] as number) > 0) count++;
  }
  return count;
}

/** Runs of `color` along canvas row `y` (device pixels) between x0 and x1: one per bar crossed. */
export function countRuns(
  canvas: HTMLCanvasElement,
  y: number,
  x0: number,
  x1: number,
  color: Rgb,
  tolerance = 24,
): number {
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  const left = Math.max(0, Math.floor(x0));
  const width = Math.max(1, Math.min(canvas.width, Math.ceil(x1)) - left);
  const { data } = ctx.getImageData(left, Math.round(y), width, 1);
  let runs = 0;
  let inside = false;
  for (let i = 0; i < data.length; i += 4) {
    const hit = near(data, i, color, tolerance);
    if (hit && !inside) runs++;
    inside = hit;
  }
  return runs;
}
