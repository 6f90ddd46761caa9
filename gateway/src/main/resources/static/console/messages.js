'use strict';
// Documents exchanged with trading partners (the exchange capability's GET /messages), newest first, with the MDN
// that acknowledged each and whether its signature verified.
window.page = async content => {
  const {api, json, el, table} = Console;
  const direction = el('select', {id: 'message-direction', 'aria-label': 'Direction'},
    el('option', {value: ''}, 'in and out'), el('option', {value: 'in'}, 'in'), el('option', {value: 'out'}, 'out'));
  const list = el('div', {id: 'messages'});
  content.replaceChildren(el('h1', {}, 'Partner messages'), el('form', {class: 'search'}, direction), list);
  const mdn = m => !m.mdn ? (m.direction === 'out' ? 'awaited' : '')
    : m.mdn.disposition + (m.mdn.signatureVerified === true ? ', signature verified'
      : m.mdn.signatureVerified === false ? ', signature NOT verified' : m.mdn.signed ? '' : ', unsigned');
  async function show() {
    const rows = await json(await api('/messages?limit=100' + (direction.value ? '&direction=' + direction.value : '')));
    list.replaceChildren(table([{title: '#', value: m => m.id}, {title: 'Direction', value: m => m.direction},
      {title: 'From → to', value: m => m.as2From + ' → ' + m.as2To}, {title: 'Message-ID', value: m => m.messageId},
      {title: 'Status', value: m => m.status}, {title: 'MDN', value: mdn},
      {title: 'When', value: m => m.createdAt}, {title: 'Error', value: m => m.error || m.captureError}],
      rows, 'message-list'));
  }
  direction.addEventListener('change', show);
  await show();
};
