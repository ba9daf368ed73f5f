import { SingleBar, Presets } from 'cli-progress';
import type { Output } from './cli-context';

/**
 * A progress bar with events/s and ETA on a terminal; a few plain lines otherwise (CI, pipes).
 * A null total (a rebuild: the log's positions are not a count of events on every backend) shows
 * the count and rate only.
 */
export class Progress {
  private readonly bar: SingleBar | null;
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly total: number | null,
    private readonly output: Output,
  ) {
    this.bar = process.stderr.isTTY
      ? new SingleBar(
          {
            format:
              total === null
                ? `${label} {value} events | {rate} ev/s`
                : `${label} [{bar}] {percentage}% | {value}/{total} | {rate} ev/s | ETA {eta_formatted}`,
            stream: process.stderr,
          },
          Presets.shades_classic,
        )
      : null;
    this.bar?.start(Math.max(total ?? 0, 1), 0, { rate: 0 });
  }

  tick(value: number): void {
    const rate = Math.round(value / Math.max((Date.now() - this.started) / 1000, 0.001));
    if (this.bar) {
      this.bar.update(this.total === null ? value : Math.min(value, this.total), { rate });
    } else if (Date.now() - this.lastLine > 5000) {
      this.lastLine = Date.now();
      const of = this.total === null ? '' : `/${this.total}`;
      this.output.err(`${this.label}: ${value}${of} (${rate} ev/s)`);
    }
  }

  done(): void {
    this.bar?.stop();
    const seconds = (Date.now() - this.started) / 1000;
    this.output.err(`${this.label}: done in ${seconds.toFixed(1)} s`);
  }
}
