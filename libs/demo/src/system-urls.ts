import { ServicePorts, type ServiceName } from '@forewarn/platform';

export type SystemUrls = Record<ServiceName, string>;

/** Where each service answers: http://127.0.0.1:<SERVICE>_PORT (defaults 3001..3005). */
export function systemUrls(env: NodeJS.ProcessEnv = process.env): SystemUrls {
  const host = env.FOREWARN_HOST ?? '127.0.0.1';
  const url = (s: ServiceName) => `http://${host}:${env[`${s.toUpperCase().replace(/-/g, '_')}_PORT`] ?? ServicePorts[s]}`;
  return { intake: url('intake'), assessment: url('assessment'), 'waiver-review': url('waiver-review'), notification: url('notification'), audit: url('audit') };
}
