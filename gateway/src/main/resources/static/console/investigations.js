'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const reason = el('input', {id: 'reason', placeholder: 'why the product is suspect', size: 40});
  const epcs = el('input', {id: 'epcs', placeholder: 'EPCs, separated by spaces', size: 50});
  const form = el('form', {class: 'search', id: 'open-form'}, reason, epcs, el('button', {type: 'submit'}, 'Open investigation'));
  const message = el('p', {id: 'open-message'});
  const list = el('div', {id: 'investigations'});
  content.replaceChildren(el('h1', {}, 'Investigations'), form, message, list);
  async function show() {
    const all = await json(await api('/investigations'));
    list.replaceChildren(table([{title: '#', value: i => i.id}, {title: 'Status', value: i => i.status},
      {title: 'Suspicion', value: i => i.suspicion}, {title: 'Units or lot', value: i => i.lot ? 'lot ' + i.lot : i.units.join(' ')},
      {title: 'Reason', value: i => i.reason}, {title: 'Findings', value: i => i.findings.map(f => f.text).join('; ')},
      {title: 'Opened', value: i => i.openedAt + ' by ' + i.openedBy}], all, 'investigation-list'));
  }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const response = await api('/investigations', {method: 'POST', body: JSON.stringify({
      suspicion: 'suspect', reason: reason.value, epcs: epcs.value.split(/\s+/).filter(e => e)})});
    try {
      const opened = await json(response);
      message.className = 'ok';
      message.textContent = 'Investigation ' + opened.id + ' opened: its units are quarantined.';
      await show();
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
    }
  });
  await show();
};
