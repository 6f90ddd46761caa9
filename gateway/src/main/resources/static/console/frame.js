// The console frame, the same on every page (the compliance pages and the pharmacist's): checks the session (a login
// form with an API key when there is none, the page's content hidden meanwhile), draws the header and the navigation
// the key's roles may use, and gives pages api() (the gateway's API with the session cookie, and the CSRF token on
// changes), json(), el() and table(). A page defines window.page = async content => {...}.
'use strict';
const Console = (() => {
  const PAGES = [
    {id: 'dashboard', path: '/console/', title: 'Dashboard', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'trace', path: '/console/trace.html', title: 'Trace', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'recall', path: '/console/recall.html', title: 'Recall', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'expiry', path: '/console/expiry.html', title: 'Expiry', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'investigations', path: '/console/investigations.html', title: 'Investigations', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'exceptions', path: '/console/exceptions.html', title: 'Exceptions', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'messages', path: '/console/messages.html', title: 'Partner messages', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'exports', path: '/console/exports.html', title: 'Exports', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'audit', path: '/console/audit.html', title: 'Audit', roles: ['COMPLIANCE', 'ADMIN']},
    {id: 'verify', path: '/console/verify', title: 'Verify a pack', roles: ['PHARMACIST', 'PARTNER', 'COMPLIANCE', 'ADMIN']},
  ];
  let csrf = null;

  function el(tag, attributes = {}, ...children) {
    const e = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined) { e.setAttribute(name, value); }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) { e.append(child instanceof Node ? child : String(child)); }
    }
    return e;
  }

  async function api(path, options = {}) {
    const headers = Object.assign({'Accept': 'application/json'}, options.headers || {});
    if (options.method && options.method !== 'GET') {
      headers[csrf.header] = csrf.token;
      if (options.body !== undefined && !headers['Content-Type']) { headers['Content-Type'] = 'application/json'; }
    }
    const response = await fetch(path, Object.assign({}, options, {headers, credentials: 'same-origin'}));
    if (response.status === 401 && path !== '/console/login') { location.reload(); } // the session ended
    return response;
  }

  // the JSON of an answer, or an Error with the problem's detail
  async function json(response) {
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { throw new Error(body.detail || body.title || ('HTTP ' + response.status)); }
    return body;
  }

  function table(columns, rows, id) {
    const head = el('tr', {}, ...columns.map(c => el('th', {}, c.title)));
    const body = rows.map(row => el('tr', {}, ...columns.map(c => {
      const value = c.value(row);
      return el('td', {}, value === null || value === undefined ? '' : value);
    })));
    return el('table', {id}, el('thead', {}, head), el('tbody', {}, ...body));
  }

  async function session() {
    const answer = await (await fetch('/console/session', {credentials: 'same-origin'})).json();
    csrf = {header: answer.csrfHeader, token: answer.csrfToken};
    return answer;
  }

  // the login form, in place of the page's content (kept, hidden) until a key is logged in
  function login(content, message) {
    const key = el('input', {id: 'login-key', type: 'password', placeholder: 'API key', autocomplete: 'off',
      'aria-label': 'API key'});
    const form = el('form', {id: 'login-form', class: 'login'}, el('h1', {}, 'Log in'),
      el('p', {class: 'muted'}, 'with your API key'), key,
      el('button', {id: 'login-button', type: 'submit'}, 'Log in'),
      message ? el('p', {id: 'login-error', class: 'error'}, message) : null);
    document.getElementById('frame-login')?.remove();
    content.hidden = true;
    content.before(el('section', {id: 'frame-login'}, form));
    key.focus();
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const response = await api('/console/login', {method: 'POST', body: JSON.stringify({key: key.value})});
      if (response.ok) { location.reload(); } else { login(content, (await response.json()).detail); }
    });
  }

  async function start() {
    const content = document.getElementById('content');
    const me = await session();
    const header = document.getElementById('frame-header');
    header.replaceChildren(el('span', {class: 'brand'}, 'Tracegate'));
    if (!me.loggedIn) { login(content); return; }
    content.hidden = false;
    const logout = el('button', {id: 'logout'}, 'Log out');
    logout.addEventListener('click', async () => {
      await api('/console/logout', {method: 'POST'});
      location.reload(); // the same page, logged out: its login form
    });
    header.append(el('span', {class: 'who', id: 'who'}, me.name + ' (' + me.roles.join(', ') + ')'), logout);
    const current = document.body.dataset.page;
    const allowed = PAGES.filter(p => p.roles.some(r => me.roles.includes(r)));
    document.getElementById('frame-nav').replaceChildren(...allowed.map(p =>
      el('a', {href: p.path, 'aria-current': p.id === current ? 'page' : null, id: 'nav-' + p.id}, p.title)));
    if (!allowed.some(p => p.id === current)) {
      content.replaceChildren(el('p', {class: 'error'}, 'The key ' + me.name + ' may not use this page.'));
      return;
    }
    try {
      await window.page(content);
    } catch (e) {
      content.append(el('p', {class: 'error', id: 'page-error'}, e.message));
    }
  }

  document.addEventListener('DOMContentLoaded', start);
  return {api, json, el, table};
})();
