/** Prints where the running system answers. */
import { systemUrls } from '@forewarn/demo';

const urls = systemUrls();
const lines = [
  '',
  'Forewarn is running:',
  ...Object.entries(urls).map(([s, u]) => `  ${s.padEnd(14)} ${u}   (health ${u}/health, metrics ${u}/metrics)`),
  `  console        ${urls.audit}/console`,
  `  kafka          ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`,
  '',
  'A token for the APIs:  ./forewarn token --person alice --org NCTC --roles analyst',
  'Stop everything:       ./forewarn stop',
  '',
];
console.log(lines.join('\n'));
