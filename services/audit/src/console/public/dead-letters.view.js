import { call } from './api.client.js';
import { badge, clock, el, short, syncTable, time } from './dom.helpers.js';

// Dead letters and the operator's re-drive. A re-drive asks for a second click: it republishes
// the message to its topic and records DeadLetterRedriven in the case log. Rows are kept by
// dead-letter id across refreshes, so the buttons stay put under the pointer.
let parts;
let confirming = null;
const sending = new Set();
let lastLetters = [];
let refreshNow = async () => undefined;
// Answers can overtake each other (the timer's refresh and a re-drive's): the newest request wins.
let asked = 0;
let shown = 0;

function mount(root, { refresh: refreshPage } = {}) {
  refreshNow = refreshPage ?? refresh;
  parts = { list: el('div', { 'data-testid': 'dead-letters' }), status: el('p', { class: 'status', role: 'status', 'data-testid': 'redrive-status' }) };
  root.append(
    el('h2', {}, 'Dead letters ', el('small', {}, 'messages that failed their schema or kept failing; newest first')),
    parts.status,
    parts.list,
  );
}

async function redrive(letter) {
  if (sending.has(letter.deadLetterId)) return;
  confirming = null;
  sending.add(letter.deadLetterId);
  render();
  parts.status.textContent = `Re-driving ${letter.deadLetterId}…`;
  try {
    const r = await call(`/v1/dead-letters/${encodeURIComponent(letter.deadLetterId)}/redrive`, { method: 'POST', body: {} });
    parts.status.textContent = `Re-driven to ${r.republishedTo} (re-drive #${r.redriveCount}), recorded as event ${r.eventId} of ${r.caseId}.`;
  } catch (error) {
    parts.status.textContent = `Re-drive failed: ${error.message}`;
  } finally {
    sending.delete(letter.deadLetterId);
  }
  await refreshNow();
}

function action(letter) {
  if (sending.has(letter.deadLetterId)) return el('button', { type: 'button', disabled: true }, 'Re-driving…');
  if (confirming === letter.deadLetterId) {
    return el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'danger', 'data-testid': 'confirm-redrive', onclick: () => redrive(letter) }, 'Confirm re-drive'),
      el('button', { type: 'button', onclick: () => { confirming = null; render(); } }, 'Cancel'));
  }
  return el('button', { type: 'button', 'data-testid': 'redrive', onclick: () => { confirming = letter.deadLetterId; render(); } }, 'Re-drive');
}

function payload(p) {
  const kind = p.binary ? 'not text' : p.json ? `JSON${p.type ? ` ${p.type}` : ''}` : 'not JSON';
  return `${kind}, ${p.bytes} bytes${p.truncated ? ' (too large: only its start kept)' : ''}`;
}

function render() {
  syncTable(parts.list,
    [
      ['failed', (l) => el('span', { title: time(l.failedAt) }, clock(l.failedAt)), 'nowrap'],
      ['reason', (l) => badge(l.reason, 'bad')],
      ['source', (l) => el('span', {}, l.sourceTopic, el('br'), el('small', { class: 'muted' }, `partition ${l.partition}, offset ${l.offset}`))],
      ['key', (l) => el('code', { class: 'breakable', title: l.key ?? '' }, l.key ?? '—')],
      ['consumer', (l) => l.consumer],
      ['why', (l) => el('ul', { class: 'errors' }, l.errors.map((e) => el('li', {}, e)), l.moreErrors ? el('li', { class: 'muted' }, `and ${l.moreErrors} more`) : null), 'wide'],
      ['payload', (l) => payload(l.payload)],
      ['re-drives', (l) => el('span', { 'data-testid': 'redrive-count' }, l.redriveCount ? `${l.redriveCount}, last by ${l.lastRedrivenBy} ${time(l.lastRedrivenAt)}` : '0')],
      ['', action],
    ],
    lastLetters,
    {
      key: (l) => l.deadLetterId,
      empty: 'No dead letters.',
      rowAttrs: (l) => ({ 'data-testid': 'dead-letter-row', 'data-dead-letter-id': l.deadLetterId, 'data-key': l.key ?? '', title: short(l.deadLetterId) }),
    });
}

async function refresh() {
  const request = ++asked;
  const { letters } = await call('/v1/console/dead-letters?limit=100');
  if (request < shown) return;
  shown = request;
  lastLetters = letters;
  render();
}

export const deadLettersView = { id: 'dead-letters', title: 'Dead letters', mount, refresh };
