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
