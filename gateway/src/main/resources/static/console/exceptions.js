'use strict';
// Receipt exceptions (the shipments capability's GET /exceptions): open or resolved, overdue first to see.
window.page = async content => {
  const {api, json, el, table} = Console;
  const status = el('select', {id: 'exception-status', 'aria-label': 'Status'},
    el('option', {value: 'open'}, 'open'), el('option', {value: 'resolved'}, 'resolved'), el('option', {value: ''}, 'all'));
  const summary = el('p', {id: 'exception-summary'});
  const list = el('div', {id: 'exceptions'});
  content.replaceChildren(el('h1', {}, 'Exceptions'), el('form', {class: 'search'}, status), summary, list);
  async function show() {
    const rows = await json(await api('/exceptions' + (status.value ? '?status=' + status.value : '')));
    const overdue = rows.filter(e => e.overdue && e.status === 'open').length;
    summary.textContent = rows.length + ' ' + (status.value || 'open and resolved') + ' exception(s)'
      + (overdue ? ', ' + overdue + ' overdue' : '');
    summary.className = overdue ? 'error' : 'muted';
    list.replaceChildren(table([{title: '#', value: e => e.id}, {title: 'Receipt', value: e => e.receiptId},
      {title: 'Kind', value: e => e.kind}, {title: 'EPC', value: e => e.epc}, {title: 'Detail', value: e => e.detail},
      {title: 'Opened', value: e => e.openedAt}, {title: 'Due', value: e => e.dueOn + (e.overdue ? ' (overdue)' : '')},
      {title: 'Owner', value: e => e.owner}, {title: 'Status', value: e => e.status},
      {title: 'Resolution', value: e => e.resolution ? e.resolution + ' (' + e.resolvedBy + ')' : ''}], rows, 'exception-list'));
  }
  status.addEventListener('change', show);
  await show();
};
