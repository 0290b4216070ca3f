/** A one-line progress bar on a TTY stream (cli-progress is not a dependency; this is all it takes). */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
    private readonly width = 30,
  ) {}

  update(done: number, total: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return; // ten redraws a second are plenty
    this.lastDraw = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * this.width);
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    const eta = rate > 0 && total > done ? `, ${Math.ceil((total - done) / rate)} s left` : '';
    const bar = `${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}`;
    this.stream.write(`\r${this.label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')}/s${eta})  `);
  }

  finish(done: number, total: number): void {
    this.update(done, total, true);
    this.stream.write('\n');
  }
}
