'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const params = new URLSearchParams(location.search);
  const gtin = el('input', {id: 'gtin', placeholder: 'GTIN (optional)', value: params.get('gtin') || ''});
  const lot = el('input', {id: 'lot', placeholder: 'lot', value: params.get('lot') || ''});
  const form = el('form', {class: 'search', id: 'recall-form'}, gtin, lot, el('button', {type: 'submit'}, 'Report'));
  const result = el('div', {id: 'recall-result'});
  content.replaceChildren(el('h1', {}, 'Recall'), form, result);
  async function report() {
    const query = 'lot=' + encodeURIComponent(lot.value) + (gtin.value ? '&gtin=' + encodeURIComponent(gtin.value) : '');
    try {
      const r = await json(await api('/reports/recall?' + query));
      const partners = Object.entries(r.unitsByPartner).map(([partner, units]) => ({partner, units}));
      result.replaceChildren(
        el('div', {class: 'cards'},
          el('div', {class: 'card', id: 'recall-units'}, el('div', {class: 'muted'}, 'Units'),
            el('div', {class: 'number'}, r.unitCount)),
          el('div', {class: 'card', id: 'recall-in-stock'}, el('div', {class: 'muted'}, 'Still in our stock'),
            el('div', {class: 'number'}, r.inStock))),
        el('h2', {}, 'Partners who received the lot'),
        table([{title: 'Partner', value: p => p.partner}, {title: 'Units', value: p => p.units}], partners, 'partners'),
        el('h2', {}, 'Shipments'),
        table([{title: 'Shipped', value: s => s.eventTime}, {title: 'To', value: s => s.partner},
          {title: 'PO', value: s => s.purchaseOrders.join(' ')}, {title: 'Despatch advice', value: s => s.despatchAdvices.join(' ')},
          {title: 'Event', value: s => s.eventID}], r.shipments, 'shipments'),
        el('h2', {}, 'Units' + (r.units.length > 500 ? ' (the first 500; the CSV has all)' : '')),
        el('p', {}, el('a', {href: '/reports/recall?' + query, id: 'recall-json'}, 'JSON')),
        table([{title: 'EPC', value: u => u.epc}, {title: 'Status', value: u => u.status},
          {title: 'Partner', value: u => u.partner}, {title: 'In stock', value: u => u.inStock ? 'yes' : ''}],
          r.units.slice(0, 500), 'units'));
    } catch (e) {
      result.replaceChildren(el('p', {class: 'error', id: 'recall-error'}, e.message));
    }
  }
  form.addEventListener('submit', event => { event.preventDefault(); report(); });
  if (lot.value) { await report(); }
};
