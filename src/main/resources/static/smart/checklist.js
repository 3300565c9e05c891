// Renders Patient/{id}/$stemirac-checklist (Parameters) for the launched patient. DOM hooks the tests use:
// #checklist[data-state], [data-rule][data-result], #day-count, #claim-remarks.
'use strict';

const WORDS = {
  eligible: '適格 / eligible', 'not-eligible': '不適格 / not eligible', unknown: '不明（AIS なし）/ unknown (no AIS)',
  done: '実施済み / done', planned: '予定あり / planned', ordering: 'オーダー中 / being ordered', none: 'なし / none',
  given: '同意あり / given', refused: '拒否 / refused', 'not-recorded': '記録なし / not recorded',
  fired: '該当 / fired', clear: '問題なし / clear', 'not-applicable': '対象外 / not applicable'
};

function parameter(parameters, name) {
  return (parameters.parameter || []).find(p => p.name === name);
}

function value(p) {
  if (!p) return undefined;
  const key = Object.keys(p).find(k => k.startsWith('value'));
  return key ? p[key] : undefined;
}

function part(p, name) {
  return value((p.part || []).find(x => x.name === name));
}

function text(id, content) {
  document.getElementById(id).textContent = content;
}

function dayCount(checklist) {
  const day = value(parameter(checklist, 'day'));
  const last = value(parameter(checklist, 'marrowLastDay'));
  if (day === undefined) return '受傷日不明 / injury date unknown';
  const left = last - day;
  return day + ' 日目 / day ' + day + (left >= 0
    ? '（目標まであと ' + left + ' 日 / ' + left + ' days to day ' + last + '）'
    : '（目標の ' + last + ' 日を ' + (-left) + ' 日超過 / ' + (-left) + ' days past day ' + last + '）');
}

function renderRules(checklist) {
  const body = document.getElementById('rules');
  (checklist.parameter || []).filter(p => p.name === 'rule').forEach(rule => {
    const row = document.createElement('tr');
    row.dataset.rule = part(rule, 'id');
    row.dataset.result = part(rule, 'result');
    [part(rule, 'id'), part(rule, 'section'), part(rule, 'severity'), WORDS[part(rule, 'result')]].forEach(cell => {
      const td = document.createElement('td');
      td.textContent = cell;
      row.appendChild(td);
    });
    body.appendChild(row);
  });
}

function render(session, checklist) {
  const window = parameter(checklist, 'infusionWindow');
  const ais = value(parameter(checklist, 'aisGrade'));
  text('patient', session.patient);
  text('eligibility', WORDS[value(parameter(checklist, 'eligibility'))] + (ais ? '（AIS ' + ais + '）' : ''));
  text('day-count', dayCount(checklist));
  text('marrow-target', value(parameter(checklist, 'marrowLastDay')) + ' 日目まで / by day ' + value(parameter(checklist, 'marrowLastDay')));
  text('infusion-window', part(window, 'plannedFirst') + '–' + part(window, 'plannedLast') + ' 日目（治験の計画）/ days (trial plan); '
    + part(window, 'observedFirst') + '–' + part(window, 'observedLast') + ' 日目（実績）/ days (observed)');
  text('collection', WORDS[value(parameter(checklist, 'marrowCollection'))]);
  text('consent', WORDS[value(parameter(checklist, 'consent'))]);
  renderRules(checklist);
  const remarks = value(parameter(checklist, 'claimRemarks')) || '';
  text('claim-remarks', remarks);
  document.getElementById('copy-remarks').addEventListener('click', () => navigator.clipboard.writeText(remarks));
}

async function showChecklist() {
  const session = await smartToken();
  const checklist = await fhirGet(session, 'Patient/' + encodeURIComponent(session.patient) + '/$stemirac-checklist');
  render(session, checklist);
  document.getElementById('message').textContent = '';
  document.getElementById('summary').hidden = false;
  document.getElementById('checklist').dataset.state = 'ready';
}
