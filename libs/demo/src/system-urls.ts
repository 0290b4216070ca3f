import { ServicePorts, type ServiceName } from '@forewarn/platform';

export type SystemUrls = Record<ServiceName, string>;

const portVariable = (s: ServiceName) => `${s.toUpperCase().replace(/-/g, '_')}_PORT`;

/** Where each service answers: http://127.0.0.1:<SERVICE>_PORT (defaults 3001..3005). */
export function systemUrls(env: NodeJS.ProcessEnv = process.env): SystemUrls {
  const host = env.FOREWARN_HOST ?? '127.0.0.1';
  const url = (s: ServiceName) => `http://${host}:${env[portVariable(s)] ?? ServicePorts[s]}`;
  return { intake: url('intake'), assessment: url('assessment'), 'waiver-review': url('waiver-review'), notification: url('notification'), audit: url('audit') };
}

/** One process of a service: `intake`, then `intake-2`, `intake-3`... */
export interface ServiceInstance {
  service: ServiceName;
  /** 1-based. */
  instance: number;
  name: string;
  port: number;
  /** Its port as the service reads it: `{ INTAKE_PORT: '3101' }`. */
  env: Record<string, string>;
  url: string;
}

/**
 * The processes of `instances` per service, as `./forewarn start --instances N` runs them: the
 * first on the service's port, the k-th 100 above the (k-1)-th (intake 3001, 3101, 3201...).
 */
export function serviceInstances(services: readonly ServiceName[], instances: number, env: NodeJS.ProcessEnv = process.env, step = 100): ServiceInstance[] {
  const host = env.FOREWARN_HOST ?? '127.0.0.1';
  return services.flatMap((service) =>
    Array.from({ length: instances }, (_, k) => {
      const port = Number(env[portVariable(service)] ?? ServicePorts[service]) + step * k;
      return { service, instance: k + 1, name: k === 0 ? service : `${service}-${k + 1}`, port, env: { [portVariable(service)]: String(port) }, url: `http://${host}:${port}` };
    }),
  );
}
