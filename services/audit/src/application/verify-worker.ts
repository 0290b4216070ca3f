/**
 * Worker thread of the streaming verifier. Two jobs: check pages of rows the main thread read
 * (hashes and decisions; the service's integrity walk), or read slices of the log itself on
 * its own connection in an exported snapshot and check them (the CLI's whole-log walk). Either
 * way the main thread checks the links between rows, in order. Rules come from getPolicy: a
 * substituted PolicyFor (a function) cannot cross threads, so that runs in-thread.
 */
import { parentPort } from 'node:worker_threads';
import { getPolicy } from '@forewarn/policy';
import type { ChainRow } from '../domain/chain-checker';
import { checkPage } from './page-check';
import { SliceReader, type ReaderConnection, type SliceRange } from './slice-reader';

type Request =
  | { kind: 'page'; id: number; rows: ChainRow[]; decisions: boolean }
  | { kind: 'open'; id: number; connection: ReaderConnection; snapshot: string; decisions: boolean }
  | { kind: 'slice'; id: number; range: SliceRange }
  | { kind: 'close'; id: number };

const port = parentPort!;
let reader: { slices: SliceReader; decisions: boolean } | null = null;

async function handle(msg: Request): Promise<void> {
  switch (msg.kind) {
    case 'page':
      return port.postMessage({ id: msg.id, ...checkPage(msg.rows, msg.decisions, getPolicy) });
    case 'open':
      reader = { slices: await SliceReader.open(msg.connection, msg.snapshot), decisions: msg.decisions };
      return port.postMessage({ id: msg.id, ok: true });
    case 'slice': {
      if (!reader) throw new Error('slice before open');
      const result = await reader.slices.read(msg.range, reader.decisions, getPolicy);
      // The link records move to the main thread rather than being copied.
      return port.postMessage({ id: msg.id, ok: true, result }, [result.links.bytes]);
    }
    case 'close':
      await reader?.slices.close();
      reader = null;
      return port.postMessage({ id: msg.id, ok: true });
  }
}

port.on('message', (msg: Request) => {
  handle(msg).catch((err: Error & { code?: string }) => port.postMessage({ id: msg.id, ok: false, error: `${err.code ? `${err.code}: ` : ''}${err.message}` }));
});
