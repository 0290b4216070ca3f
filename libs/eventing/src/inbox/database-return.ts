import type { DataSource } from 'typeorm';
import { sleep } from '../retry';

/**
 * Waits for an unreachable database to answer again: one `SELECT 1` a second, shared by every
 * partition paused meanwhile, so a consumer with twelve partitions asks once, not twelve times.
 */
export class DatabaseReturn {
  private waiting?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly everyMs = 1_000,
  ) {}

  /** Resolves when the database answers, or when `givenUp()` says to stop waiting. */
  answered(givenUp: () => boolean): Promise<void> {
    this.waiting ??= this.poll(givenUp).finally(() => (this.waiting = undefined));
    return this.waiting;
  }

  private async poll(givenUp: () => boolean): Promise<void> {
    while (!givenUp()) {
      await sleep(this.everyMs);
      try {
        await this.dataSource.query('SELECT 1');
        return;
      } catch {
        // Still away: ask again.
      }
    }
  }
}
