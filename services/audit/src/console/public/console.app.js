import { call, session, SignedOut } from './api.client.js';
import { forgetCharts } from './charts.helpers.js';
import { casesView } from './cases.view.js';
import { deadLettersView } from './dead-letters.view.js';
import { deadlinesView } from './deadlines.view.js';
import { el } from './dom.helpers.js';
import { pipelineView } from './pipeline.view.js';
import { beginSignIn, completeSignIn, endSession, signInSettings } from './sign-in.js';

// Sign-in (at the identity provider: sign-in.js), the tabs a person's roles open (the server says which), and the live refresh: one
// refresh at a time, the next REFRESH_MS after the last one ended, so a slow server is never
// asked twice at once; a refresh asked for meanwhile (a click) runs as soon as it may.
const REFRESH_MS = 3000;
const views = Object.fromEntries([pipelineView, casesView, deadlinesView, deadLettersView].map((v) => [v.id, v]));
const $ = (id) => document.getElementById(id);

let me = null;
/** Where people sign in: { issuer, clientId, audience }, or { issuer: null } to paste a development token. */
let settings = null;
let active = null;
let timer = null;
let running = null;
let again = false;

function showLogin(message = '') {
  clearTimeout(timer);
  timer = null;
  me = null;
  active = null;
  forgetCharts();
  $('views').replaceChildren();
  $('tabs').replaceChildren();
  $('who').textContent = '';
  $('updated').textContent = '';
  delete $('updated').dataset.asked;
  $('logout').hidden = true;
  $('banner').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  const provider = Boolean(settings?.issuer);
  $('sign-in-provider').hidden = !provider;
  $('login-form').hidden = provider;
  $('provider-name').textContent = settings?.issuer ?? '';
  (provider ? $('sign-in') : $('token')).focus();
}

/** Refreshes the active view now, or right after its refresh in flight; resolves when done. */
function tick() {
  clearTimeout(timer);
  if (!active) return Promise.resolve();
  if (running?.view === active) {
    again = true;
    return running.done;
  }
  // A refresh of another view (the person switched) is left to finish unseen.
  again = false;
  const done = refreshActive(active).finally(() => {
    if (running?.done !== done) return;
    running = null;
    if (again) {
      again = false;
      return tick();
    }
    if (me) timer = setTimeout(tick, REFRESH_MS);
  });
  running = { view: active, done };
  return done;
}

async function refreshActive(view) {
  const started = Date.now();
  try {
    await view.refresh();
    if (view !== active) return;
    $('banner').hidden = true;
    $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    // When the shown data was asked for: tests (and anyone curious) can tell a fresh view from a stale one.
    $('updated').dataset.asked = String(started);
  } catch (error) {
    if (error instanceof SignedOut) return showLogin(`Signed out: ${error.message}`);
    if (view !== active) return;
    $('banner').textContent = error.message;
    $('banner').hidden = false;
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
  view.mount(root, { arg, go: open, allowed: (v) => me.views.includes(v), refresh: tick });
  tick();
}

async function start() {
  try {
    settings ??= await signInSettings();
    // Back from the identity provider: the code becomes this tab's tokens.
    await completeSignIn(settings);
  } catch (error) {
    return showLogin(error.message);
  }
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
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  session.signIn($('token').value);
  $('token').value = '';
  start();
});
$('sign-in').addEventListener('click', () => {
  beginSignIn(settings).catch((error) => showLogin(error.message));
});
$('logout').addEventListener('click', async () => {
  const idToken = session.idToken();
  session.signOut();
  // Signed out at the provider too, or the next sign-in would not ask who you are.
  if (settings?.issuer && (await endSession(settings, idToken).catch(() => false))) return;
  showLogin('Signed out.');
});

start();
