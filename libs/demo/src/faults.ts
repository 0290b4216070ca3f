import { Client } from 'pg';
import type { FaultProxy, LocalBroker } from '@forewarn/testing';
import type { RunningSystem } from './running-system';

/** Something done to the system mid-run, and undone: a process SIGKILLed and started again, a broker lost, the database cut off. */
export interface Fault {
  name: string;
  inject(): Promise<void>;
  /** How long it lasts before heal() (a database away for 5 s); default 0, healed at once. */
  downMs?: number;
  /** Resolves once the system has what it lost back (the process ready, the node up, every service ready). */
  heal(): Promise<void>;
}

/** SIGKILL of one process (`notification`, `notification-2`...), then a new one, ready. */
export const killProcess = (system: RunningSystem, name: string): Fault => ({ name, inject: () => system.kill(name), heal: () => system.restart(name) });

/** SIGKILL of one of the system's processes, chosen at random when it strikes, then a new one, ready. */
export function killAnyInstance(system: RunningSystem): Fault {
  let current: Fault | undefined;
  return {
    get name() {
      return current ? `SIGKILL ${current.name}` : 'SIGKILL of an instance';
    },
    inject: () => {
      current = killProcess(system, system.instances[Math.floor(Math.random() * system.instances.length)].name);
      return current.inject();
    },
    heal: () => current!.heal(),
  };
}

/** The system's database cut off (every connection reset, new ones refused) for `downMs`, then back, every service ready. */
export const cutDatabase = (system: RunningSystem, proxy: FaultProxy, downMs: number): Fault => ({
  name: `database cut ${downMs / 1000} s`,
  downMs,
  inject: () => proxy.cutOff(),
  heal: async () => {
    await proxy.heal();
    await system.waitAllReady();
  },
});

/** Every connection of the system's database ended by the server (pg_terminate_backend), as a failover or an administrator does. */
export const dropConnections = (system: RunningSystem): Fault => ({
  name: 'database connections dropped',
  inject: async () => {
    const { DATABASE_URL, FOREWARN_DATABASE } = system.databaseEnv();
    const admin = new Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [FOREWARN_DATABASE]);
    } finally {
      await admin.end();
    }
  },
  heal: () => system.waitAllReady(),
});

/** SIGKILL of one Kafka node of three, chosen at random when it strikes, for `downMs`; then the node started again. */
export function loseBrokerNode(broker: LocalBroker, downMs: number): Fault {
  let node = 0;
  return {
    get name() {
      return `kafka node ${node || 'k'} lost ${downMs / 1000} s`;
    },
    downMs,
    inject: async () => {
      node = 1 + Math.floor(Math.random() * broker.nodes);
      broker.killNode(node);
    },
    heal: () => broker.start(),
  };
}
