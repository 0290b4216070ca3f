import { call, download, SignedOut } from './api.client.js';
import { badge, clock, el, fill, short, syncTable, time } from './dom.helpers.js';

// The auditors' read-only case view, on the auditors' own API: recent cases, and for one case
// the timeline of its events with who caused each, the verification, and the evidence export.
// A case's frame (heading, export button) is drawn once; refreshes fill in what changed.
const terminal = ['NO_DUTY', 'WAIVED', 'WARNED', 'ACKNOWLEDGED'];
let parts;
let selected = null;
let refreshNow = async () => undefined;

function mount(root, { arg, refresh: refreshPage } = {}) {
  refreshNow = refreshPage ?? refresh;
  selected = arg ?? selected;
  const input = el('input', { id: 'case-id', name: 'caseId', placeholder: 'case id', autocomplete: 'off', 'data-testid': 'case-id-input' });
  parts = {
    input,
    list: el('div', { 'data-testid': 'case-list' }),
    detail: el('div', { class: 'case-detail', 'data-testid': 'case-detail' }, el('p', { class: 'muted' }, 'Pick a case from the list, or open one by its id.')),
  };
  const open = (event) => {
    event.preventDefault();
    if (input.value.trim()) select(input.value.trim());
  };
  if (selected) input.value = selected;
  root.append(el('div', { class: 'cases-layout' },
    el('div', {},
      el('h2', {}, 'Cases'),
      el('form', { class: 'inline', onsubmit: open }, input, el('button', { type: 'submit', 'data-testid': 'open-case' }, 'Open')),
      parts.list),
    parts.detail));
}

function select(caseId) {
  selected = caseId;
  parts.input.value = caseId;
  parts.frame = null;
  fill(parts.detail, el('p', { class: 'muted' }, `Loading ${caseId}…`));
  refreshNow();
}

/** The selected case's frame, drawn once per case so its export button outlives refreshes. */
function frameFor(caseId) {
  if (parts.frame?.caseId === caseId) return parts.frame;
  const frame = { caseId, status: el('span', { 'data-testid': 'case-status' }), count: el('span', { class: 'muted' }), verification: el('div'), timeline: el('div'), letters: el('div') };
  const exportButton = el('button', { type: 'button', 'data-testid': 'download-export', onclick: () => download(`/v1/audit/cases/${encodeURIComponent(caseId)}/export`, `forewarn-case-${caseId}.json`) }, 'Download evidence export');
  fill(parts.detail,
    el('h2', {}, 'Case ', el('code', {}, caseId), ' ', frame.status),
    el('div', { class: 'row' }, exportButton, frame.count),
    frame.verification,
    el('h3', {}, 'Timeline ', el('small', { class: 'muted' }, 'in order of occurrence; # is the entry\'s place in the case log')),
    frame.timeline,
    frame.letters);
  parts.frame = frame;
  return frame;
}

const statusBadge = (status) => badge(status, terminal.includes(status) ? 'ok' : 'warn');
const actor = (a) => (a ? `${a.id}${a.organisation ? ` (${a.organisation})` : ''}${a.kind === 'service' ? ', service' : ''}` : '—');

function verificationBlock(v) {
  const chainOk = v.chain.status === 'INTACT';
  return el('div', { class: 'card verification', 'data-testid': 'verification' },
    el('h3', {}, 'Verification'),
    el('p', {}, 'Hash chain: ', badge(v.chain.status, chainOk ? 'ok' : 'bad'), ` (${v.eventsRead} entries of this case checked${v.purgedEntries ? `, ${v.purgedEntries} purged` : ''})`),
    el('p', {}, `Decisions re-run under their recorded policy: ${v.decisionsVerified}; mismatches: `, badge(String(v.mismatches), v.mismatches ? 'bad' : 'ok')),
    v.chain.firstBreak ? el('p', { class: 'error' }, `First break: ${v.chain.firstBreak.detail}`) : null,
    el('ul', {}, v.decisions.filter((d) => !d.match).map((d) => el('li', { class: 'error' }, `${d.type} ${d.eventId}: ${d.diff.map((f) => f.path).join(', ') || d.error?.message || 'differs'}`))));
}

async function refreshDetail() {
  const caseId = selected;
  const [history, verification, state] = await Promise.all([
    // In order of occurrence: topics are read independently, so log order can differ.
    call(`/v1/audit/cases/${encodeURIComponent(caseId)}/events?order=occurred`),
    call(`/v1/audit/cases/${encodeURIComponent(caseId)}/verification`),
    call(`/v1/audit/cases/${encodeURIComponent(caseId)}/state`),
  ]);
  if (caseId !== selected) return;
  const frame = frameFor(caseId);
  fill(frame.status, statusBadge(state.state.status));
  frame.count.textContent = `${history.events.length} events; read-only`;
  fill(frame.verification, verificationBlock(verification));
  syncTable(frame.timeline,
    [
      ['#', (e) => e.caseSeq, 'num'],
      ['occurred', (e) => time(e.occurredAt)],
      ['event', (e) => el('strong', {}, e.type ?? '(purged)')],
      ['actor', (e) => actor(e.actor)],
      ['why', (e) => e.why ?? '—'],
    ],
    history.events,
    { key: (e) => String(e.caseSeq), empty: 'Nothing here.', rowAttrs: (e) => ({ 'data-testid': 'timeline-row', 'data-type': e.type ?? '' }) });
  fill(frame.letters, history.deadLetters.length ? el('p', { class: 'error' }, `${history.deadLetters.length} message(s) of this case were dead-lettered.`) : null);
}

async function refresh() {
  const { cases } = await call('/v1/audit/cases?limit=25');
  syncTable(parts.list,
    [
      ['case', (c) => el('code', { title: c.caseId }, short(c.caseId))],
      ['status', (c) => statusBadge(c.status)],
      ['events', (c) => c.eventCount, 'num'],
      ['last event', (c) => clock(c.lastEventAt), 'nowrap'],
    ],
    cases,
    { key: (c) => c.caseId, empty: 'No case in the log yet.', rowAttrs: (c) => ({ class: `clickable ${c.caseId === selected ? 'selected' : ''}`, 'data-case-id': c.caseId, onclick: () => select(c.caseId) }) });
  // A case not in the log yet (404) is said in the detail pane; the list stays live.
  if (selected) {
    await refreshDetail().catch((error) => {
      if (error instanceof SignedOut) throw error;
      parts.frame = null;
      fill(parts.detail, el('h2', {}, 'Case ', el('code', {}, selected)), el('p', { class: 'error' }, error.message));
    });
  }
}

export const casesView = { id: 'cases', title: 'Cases', mount, refresh };
