import { call } from './api.client.js';
import { drawChart, palette } from './charts.helpers.js';
import { badge, el, fill, table } from './dom.helpers.js';

// The pipeline at a glance: is every service up, is work flowing, where is it piling up.
const topic = (t) => t.replace(/^forewarn\./, '').replace(/\.v\d+$/, '');
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

let parts;

function mount(root) {
  const stageCharts = el('div', { class: 'grid4', 'data-testid': 'flow' });
  parts = {
    services: el('div', { class: 'services', 'data-testid': 'services' }),
    stageCharts,
    stages: new Map(),
    states: el('canvas', { 'aria-label': 'Cases by state' }),
    terminal: el('p', { class: 'muted', 'data-testid': 'terminal-states' }),
    lag: el('canvas', { 'aria-label': 'Consumer lag per partition' }),
    lagBox: el('div', { class: 'chart-box' }),
    lagNote: el('p', { class: 'muted', 'data-testid': 'lag-note' }),
    groups: el('div', { 'data-testid': 'groups' }),
  };
  parts.lagBox.append(parts.lag);
  root.append(
    el('h2', {}, 'Services'),
    parts.services,
    el('h2', {}, 'Flow per stage ', el('small', {}, 'cases per minute in and out, last 30 minutes, from the audit log')),
    stageCharts,
    el('div', { class: 'grid2' },
      el('div', { class: 'card' }, el('h2', {}, 'Cases in flight by state'), el('div', { class: 'chart-box' }, parts.states), parts.terminal),
      el('div', { class: 'card' }, el('h2', {}, 'Consumer lag per partition ', el('small', {}, 'messages behind, from Kafka offsets')), parts.lagBox, parts.lagNote)),
    el('h2', {}, 'Consumer groups'),
    parts.groups,
  );
}

const REPLACED = {
  'cluster-changed': 'the broker belongs to another Kafka cluster',
  'log-truncated': 'the log ends before what was handled',
  'offset-reused': 'another record at an offset already handled',
  'topic-deleted': 'the topic was deleted under it; read again from its start',
};

// A wiped broker, a new cluster or a re-created topic: nothing was skipped, but operators must
// know. One line per consumer, topic and kind, naming its partitions and the latest time.
function replacedLogs(m) {
  if (!m || m.logReplacements.length === 0) return null;
  const lines = new Map();
  for (const r of m.logReplacements) {
    const key = `${r.consumer}|${r.topic}|${r.kind}`;
    const line = lines.get(key) ?? { ...r, partitions: [] };
    line.partitions.push(r.partition);
    if (r.at > line.at) line.at = r.at;
    lines.set(key, line);
  }
  return el('ul', { class: 'checks', 'data-testid': 'log-replacements' }, [...lines.values()].map((r) =>
    el('li', { class: 'warn' }, `${r.consumer} ← ${topic(r.topic)}[${r.partitions.sort((x, y) => x - y).join(', ')}]: log replaced, ${REPLACED[r.kind] ?? r.kind} (${new Date(r.at).toLocaleString()})`)));
}

function serviceCard(s) {
  const checks = s.checks.map((c) => el('li', { class: c.status === 'up' ? 'ok' : 'bad' }, `${c.name} ${c.status}${c.message ? `: ${c.message}` : ''}`));
  const m = s.metrics;
  return el('div', { class: `card service ${s.ready ? '' : 'down'}`, 'data-service': s.service, 'data-testid': `service-${s.service}` },
    el('h3', {}, s.service, ' ', badge(s.ready ? 'READY' : 'NOT READY', s.ready ? 'ok' : 'bad')),
    s.error ? el('p', { class: 'error' }, s.error) : null,
    el('ul', { class: 'checks' }, checks),
    m ? el('dl', {},
      el('dt', {}, 'outbox backlog'), el('dd', { 'data-metric': 'outbox' }, m.outboxBacklog),
      el('dt', {}, 'events handled'), el('dd', {}, m.eventsHandled),
      el('dt', {}, 'dead-lettered'), el('dd', {}, m.deadLettered),
      el('dt', {}, 'retries'), el('dd', {}, m.retries)) : el('p', { class: 'muted' }, 'no metrics'),
    replacedLogs(m));
}

