'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const input = el('input', {id: 'q', size: 60, placeholder: 'EPC, Digital Link, scan, SSCC or lot',
    value: new URLSearchParams(location.search).get('q') || ''});
  const form = el('form', {class: 'search', id: 'trace-form'}, input, el('button', {type: 'submit'}, 'Trace'));
  const result = el('div', {id: 'trace-result'});
  content.replaceChildren(el('h1', {}, 'Trace'), form, result);
  const tree = node => el('li', {}, el('span', {class: 'node'}, node.epc + ' · ' + node.status
      + (node.lot ? ' · lot ' + node.lot : '')),
    node.children.length ? el('ul', {}, ...node.children.map(tree)) : null);
  async function trace(q) {
    result.replaceChildren(el('p', {class: 'muted'}, 'Searching…'));
    try {
      const found = await json(await api('/reports/find?q=' + encodeURIComponent(q)));
      if (found.kind === 'lot') {
        location.href = '/console/recall.html?lot=' + encodeURIComponent(found.lot);
        return;
      }
      const t = await json(await api('/trace/' + encodeURIComponent(found.epc)));
      const content = await json(await api('/reports/content?epc=' + encodeURIComponent(found.epc)));
      result.replaceChildren(
        el('h2', {}, t.epc),
        el('p', {id: 'trace-state'}, 'Status ' + t.status + ', owner ' + (t.owner || 'unknown') + ', at '
          + (t.location || 'unknown') + (t.lot ? ', lot ' + t.lot + ' expiring ' + t.expiry : '')
          + (t.parent ? ', packed in ' + t.parent : '')),
        el('h2', {}, 'Timeline'),
        table([{title: 'When', value: e => e.eventTime}, {title: 'Event', value: e => e.eventType},
          {title: 'Step', value: e => e.bizStep}, {title: 'Disposition', value: e => e.disposition},
          {title: 'Where', value: e => e.bizLocation || e.readPoint}, {title: 'Through', value: e => e.via}],
          t.events, 'timeline'),
        el('h2', {}, 'Hierarchy'),
        el('ul', {class: 'tree', id: 'hierarchy'}, t.parent ? el('li', {}, el('span', {class: 'muted'},
          'in ' + t.parent), el('ul', {}, tree(content))) : tree(content)));
    } catch (e) {
      result.replaceChildren(el('p', {class: 'error', id: 'trace-error'}, e.message));
    }
  }
  form.addEventListener('submit', event => { event.preventDefault(); trace(input.value); });
  if (input.value) { await trace(input.value); }
};
