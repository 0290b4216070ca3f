/**
 * Prints the processes `./forewarn start --instances N` runs, one per line: name, service, port
 * variable, port (libs/demo serviceInstances: intake 3001, intake-2 3101...).
 */
import { serviceInstances } from '@forewarn/demo';
import { ServiceNames } from '@forewarn/contracts';

const instances = Number(process.argv[2] ?? process.env.FOREWARN_INSTANCES ?? 1);
if (!Number.isInteger(instances) || instances < 1 || instances > 9) {
  console.error(`--instances ${process.argv[2]}: a whole number from 1 to 9`);
  process.exit(2);
}
for (const i of serviceInstances(ServiceNames, instances)) {
  const [[variable, port]] = Object.entries(i.env);
  console.log(`${i.name} ${i.service} ${variable} ${port}`);
}