function drawFlow(flow) {
  const labels = flow.minutes.map((m) => new Date(m).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  for (const stage of flow.stages) {
    if (!parts.stages.has(stage.stage)) {
      const canvas = el('canvas', { 'aria-label': `Flow through ${stage.stage}` });
      const note = el('p', { class: 'muted' });
      parts.stageCharts.append(el('div', { class: 'card', 'data-stage': stage.stage }, el('h3', {}, stage.stage), el('div', { class: 'chart-box small' }, canvas), note));
      parts.stages.set(stage.stage, { canvas, note });
    }
    const { canvas, note } = parts.stages.get(stage.stage);
    note.textContent = `last ${flow.windowMinutes} min: ${sum(stage.in)} in, ${sum(stage.out)} out`;
    drawChart(canvas, `flow-${stage.stage}`, {
      type: 'line',
      data: { labels, datasets: [
        { label: 'in', data: stage.in, borderColor: palette[0], backgroundColor: palette[0], tension: 0.2, pointRadius: 0, pointStyle: 'line' },
        { label: 'out', data: stage.out, borderColor: palette[2], backgroundColor: palette[2], tension: 0.2, pointRadius: 0, pointStyle: 'line', borderDash: [4, 3] },
      ] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 5, maxRotation: 0 } } }, plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 24 } } } },
    });
  }
}

function drawStates(states) {
  const flying = states.filter((s) => s.inFlight);
  drawChart(parts.states, 'states', {
    type: 'bar',
    data: { labels: flying.map((s) => s.status), datasets: [{ label: 'cases', data: flying.map((s) => s.cases), backgroundColor: palette[0], maxBarThickness: 28 }] },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
  });
  const done = states.filter((s) => !s.inFlight);
  parts.terminal.textContent = `${sum(flying.map((s) => s.cases))} in flight. Finished: ${done.map((s) => `${s.status} ${s.cases}`).join(', ') || 'none yet'}.`;
}

function drawLag(lag) {
  // A service's consumers read different topics, so service + topic + partition names a bar.
  const rows = lag.groups.flatMap((g) => g.partitions.map((p) => ({ label: `${g.service} ← ${topic(p.topic)}[${p.partition}]`, lag: p.lag })));
  parts.lagBox.style.height = `${Math.max(220, rows.length * 16 + 60)}px`;
  drawChart(parts.lag, 'lag', {
    type: 'bar',
    data: { labels: rows.map((r) => r.label), datasets: [{ label: 'messages behind', data: rows.map((r) => r.lag), backgroundColor: rows.map((r) => (r.lag > 0 ? palette[1] : palette[2])), minBarLength: 2, maxBarThickness: 14 }] },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true, suggestedMax: 5, ticks: { precision: 0 } }, y: { ticks: { font: { size: 10 } } } }, plugins: { legend: { display: false } } },
  });
  parts.lagNote.textContent = lag.error ? `Kafka: ${lag.error}` : `${sum(lag.groups.map((g) => g.lag))} messages behind in total across ${lag.groups.length} groups.`;
  fill(parts.groups, table(
    [
      ['group', (g) => g.group],
      ['service', (g) => g.service],
      ['state', (g) => badge(g.state, g.state === 'Stable' ? 'ok' : 'warn')],
      ['members', (g) => g.members, 'num'],
      ['partitions', (g) => g.partitions.length, 'num'],
      ['lag', (g) => g.lag, 'num'],
    ],
    lag.groups,
    { empty: lag.error ? `Kafka did not answer: ${lag.error}` : 'No consumer group of this deployment yet.', rowAttrs: (g) => ({ 'data-group': g.group }) },
  ));
}

async function refresh() {
  const view = await call('/v1/console/pipeline');
  fill(parts.services, view.services.map(serviceCard));
  drawFlow(view.flow);
  drawStates(view.casesByState);
  drawLag(view.lag);
}

export const pipelineView = { id: 'pipeline', title: 'Pipeline', mount, refresh };
