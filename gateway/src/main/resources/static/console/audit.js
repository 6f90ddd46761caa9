'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const verify = el('button', {id: 'verify-chain'}, 'Verify chain');
  const verdict = el('p', {id: 'verdict'});
  const list = el('div', {id: 'audit'});
  content.replaceChildren(el('h1', {}, 'Audit trail'), verify, verdict, list);
  verify.addEventListener('click', async () => {
    verdict.className = 'muted';
    verdict.textContent = 'Walking the chain…';
    const check = await json(await api('/audit/verify'));
    verdict.className = check.intact ? 'ok' : 'error';
    verdict.textContent = check.intact ? 'The chain holds: ' + check.records + ' records, the last hash ' + check.lastHash
      : 'Broken at record ' + check.brokenAt + ': ' + check.problem;
  });
  const check = await json(await api('/audit/verify'));
  const page = await json(await api('/audit?limit=50&after=' + Math.max(0, check.records - 50)));
  list.replaceChildren(el('h2', {}, 'The latest records'), table([{title: '#', value: r => r.seq},
    {title: 'When', value: r => r.recordedAt}, {title: 'Who', value: r => r.actor}, {title: 'What', value: r => r.action},
    {title: 'Objects', value: r => r.objectIds.join(' ')}, {title: 'Hash', value: r => r.hash.substring(0, 16) + '…'}],
    page.records.reverse(), 'audit-records'));
};
