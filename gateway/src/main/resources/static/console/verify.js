// The pharmacist's page: a scan box that keeps the focus for a keyboard-wedge scanner, a photo button, the verdict
// (green, amber, red) with its sentence, and this login's scans.
'use strict';
window.page = async () => {
  const $ = id => document.getElementById(id);
  const scan = $('scan');
  let busy = false;

  // A keyboard wedge types the scan and Enter; keep the box focused unless the person is elsewhere on purpose.
  function refocus() { if (!busy && !$('content').hidden) { scan.focus(); } }
  scan.addEventListener('blur', () => setTimeout(() => {
    const active = document.activeElement;
    if (!active || active === document.body) { refocus(); }
  }, 150));
  // Some scanners send GS as Ctrl+]: keep it as the {GS} substitute the gateway reads.
  scan.addEventListener('keydown', event => {
    if (event.ctrlKey && event.key === ']') {
      event.preventDefault();
      scan.setRangeText('{GS}', scan.selectionStart, scan.selectionEnd, 'end');
    }
  });

  $('scan-form').addEventListener('submit', async event => {
    event.preventDefault();
    const text = scan.value;
    if (!text.trim()) { return; }
    await verify('/verify/scan', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({scan: text})});
  });

  $('photo').addEventListener('change', async () => {
    const file = $('photo').files[0];
    if (!file) { return; }
    const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
    await verify('/verify/image', {method: 'POST', headers: {'Content-Type': type}, body: file});
    $('photo').value = '';
  });

  async function verify(path, options) {
    busy = true;
    $('scan-error').hidden = true;
    try {
      const response = await Console.api(path, options);
      if (response.ok) {
        show(await response.json());
        scan.value = '';
      } else if (response.status !== 401) {
        $('verdict').hidden = true;
        $('scan-error').textContent = await Console.json(response).catch(e => e.message);
        $('scan-error').hidden = false;
        scan.select();
      }
    } catch (e) {
      $('scan-error').textContent = 'The gateway cannot be reached: ' + e.message;
      $('scan-error').hidden = false;
    } finally {
      busy = false;
      refocus();
    }
    await history();
  }

  function show(answer) {
    const verdict = $('verdict');
    verdict.dataset.verdict = answer.verdict;
    $('sentence').textContent = answer.sentence;
    $('identifier').textContent = 'GTIN ' + answer.gtin + ' · serial ' + answer.serial + ' · lot ' + answer.lot
      + ' · expiry ' + answer.expiry;
    const warnings = $('warnings');
    warnings.replaceChildren(...answer.warnings.map(w => Console.el('li', {}, w)));
    verdict.hidden = false;
  }

  function answer(row) {
    if (row.outcome === 'verified') { return row.additionalInfo ? 'Verified, ' + row.additionalInfo : 'Verified'; }
    if (row.outcome === 'not_verified') {
      return 'Not verified: ' + (row.reason || 'no reason') + (row.additionalInfo ? ', ' + row.additionalInfo : '');
    }
    return 'No answer (HTTP ' + row.outcome + ')';
  }

  async function history() {
    const response = await Console.api('/verify/history?limit=20');
    if (!response.ok) { return; }
    const rows = await response.json();
    const e = Console.el;
    $('history').tBodies[0].replaceChildren(...rows.map(row => {
      const tr = e('tr', {class: 'history-row', 'data-outcome': row.outcome});
      tr.append(e('td', {}, new Date(row.at).toLocaleTimeString()), e('td', {}, row.gtin + ' / ' + row.serial),
        e('td', {class: 'history-extra'}, row.lot + ', ' + row.expiry), e('td', {}, answer(row)));
      return tr;
    }));
  }

  await history();
  refocus();
};
