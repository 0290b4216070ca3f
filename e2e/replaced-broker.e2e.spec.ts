import { partnerTopic } from '@forewarn/contracts';
import { ensureTopics } from '@forewarn/eventing';
import { demoReports, newRunId, RunningSystem, scenarios } from '@forewarn/demo';
import { adminKafka } from '@forewarn/service-testing';
import { freeBasePort, LocalBroker, waitFor } from '@forewarn/testing';
import { ConsoleTab, launchConsoleBrowser, text } from './support/console-browser';
import { PartnerAgency } from './support/partner-agency';

/**
 * Partner messages carry no id, and a broker's offsets start again at 0 whenever its log is
 * replaced: a wiped broker, a new cluster, a topic deleted and re-created. The system keeps its
 * database through all of that, so every message at an offset it handled before must still be
 * handled, and the operators told. The broker here is the test's own, since it is wiped.
 */
describe('partner messages on a replaced broker and a re-created topic', () => {
  const runId = newRunId();
  let broker: LocalBroker;
  let system: RunningSystem;
  // NCTC reports the threats; the FSB, their protector, is warned and acknowledges.
  let nctc: PartnerAgency;
  let fsb: PartnerAgency;

  const connectPartners = async () => {
    nctc = new PartnerAgency('NCTC', system.client.partnerKafka('NCTC'));
    fsb = new PartnerAgency('FSB', system.client.partnerKafka('FSB'));
    await Promise.all([nctc.connect(), fsb.connect()]);
  };
  const disconnectPartners = () => Promise.all([nctc?.disconnect(), fsb?.disconnect()]);

  /** Nine crocus-like reports, three per partition, acknowledged by the FSB once warned. */
  const reportWarnAndAcknowledge = async (tag: string) => {
    const base = demoReports(runId).crocus;
    const reports = Array.from({ length: 9 }, (_, i) => ({ ...base, reportId: `REPLACED-${runId}-${tag}-${i}` }));
    await nctc.report(reports);
    const caseIds = await nctc.casesOf(reports.map((r) => r.reportId));
    expect(new Set(caseIds).size).toBe(9);
    await fsb.warned(caseIds);
    await fsb.acknowledge(caseIds);
    await nctc.acknowledged(caseIds);
  };

  const playDemo = async () => {
    const outcomes: string[] = [];
    for (const s of scenarios) {
      const result = await s.play(system.client, newRunId());
      outcomes.push(`${s.name}: ${result.outcome.startsWith(s.expected) ? '✔' : `✘ ${result.outcome}`}`);
    }
    return outcomes;
  };

  const replacements = async (service: 'intake' | 'notification', kind: string) => {
    const text = await (await fetch(`${system.urls[service]}/metrics`)).text();
    return text.split('\n').filter((l) => l.startsWith('forewarn_consumer_log_replacements_total{') && l.includes(`kind="${kind}"`));
  };

  beforeAll(async () => {
    broker = await LocalBroker.fresh(19_300, 'replaced');
    system = new RunningSystem(await freeBasePort(4401), { KAFKA_BROKERS: broker.brokers, LOG_LEVEL: 'warn' });
    await system.start();
    await connectPartners();
  }, 180_000);

  afterAll(async () => {
    await disconnectPartners();
    await system?.stop();
    await broker?.wipe();
  }, 60_000);

  it('handles every partner report and acknowledgement after the broker is wiped, and the demo passes on both brokers', async () => {
    const all = scenarios.map((s) => `${s.name}: ✔`);
    expect(await playDemo()).toEqual(all);
    await reportWarnAndAcknowledge('FIRST');

    // As a new user would: stop, wipe the broker's data, start again on the same database.
    await disconnectPartners();
    await system.stopProcesses();
    await broker.reset();
    await system.start();
    await connectPartners();

    // The malformed partner report of the demo lands at an offset the first broker also used.
    expect(await playDemo()).toEqual(all);
    await reportWarnAndAcknowledge('SECOND');

    expect(await replacements('intake', 'cluster-changed')).not.toEqual([]);
    expect(await replacements('notification', 'cluster-changed')).not.toEqual([]);
    expect(system.logs.get('intake')!.join('\n')).toContain('is not the log this consumer read before (the broker belongs to another Kafka cluster)');
    // The operators' console shows it, per service and partition.
    const pipeline = await system.client.call<{ services: { service: string; metrics: { logReplacements: { consumer: string; kind: string }[] } }[] }>(
      'GET',
      `${system.urls.audit}/v1/console/pipeline`,
      'operator',
    );
    const intake = pipeline.body.services.find((s) => s.service === 'intake')!;
    expect(intake.metrics.logReplacements).toEqual(expect.arrayContaining([expect.objectContaining({ consumer: 'intake.partner-reports', kind: 'cluster-changed' })]));
    const browser = await launchConsoleBrowser();
    try {
      const operator = await ConsoleTab.open(browser.context, system.urls.audit, 'operator');
      await operator.signIn(system.client.token('operator'));
      await operator.show('pipeline');
      const card = operator.page.getByTestId('service-intake').getByTestId('log-replacements');
      await operator.shows('the replaced broker on intake\'s card', async () =>
        expect(await text(card)).toMatch(/intake\.partner-reports ← partner\.NCTC\.threat-reports\[0, 1, 2\]: log replaced, the broker belongs to another Kafka cluster/),
      );
      await operator.screenshot('replaced-broker-pipeline');
    } finally {
      await browser.close();
    }
  }, 600_000);

  it('handles every partner report and acknowledgement after the partner topics are deleted and re-created under the running system', async () => {
    // The operator, as the cluster's admin, deletes and re-creates the inbound topics of both agencies.
    const kafka = adminKafka([broker.brokers]);
    const admin = kafka.admin();
    await admin.connect();
    const inbound = ['NCTC', 'FSB'].flatMap((a) => [partnerTopic(a, 'threat-reports'), partnerTopic(a, 'acknowledgements')]);
    await admin.deleteTopics({ topics: inbound });
    await waitFor('the topics to be gone', async () => (await admin.listTopics()).every((t) => !inbound.includes(t as never)));
    await admin.disconnect();
    await ensureTopics(kafka, inbound, 3);

    await reportWarnAndAcknowledge('RECREATED');
    // Which sign gives the replaced log away depends on timing; one of them must have.
    const seen = [...(await replacements('intake', 'offset-reused')), ...(await replacements('intake', 'log-truncated')), ...(await replacements('intake', 'topic-deleted'))];
    expect(seen).not.toEqual([]);
  }, 300_000);
});
