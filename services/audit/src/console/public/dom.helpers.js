// Builds DOM from data with textContent only: nothing the server sends is parsed as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A table of rows; each column is [heading, row => cell content, optional class]. */
export function table(columns, rows, { empty = 'Nothing here.', rowAttrs = () => ({}) } = {}) {
  if (rows.length === 0) return el('p', { class: 'muted empty' }, empty);
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, columns.map(([heading, , cls]) => el('th', { class: cls }, heading)))),
    el('tbody', {}, rows.map((row) => el('tr', rowAttrs(row), columns.map(([, cell, cls]) => el('td', { class: cls }, cell(row)))))),
  );
}

export const time = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) : '—');

/** Time of day alone for today, else date and time: short enough for narrow columns. */
export function clock(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : time(iso);
}

/** "in 1h 58m" or "3m 12s ago": how far an instant is from now, for deadlines. */
export function relative(iso, now = Date.now()) {
  if (!iso) return '—';
  const ms = Date.parse(iso) - now;
  const s = Math.round(Math.abs(ms) / 1000);
  const parts = s >= 86400 ? [`${Math.floor(s / 86400)}d`, `${Math.floor((s % 86400) / 3600)}h`]
    : s >= 3600 ? [`${Math.floor(s / 3600)}h`, `${Math.floor((s % 3600) / 60)}m`]
    : s >= 60 ? [`${Math.floor(s / 60)}m`, `${s % 60}s`] : [`${s}s`];
  return ms >= 0 ? `in ${parts.join(' ')}` : `${parts.join(' ')} ago`;
}

export const short = (id) => (id && id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id ?? '—');

export function badge(text, kind) {
  return el('span', { class: `badge ${kind ?? ''}` }, text);
}

/** Replaces a section's content in one step, so a refresh never shows a half-drawn view. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter(Boolean));
}

/**
 * Like fill(node, table(...)), but keeps every node that did not change: rows are matched by
 * key and a cell that renders the same stays the same node. A refresh therefore never swaps a
 * button out from under a click in progress (a mousedown on one node and the mouseup on its
 * replacement is no click at all).
 */
export function syncTable(node, columns, rows, { key, empty, rowAttrs = () => ({}) }) {
  const fresh = table(columns, rows, { empty, rowAttrs: (row) => ({ ...rowAttrs(row), 'data-row-key': key(row) }) });
  const current = node.firstElementChild;
  if (fresh.tagName !== 'TABLE' || node.childElementCount !== 1 || current.tagName !== 'TABLE' || !current.tHead.isEqualNode(fresh.tHead)) return fill(node, fresh);
  const prior = new Map([...current.tBodies[0].rows].map((row) => [row.dataset.rowKey, row]));
  const wanted = [...fresh.tBodies[0].rows].map((row) => {
    const old = prior.get(row.dataset.rowKey);
    prior.delete(row.dataset.rowKey); // a repeated key gets a row of its own
    return old ? patchRow(old, row) : row;
  });
  place(current.tBodies[0], wanted);
}

/** Makes `old` show what `fresh` shows, replacing only the cells that differ. */
function patchRow(old, fresh) {
  if (old.isEqualNode(fresh)) return old;
  if (old.cells.length !== fresh.cells.length) return fresh;
  for (const { name } of [...old.attributes]) if (!fresh.hasAttribute(name)) old.removeAttribute(name);
  for (const { name, value } of [...fresh.attributes]) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  [...fresh.cells].forEach((cell, i) => {
    if (!old.cells[i].isEqualNode(cell)) old.cells[i].replaceWith(cell);
  });
  return old;
}

/** Puts `wanted` in order as the parent's children, moving only nodes out of place. */
function place(parent, wanted) {
  const keep = new Set(wanted);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  wanted.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] ?? null);
  });
}
