// The console frame: header with the login state, the navigation slot, the page's content. A page calls
// TracegateConsole.start({page, onLogin}) with its own content in <main id="content" hidden>; the frame shows the
// content once a key is logged in (kept in this tab's sessionStorage, sent as "Authorization: Bearer").
'use strict';
const TracegateConsole = (() => {
  // Every console page, shown to the keys holding one of its roles.
  const PAGES = [
    {id: 'verify', path: '/console/verify', title: 'Verify a pack', roles: ['PHARMACIST', 'PARTNER', 'COMPLIANCE', 'ADMIN']},
  ];
  const STORED = 'tracegate.key';
  let onLogout = () => {};

  function key() { return sessionStorage.getItem(STORED); }

  // fetch with the key; a 401 logs out (revoked or mistyped key)
  async function api(path, options = {}) {
    const headers = Object.assign({'Accept': 'application/json'}, options.headers || {}, {'Authorization': 'Bearer ' + key()});
    const response = await fetch(path, Object.assign({}, options, {headers}));
    if (response.status === 401) { logout('The key was refused: log in again.'); }
    return response;
  }

  // the problem+json detail of a refused request, or its status
  async function problem(response) {
    try { const body = await response.json(); return body.detail || body.title || ('HTTP ' + response.status); }
    catch (e) { return 'HTTP ' + response.status; }
  }

  function element(tag, attributes = {}, text) {
    const e = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) { e.setAttribute(name, value); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function logout(message) {
    sessionStorage.removeItem(STORED);
    onLogout();
    renderLogin(message);
  }

  let frame;
  let page;
  let started;

  function renderLogin(message) {
    document.getElementById('content').hidden = true;
    const login = frame.querySelector('.frame-login');
    login.replaceChildren();
    frame.querySelector('.frame-nav').replaceChildren();
    const form = element('form', {id: 'login-form'});
    const input = element('input', {id: 'login-key', type: 'password', placeholder: 'API key', autocomplete: 'off',
      'aria-label': 'API key'});
    form.append(input, element('button', {id: 'login-button', type: 'submit'}, 'Log in'));
    login.append(form);
    if (message) { login.append(element('span', {id: 'login-error', class: 'error'}, message)); }
    form.addEventListener('submit', async event => {
      event.preventDefault();
      sessionStorage.setItem(STORED, input.value.trim());
      await whoAmI();
    });
    input.focus();
  }

  async function whoAmI() {
    let response;
    try { response = await api('/me'); } catch (e) { logout('The gateway cannot be reached.'); return; }
    if (!response.ok) { if (response.status !== 401) { logout(await problem(response)); } return; }
    const me = await response.json();
    const login = frame.querySelector('.frame-login');
    login.replaceChildren(element('span', {id: 'login-state'}, 'Logged in as ' + me.name + ' (' + me.roles.join(', ') + ')'));
    const out = element('button', {id: 'logout-button', type: 'button'}, 'Log out');
    out.addEventListener('click', () => logout());
    login.append(out);
    const nav = frame.querySelector('.frame-nav');
    nav.replaceChildren();
    for (const p of PAGES.filter(p => p.roles.some(r => me.roles.includes(r)))) {
      const a = element('a', {href: p.path}, p.title);
      if (p.id === page) { a.setAttribute('aria-current', 'page'); }
      nav.append(a);
    }
    document.getElementById('content').hidden = false;
    started(me);
  }

  // Builds the frame into <header id="frame"> and logs in with the stored key, if any.
  function start(options) {
    page = options.page;
    started = options.onLogin;
    onLogout = options.onLogout || (() => {});
    frame = document.getElementById('frame');
    frame.className = 'frame-header';
    frame.replaceChildren(element('span', {class: 'frame-brand'}, 'Tracegate'),
      element('nav', {class: 'frame-nav', 'aria-label': 'Console pages'}), element('div', {class: 'frame-login'}));
    if (key()) { whoAmI(); } else { renderLogin(); }
  }

  return {start, api, problem, element};
})();
