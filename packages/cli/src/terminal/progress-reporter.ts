import type { CliIo } from './cli-io.js';

/** What {@link ProgressReporter} shows. */
export interface ProgressSnapshot {
  done: number;
  total: number;
  records: number;
  retries: number;
}

const BAR_WIDTH = 24;
const PLAIN_EVERY_MS = 5_000;

/**
 * Progress of a long command on stderr: on a terminal a bar redrawn in place with the rate and
 * ETA; otherwise (a log, a pipe) a plain line every five seconds and at the end, so logs stay
 * readable. The rate counts this run only, so a resumed export's ETA is honest.
 */
export class ProgressReporter {
  private readonly started = Date.now();
  private firstDone: number | undefined;
  private lastPlain = 0;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly unit: string,
  ) {}

  update(progress: ProgressSnapshot): void {
    this.firstDone ??= progress.done;
    const now = Date.now();
    if (this.io.stderr.isTTY) {
      this.io.stderr.write(`\r${this.line(progress, now)}\u001b[K`);
      this.drawn = true;
    } else if (now - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastPlain = now;
      this.io.stderr.write(`${this.line(progress, now)}\n`);
    }
  }

  /** Ends the bar (a newline on a terminal, a last plain line otherwise). */
  finish(progress: ProgressSnapshot | undefined): void {
    if (progress) {
      const line = this.line(progress, Date.now());
      this.io.stderr.write(this.io.stderr.isTTY ? `\r${line}\u001b[K\n` : `${line}\n`);
    } else if (this.drawn) {
      this.io.stderr.write('\n');
    }
  }

  private line(p: ProgressSnapshot, now: number): string {
    const share = p.total > 0 ? p.done / p.total : 0;
    const filled = Math.round(share * BAR_WIDTH);
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const doneHere = p.done - (this.firstDone ?? 0);
    const rate = doneHere / seconds;
    const eta = rate > 0 && p.total > p.done ? formatDuration((p.total - p.done) / rate) : '–';
    const bar = this.io.stderr.isTTY ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` : '';
    return (
      `${bar}${p.done}/${p.total} ${this.unit} (${Math.floor(share * 100)} %) · ` +
      `${p.records.toLocaleString('en-AU')} records · ${rate.toFixed(1)} ${this.unit}/s · ETA ${eta}` +
      (p.retries > 0 ? ` · ${p.retries} retries` : '')
    );
  }
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
