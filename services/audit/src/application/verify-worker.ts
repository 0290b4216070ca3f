/**
 * Worker thread of the streaming verifier: checks pages of rows (hashes and decisions) so the
 * main thread only reads pages and checks the links between rows, in order. Rules come from
 * getPolicy: a substituted PolicyFor (a function) cannot cross threads, so that runs in-thread.
 */
import { parentPort } from 'node:worker_threads';
import { getPolicy } from '@forewarn/policy';
import type { ChainRow } from '../domain/chain-checker';
import { checkPage } from './page-check';

parentPort!.on('message', (msg: { id: number; rows: ChainRow[]; decisions: boolean }) => {
  parentPort!.postMessage({ id: msg.id, ...checkPage(msg.rows, msg.decisions, getPolicy) });
});
