'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const within = el('select', {id: 'within'}, ...[30, 90, 180, 365].map(d => el('option', {value: d}, d + ' days')));
  within.value = '90';
  const result = el('div', {id: 'expiry-result'});
  content.replaceChildren(el('h1', {}, 'Expiry (first expiring, first out)'),
    el('form', {class: 'search'}, el('label', {}, 'Expiring within ', within)), result);
  async function report() {
    const r = await json(await api('/reports/expiry?within=' + within.value));
    result.replaceChildren(table([{title: 'GTIN', value: l => l.gtin}, {title: 'Lot', value: l => l.lot},
      {title: 'Expiry', value: l => l.expiry}, {title: 'Days left', value: l => l.daysToExpiry},
      {title: 'Expired', value: l => l.expired ? 'expired' : ''}, {title: 'Active units', value: l => l.activeUnits}],
      r.lots, 'lots'));
  }
  within.addEventListener('change', report);
  await report();
};
