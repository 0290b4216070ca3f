import { ServicePorts, type ServiceName } from '@forewarn/platform';

/**
 * Where the console reaches each service: `<SERVICE>_URL` when set (containers, other hosts),
 * else http://<FOREWARN_HOST or 127.0.0.1>:<SERVICE>_PORT, the ports the services listen on.
 */
export function serviceUrls(env: NodeJS.ProcessEnv = process.env): Record<ServiceName, string> {
  const host = env.FOREWARN_HOST || '127.0.0.1';
  const entries = (Object.keys(ServicePorts) as ServiceName[]).map((service) => {
    const variable = service.toUpperCase().replace(/-/g, '_');
    const url = env[`${variable}_URL`] || `http://${host}:${env[`${variable}_PORT`] || ServicePorts[service]}`;
    return [service, url.replace(/\/+$/, '')] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, string>;
}
