'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const gtin = el('input', {id: 'export-gtin', placeholder: 'GTIN (optional)'});
  const lot = el('input', {id: 'export-lot', placeholder: 'lot'});
  const form = el('form', {class: 'search', id: 'export-form'}, gtin, lot, el('button', {type: 'submit'}, 'Export the lot'));
  const message = el('p', {id: 'export-message'});
  const list = el('div', {id: 'exports'});
  content.replaceChildren(el('h1', {}, 'Export bundles'), el('p', {class: 'muted'},
    'Signed zips that verify offline: java -jar gateway.jar verify-export FILE.zip --certificate=gateway.crt (',
    el('a', {href: '/exports/certificate'}, 'the certificate'), ')'), form, message, list);
  let polling = null;
  async function show() {
    const jobs = await json(await api('/exports'));
    list.replaceChildren(table([{title: '#', value: j => j.id}, {title: 'Selection', value: j => JSON.stringify(j.selection)},
      {title: 'Status', value: j => j.status}, {title: 'Progress', value: j => el('progress', {max: 1, value: j.progress})},
      {title: 'Units', value: j => j.unitsDone + (j.unitsTotal === null ? '' : ' of ' + j.unitsTotal)},
      {title: 'Bundle', value: j => j.bundle ? el('a', {href: j.bundle, class: 'download'}, 'download') : (j.error || '')}],
      jobs, 'export-list'));
    clearTimeout(polling);
    if (jobs.some(j => j.status === 'running')) { polling = setTimeout(show, 500); }
  }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {lot: lot.value};
    if (gtin.value) { body.gtin = gtin.value; }
    try {
      const job = await json(await api('/exports', {method: 'POST', body: JSON.stringify(body)}));
      message.className = 'ok';
      message.textContent = 'Export ' + job.id + ' requested.';
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
    }
    await show();
  });
  await show();
};
