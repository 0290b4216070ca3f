/**
 * Onboarding partner agencies (`./forewarn partner ...`), as the cluster's admin and the database's owner:
 *   partner add <CODE> --name "<name>" [--channel DIPLOMATIC]... [--protects "<recipient name>"]... [--keep-secret]
 *   partner list
 *   partner remove <CODE>
 * `add` registers the agency (partners.partners), makes its four topics, its SCRAM credential and
 * its ACLs, and prints the credential once (kept under .run/secrets only with --keep-secret).
 */
import { readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PARTNER_CODE, partnerTopic, PartnerTopicKinds, Principals, type DeliveryChannel } from '@forewarn/contracts';
import { activePartners, registerPartner, removePartner, withPartnerRegistry } from '@forewarn/database';
import { createKafka, defaultLogger, kafkaConnectionFromEnv } from '@forewarn/eventing';
import { offboardPartner, onboardPartners } from './kafka/onboard-partners';

const CHANNELS: DeliveryChannel[] = ['DOMESTIC_LAW_ENFORCEMENT', 'DIPLOMATIC', 'LIAISON'];
const USAGE = `Usage:
  partner add <CODE> --name "<name>" [--channel ${CHANNELS.join('|')}]... [--protects "<recipient name>"]... [--keep-secret]
  partner list
  partner remove <CODE>`;

const kafka = () => createKafka('forewarn-partners', kafkaConnectionFromEnv(), defaultLogger('partners'));

class UsageError extends Error {}

async function add(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, channel: { type: 'string', multiple: true }, protects: { type: 'string', multiple: true }, 'keep-secret': { type: 'boolean' } },
  });
  const [code] = positionals;
  if (!code || !PARTNER_CODE.test(code)) throw new UsageError(`the agency code must match ${PARTNER_CODE.source} (capitals, digits, dashes)`);
  if (!values.name?.trim()) throw new UsageError('--name is required');
  const channels = values.channel ?? [];
  const bad = channels.filter((c) => !CHANNELS.includes(c as DeliveryChannel));
  if (bad.length > 0) throw new UsageError(`unknown channel ${bad.join(', ')}: use ${CHANNELS.join(', ')}`);
  await withPartnerRegistry((q) => registerPartner(q, { code, name: values.name!.trim(), channels, protects: values.protects ?? [] }));
  const [credential] = await onboardPartners(kafka(), [code]);
  const password = readFileSync(credential.passwordFile, 'utf8').trim();
  if (!values['keep-secret']) rmSync(credential.passwordFile);
  const connection = kafkaConnectionFromEnv();
  process.stdout.write(
    [
      `Partner ${code} (${values.name}) onboarded. Give it these, over a channel you trust; the password is not shown again.`,
      `  bootstrap servers   ${connection.brokers.join(',')}`,
      `  security            SASL_SSL, SCRAM-SHA-512; trust the CA in ${process.env.KAFKA_SSL_CA_FILE ?? 'your cluster CA'}`,
      `  username            ${credential.username}`,
      `  password            ${password}`,
      `  writes              ${partnerTopic(code, PartnerTopicKinds.threatReports)}, ${partnerTopic(code, PartnerTopicKinds.acknowledgements)}`,
      `  reads               ${partnerTopic(code, PartnerTopicKinds.warnings)}, ${partnerTopic(code, PartnerTopicKinds.caseStatus)}`,
      `  consumer groups     partner.${code}.*`,
      '',
    ].join('\n'),
  );
}

async function list(): Promise<void> {
  const partners = await withPartnerRegistry(activePartners);
  if (partners.length === 0) process.stdout.write('No partner agencies yet: ./forewarn partner add <CODE> --name "<name>"\n');
  for (const p of partners) {
    const receives = [...p.channels.map((c) => `${c} warnings`), ...p.protects.map((r) => `warnings to "${r}"`)];
    process.stdout.write(`${p.code.padEnd(8)} ${p.name}  (principal ${Principals.partner(p.code)}${receives.length ? `; receives ${receives.join(', ')}` : ''})\n`);
  }
}

async function remove(args: string[]): Promise<void> {
  const [code] = args;
  if (!code) throw new UsageError('which agency?');
  if (!(await withPartnerRegistry((q) => removePartner(q, code)))) throw new UsageError(`${code} is not an onboarded partner agency`);
  await offboardPartner(kafka(), code);
  process.stdout.write(`Partner ${code} removed: it can no longer connect, and Forewarn no longer reads from it or writes to it.\n`);
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'add') await add(args);
    else if (command === 'list') await list();
    else if (command === 'remove') await remove(args);
    else throw new UsageError(command ? `unknown command '${command}'` : 'which command?');
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`partner: ${(err as Error).message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
