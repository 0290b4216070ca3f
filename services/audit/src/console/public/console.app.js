import { call, session, SignedOut } from './api.client.js';
import { forgetCharts } from './charts.helpers.js';
import { casesView } from './cases.view.js';
import { deadLettersView } from './dead-letters.view.js';
import { deadlinesView } from './deadlines.view.js';
import { el } from './dom.helpers.js';
import { pipelineView } from './pipeline.view.js';

// Sign-in, the tabs a person's roles open (the server says which), and the live refresh.
const REFRESH_MS = 3000;
const views = Object.fromEntries([pipelineView, casesView, deadlinesView, deadLettersView].map((v) => [v.id, v]));
const $ = (id) => document.getElementById(id);

let me = null;
let active = null;
let timer = null;
let busy = false;

function showLogin(message = '') {
  clearInterval(timer);
  timer = null;
  me = null;
  active = null;
  forgetCharts();
  $('views').replaceChildren();
  $('tabs').replaceChildren();
  $('who').textContent = '';
  $('updated').textContent = '';
  $('logout').hidden = true;
  $('banner').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('token').focus();
}

async function tick() {
  if (busy || !active) return;
  busy = true;
  try {
    await active.refresh();
    $('banner').hidden = true;
    $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof SignedOut) return showLogin(`Signed out: ${error.message}`);
    $('banner').textContent = error.message;
    $('banner').hidden = false;
  } finally {
    busy = false;
  }
}

function open(id, arg) {
  const view = views[me.views.includes(id) ? id : me.views[0]];
  if (location.hash !== `#${view.id}`) history.replaceState(null, '', `#${view.id}`);
  for (const tab of $('tabs').children) tab.setAttribute('aria-current', tab.dataset.view === view.id ? 'page' : 'false');
  forgetCharts();
  const root = el('section', { class: 'view', 'data-view': view.id });
  $('views').replaceChildren(root);
  active = view;
  view.mount(root, { arg, go: open, allowed: (v) => me.views.includes(v) });
  busy = false;
  tick();
}

async function start() {
  if (!session.token()) return showLogin();
  try {
    me = await call('/v1/console/me');
  } catch (error) {
    return showLogin(error instanceof SignedOut ? `Not signed in: ${error.message}` : error.message);
  }
  if (me.views.length === 0) {
    session.signOut();
    return showLogin(`${me.person.id} has the roles ${me.person.roles.join(', ') || 'none'}: the console is for operators and auditors.`);
  }
  $('login').hidden = true;
  $('logout').hidden = false;
  $('who').textContent = `${me.person.id} (${me.person.organisation}) · ${me.person.roles.join(', ')}`;
  $('tabs').replaceChildren(...me.views.map((id) => el('button', { type: 'button', 'data-view': id, 'data-testid': `tab-${id}`, onclick: () => open(id) }, views[id].title)));
  open(location.hash.slice(1));
  timer = setInterval(tick, REFRESH_MS);
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  session.signIn($('token').value);
  $('token').value = '';
  start();
});
$('logout').addEventListener('click', () => {
  session.signOut();
  showLogin('Signed out.');
});

start();
