/** Prints where the running system answers. */
import { serviceInstances, systemUrls } from '@forewarn/demo';
import { ServiceNames } from '@forewarn/contracts';

const urls = systemUrls();
const more = serviceInstances(ServiceNames, Number(process.env.FOREWARN_INSTANCES ?? 1)).filter((i) => i.instance > 1);
const lines = [
  '',
  'Forewarn is running:',
  ...Object.entries(urls).map(([s, u]) => `  ${s.padEnd(14)} ${u}   (health ${u}/health, metrics ${u}/metrics)`),
  ...more.map((i) => `  ${i.name.padEnd(14)} ${i.url}`),
  `  console        ${urls.audit}/console   (sign in as otto.operator or aude.auditor)`,
  `  sign-in        ${process.env.FOREWARN_OIDC_ISSUER ?? 'none'}   (the development identity provider)`,
  `  kafka          ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`,
  '',
  'A token for the APIs:  ./forewarn token --person ana.analyst   (--help lists the people)',
  'Stop everything:       ./forewarn stop',
  '',
];
console.log(lines.join('\n'));
