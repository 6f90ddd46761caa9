'use strict';
window.page = async content => {
  const {api, json, el, table} = Console;
  const d = await json(await api('/reports/dashboard?days=30'));
  const exceptions = await json(await api('/exceptions?status=open'));
  const a = d.activity;
  const total = a.eventsPerDay.reduce((sum, day) => sum + day.events, 0);
  const card = (id, title, number) => el('div', {class: 'card', id}, el('div', {class: 'muted'}, title),
    el('div', {class: 'number'}, typeof number === 'number' ? number.toLocaleString('en-US') : number));
  const chart = el('div', {id: 'events-chart'});
  content.replaceChildren(el('h1', {}, 'Dashboard: the last ' + d.days + ' days'),
    el('div', {class: 'cards'}, card('card-events', 'Events captured', total),
      card('card-captures', 'Capture jobs committed', a.capturesCommitted),
      card('card-refused', 'Capture jobs refused', a.capturesRefused),
      card('card-rejections', 'Rejections (events refused)', a.eventsRefused),
      card('card-investigations', 'Open investigations', d.openInvestigations),
      card('card-exceptions', 'Open exceptions', exceptions.length),
      card('card-exports', 'Exports running', d.exportsRunning)),
    el('h2', {}, 'Events per day'), chart,
    table([{title: 'Day', value: r => r.day}, {title: 'Events', value: r => r.events}], a.eventsPerDay, 'events-per-day'));
  // every day of the window, days without events as 0
  const counts = new Map(a.eventsPerDay.map(r => [r.day, r.events]));
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) / 1000;
  const days = Array.from({length: d.days}, (_, i) => today - (d.days - 1 - i) * 86400);
  const values = days.map(t => counts.get(new Date(t * 1000).toISOString().substring(0, 10)) || 0);
  new uPlot({width: Math.min(1000, content.clientWidth - 20), height: 240,
    series: [{}, {label: 'events', stroke: '#16324f', fill: '#16324f22', points: {show: true}}],
    axes: [{}, {size: 70}], scales: {x: {time: true}}}, [days, values], chart);
};
