import { call } from './api.client.js';
import { badge, el, fill, relative, short, syncTable, time } from './dom.helpers.js';

// Most urgent first, as the server sorts it. Ids, states, times, channels and counts only. Rows
// are kept by item across refreshes, so an auditor's click on a case link is never lost.
const kinds = {
  DELIVERY_ESCALATED: ['Delivery escalated: a person must deliver it', 'bad'],
  REVIEW_OVERDUE: ['Waiver review overdue', 'bad'],
  UNWARNED_NEAR_WINDOW: ['Duty unwarned, threat window near', 'warn'],
  DELIVERY_PENDING: ['Delivery not yet made', 'warn'],
};

let parts;
let openCase = null;

function mount(root, { go, allowed } = {}) {
  // An auditor can follow a deadline to its case; an operator has no case view to go to.
  openCase = allowed?.('cases') ? (caseId) => go('cases', caseId) : null;
  parts = { list: el('div', { 'data-testid': 'deadlines' }), sources: el('ul', { class: 'muted sources' }) };
  root.append(
    el('h2', {}, 'Deadlines ', el('small', {}, 'overdue waiver reviews, undelivered warnings and unwarned duties near their threat window; most urgent first')),
    parts.list,
    parts.sources,
  );
}

function due(item) {
  const late = item.dueAt && Date.parse(item.dueAt) < Date.now();
  return el('span', { class: late ? 'late' : '' }, item.dueAt ? (late ? `overdue ${relative(item.dueAt).replace(' ago', '')}` : `due ${relative(item.dueAt)}`) : '—');
}

async function refresh() {
  const view = await call('/v1/console/deadlines');
  syncTable(parts.list,
    [
      ['due', due],
      ['what', (i) => badge((kinds[i.kind] ?? [i.kind])[0], (kinds[i.kind] ?? [])[1])],
      ['case', (i) => (openCase
        ? el('button', { type: 'button', class: 'link', title: `open case ${i.caseId}`, onclick: () => openCase(i.caseId) }, el('code', {}, short(i.caseId)))
        : el('code', { title: i.caseId }, short(i.caseId)))],
      ['state', (i) => i.state],
      ['due at', (i) => time(i.dueAt)],
      ['threat window opens', (i) => (i.windowOpensAt ? `${time(i.windowOpensAt)} (${relative(i.windowOpensAt)})` : '—')],
      ['channel', (i) => i.channel ?? '—'],
      ['attempts', (i) => (i.attempts === undefined ? '—' : `${i.attempts} of ${i.attemptLimit}`), 'num'],
    ],
    view.items,
    {
      key: (i) => `${i.kind} ${i.caseId} ${i.deliveryId ?? i.channel ?? ''}`,
      empty: 'No deadline is at risk.',
      rowAttrs: (i) => ({ 'data-testid': 'deadline-row', 'data-kind': i.kind, 'data-case-id': i.caseId, 'data-due-at': i.dueAt ?? '' }),
    });
  const notes = Object.entries(view.sources).filter(([, status]) => status !== 'ok');
  fill(parts.sources, notes.map(([source, status]) => el('li', {}, `${source}: ${status}`)));
}

export const deadlinesView = { id: 'deadlines', title: 'Deadlines', mount, refresh };
