// The demo EHR: picks a patient (patient-view), drafts a STEMIRAC order (order-select and order-sign as it is
// edited), applies suggestions to the draft, sends feedback (accepted / overridden) and shows the outcomes.
// Every call goes to this server's real endpoints with the page's language as Accept-Language.
(function () {
  const t = key => DemoI18n.t(key);
  const UCUM = 'http://unitsofmeasure.org';
  // The demo bundle's practitioner role (examples/demo/demo-bundle.json): the user the hooks are called as.
  const USER = 'PractitionerRole/demo-role';
  const DRAFT_ID = 'draft-1';
  // stemirac-medication-request: the dilution of the cell suspension (profiles/), and IV route (SNOMED CT 47625008)
  const DILUTION_EXTENSION = 'https://stemirac-cds.org/fhir/StructureDefinition/dilution-factor';
  // The ward list: patients recorded as spinal cord injury patients (profile sci-patient), as the demo bundle's are.
  const PATIENT_LIST = '/fhir/Patient?_profile=https://stemirac-cds.org/fhir/StructureDefinition/sci-patient&_count=100&_sort=_id';
  const INTRAVENOUS = { system: 'http://snomed.info/sct', code: '47625008' };
  const CELLS_PER_UNIT = 1e8;
  const EDIT_DELAY_MS = 350;

  const state = { patientId: null, draft: null, calls: {}, editTimer: null };

  // ---- HTTP ----

  // With security on, the page gets what an EHR holds from POST /demo/tokens (when the server enables it): a FHIR
  // access token, and a CDS client JWT for each hook call (single use, aud = the URL called). 404: no tokens needed.
  const tokens = { enabled: null, fhir: null, fhirAt: 0 };
  const FHIR_TOKEN_REUSE_MS = 20 * 60 * 1000;

  async function demoTokens(cdsUrl) {
    const query = cdsUrl ? '?cds=' + encodeURIComponent(cdsUrl) : '';
    const response = await fetch('/demo/tokens' + query, { method: 'POST' });
    tokens.enabled = response.ok;
    if (!response.ok) return null;
    const answer = await response.json();
    tokens.fhir = answer.fhir;
    tokens.fhirAt = Date.now();
    return answer;
  }

  async function authorization(path) {
    if (tokens.enabled === false) return {};
    if (path.startsWith('/cds-services')) {
      const answer = await demoTokens(new URL(path, location.href).href);
      return answer ? { Authorization: 'Bearer ' + answer.cds } : {};
    }
    if (!tokens.fhir || Date.now() - tokens.fhirAt > FHIR_TOKEN_REUSE_MS) await demoTokens();
    return tokens.enabled ? { Authorization: 'Bearer ' + tokens.fhir } : {};
  }

  async function call(method, path, body, accept) {
    const headers = { 'Accept-Language': DemoI18n.language, 'Accept': accept || 'application/json' };
    Object.assign(headers, await authorization(path));
    if (body !== undefined) headers['Content-Type'] = path.startsWith('/fhir') ? 'application/fhir+json' : 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch (notJson) { json = null; }
    return { status: response.status, ok: response.ok, json, text, type: response.headers.get('Content-Type') || '' };
  }

  /** The message of a CDS Hooks JSON error or a FHIR OperationOutcome. */
  function errorText(answer) {
    const json = answer.json || {};
    if (json.message) return json.message + (json.detail ? ' (' + json.detail + ')' : '');
    const issue = (json.issue || [])[0];
    if (issue) return (issue.details && issue.details.text) || issue.diagnostics || issue.code;
    return t('callFailed') + ' (HTTP ' + answer.status + ')';
  }

  function status(text, isError) {
    const el = document.getElementById('status');
    el.textContent = text;
    el.classList.toggle('error', !!isError);
  }

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID()
      : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, c =>
        (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16));
  }

  // ---- patients ----

  function patientName(patient) {
    const name = (patient.name || [])[0] || {};
    if (name.text) return name.text;
    const given = (name.given || []).join(' ');
    const full = DemoI18n.language === 'ja' ? (name.family || '') + ' ' + given : given + ' ' + (name.family || '');
    return full.trim() || patient.id;
  }

  async function loadPatients() {
    const list = document.getElementById('patients');
    const message = document.getElementById('patients-message');
    const answer = await call('GET', PATIENT_LIST, undefined, 'application/fhir+json');
    if (!answer.ok) { message.textContent = errorText(answer); message.hidden = false; list.dataset.state = 'error'; return; }
    const patients = (answer.json.entry || []).map(entry => entry.resource);
    list.replaceChildren(...patients.map(patient => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.patient = patient.id;
      button.textContent = patientName(patient);
      button.title = 'Patient/' + patient.id;
      button.classList.toggle('selected', patient.id === state.patientId);
      button.addEventListener('click', () => selectPatient(patient));
      if (patient.id === state.patientId) document.getElementById('patient-name').textContent = patientName(patient);
      li.append(button, Object.assign(document.createElement('small'), { textContent: ' ' + patient.id }));
      return li;
    }));
    message.hidden = patients.length > 0;
    if (!patients.length) {
      message.replaceChildren(t('noPatients'), Object.assign(document.createElement('code'), {
        textContent: "curl -X POST -H 'Content-Type: application/fhir+json' --data-binary @examples/demo/demo-bundle.json "
          + location.origin + '/fhir' }));
    }
    list.dataset.state = 'ready';
  }

  function selectPatient(patient) {
    state.patientId = patient.id;
    state.draft = newDraft(patient.id);
    status('');
    document.getElementById('patient-name').textContent = patientName(patient);
    document.querySelectorAll('#patients button').forEach(b => b.classList.toggle('selected', b.dataset.patient === patient.id));
    fillForm();
    refreshAll();
  }

  // ---- the draft order ----

  function newDraft(patientId) {
    return {
      resourceType: 'MedicationRequest', id: DRAFT_ID, status: 'draft', intent: 'order',
      subject: { reference: 'Patient/' + patientId },
      medicationReference: { reference: 'Medication/' + patientId + '-lot' },
      requester: { reference: USER },
      dosageInstruction: [{
        extension: [{ url: DILUTION_EXTENSION, valueDecimal: Number(field('dilution')) }],
        route: { coding: [INTRAVENOUS] },
        doseAndRate: [{
          doseQuantity: { value: Math.round(Number(field('dose')) * CELLS_PER_UNIT), system: UCUM, code: '{cells}' },
          rateQuantity: { value: Number(field('rate')), system: UCUM, code: 'mL/min' }
        }]
      }]
    };
  }

  function field(id) {
    return document.getElementById(id).value;
  }

  function dosage() {
    const instruction = state.draft.dosageInstruction = state.draft.dosageInstruction || [{}];
    return instruction[0];
  }

  function doseAndRate() {
    const d = dosage();
    d.doseAndRate = d.doseAndRate || [{}];
    return d.doseAndRate[0];
  }

  function dilutionExtension() {
    const d = dosage();
    d.extension = d.extension || [];
    let ext = d.extension.find(e => e.url === DILUTION_EXTENSION);
    if (!ext) { ext = { url: DILUTION_EXTENSION }; d.extension.push(ext); }
    return ext;
  }

  /** The form's values into the draft (the draft keeps everything else an accepted suggestion put there). */
  function readForm() {
    const dr = doseAndRate();
    dr.doseQuantity = Object.assign(dr.doseQuantity || {}, { value: Math.round(Number(field('dose')) * CELLS_PER_UNIT), system: UCUM, code: '{cells}' });
    dr.rateQuantity = Object.assign(dr.rateQuantity || {}, { value: Number(field('rate')), system: UCUM, code: 'mL/min' });
    dilutionExtension().valueDecimal = Number(field('dilution'));
    showDraft();
  }

  /** The draft's values into the form (after a suggestion replaced the draft). */
  function fillForm() {
    const dr = doseAndRate();
    if (dr.doseQuantity && dr.doseQuantity.value !== undefined) {
      document.getElementById('dose').value = String(Number((dr.doseQuantity.value / CELLS_PER_UNIT).toFixed(4)));
    }
    if (dr.rateQuantity && dr.rateQuantity.value !== undefined) document.getElementById('rate').value = String(dr.rateQuantity.value);
    const dilution = dilutionExtension().valueDecimal;
    if (dilution !== undefined) document.getElementById('dilution').value = String(dilution);
    showDraft();
  }

  function showDraft() {
    document.getElementById('draft-json').textContent = JSON.stringify(state.draft, null, 2);
  }

  // ---- hooks ----

  const SERVICES = {
    'patient-view': { id: 'stemirac-patient-view', container: 'patient-view-cards' },
    'order-select': { id: 'stemirac-order-select', container: 'order-select-cards' },
    'order-sign': { id: 'stemirac-order-sign', container: 'order-sign-cards' }
  };

  function hookContext(hook) {
    const context = { userId: USER, patientId: state.patientId };
    if (hook === 'patient-view') return context;
    context.draftOrders = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: state.draft }] };
    if (hook === 'order-select') context.selections = ['MedicationRequest/' + state.draft.id];
    return context;
  }

  /** Calls one hook and shows its cards; an answer overtaken by a later call of the same hook is dropped. */
  async function runHook(hook) {
    if (!state.patientId) return;
    const service = SERVICES[hook];
    const container = document.getElementById(service.container);
    const sequence = (state.calls[hook] || 0) + 1;
    state.calls[hook] = sequence;
    container.dataset.state = 'loading';
    const answer = await call('POST', '/cds-services/' + service.id,
      { hook, hookInstance: uuid(), context: hookContext(hook) });
    if (state.calls[hook] !== sequence) return;
    if (!answer.ok) { DemoCards.showError(container, errorText(answer)); return; }
    DemoCards.show(container, answer.json.cards || [], handlers(service.id));
  }

  function refreshOrderHooks() {
    if (!state.draft) return Promise.resolve();
    return Promise.all([runHook('order-select'), runHook('order-sign')]);
  }

  function refreshAll() {
    return Promise.all([runHook('patient-view'), refreshOrderHooks()]);
  }

  function onEdit() {
    if (!state.draft) return;
    readForm();
    ['order-select-cards', 'order-sign-cards'].forEach(id => { document.getElementById(id).dataset.state = 'loading'; });
    clearTimeout(state.editTimer);
    state.editTimer = setTimeout(refreshOrderHooks, EDIT_DELAY_MS);
  }

  // ---- feedback (CDS Hooks 2.0 § Feedback) ----

  async function sendFeedback(serviceId, item) {
    item.outcomeTimestamp = new Date().toISOString();
    return call('POST', '/cds-services/' + serviceId + '/feedback', { feedback: [item] });
  }

  function handlers(serviceId) {
    return {
      accept: (card, suggestion) => acceptSuggestion(serviceId, card, suggestion),
      override: (card, reason, comment) => overrideCard(serviceId, card, reason, comment),
      launchSmart
    };
  }

  /** Carries out the suggestion's actions: an update of the draft replaces it; a create is written to /fhir. */
  async function acceptSuggestion(serviceId, card, suggestion) {
    let draftChanged = false;
    for (const action of suggestion.actions || []) {
      const resource = action.resource;
      if (action.type === 'update' && resource && resource.resourceType === 'MedicationRequest' && resource.id === state.draft.id) {
        state.draft = JSON.parse(JSON.stringify(resource));
        draftChanged = true;
      } else if (action.type === 'create' && resource) {
        const created = await call('POST', '/fhir/' + resource.resourceType, resource, 'application/fhir+json');
        if (!created.ok) { status(errorText(created), true); return; }
        status(t('created') + ': ' + resource.resourceType + '/' + created.json.id);
      }
    }
    const feedback = await sendFeedback(serviceId,
      { card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion.uuid }] });
    if (!feedback.ok) { status(errorText(feedback), true); return; }
    if (draftChanged) {
      fillForm();
      status(t('acceptedDraft'));
      await refreshOrderHooks();
    } else {
      DemoCards.markFeedback(card.uuid, t('accepted'));
    }
  }

  async function overrideCard(serviceId, card, reason, comment) {
    const overrideReason = {};
    if (reason) overrideReason.reason = { system: reason.system, code: reason.code, display: reason.display };
    if (comment) overrideReason.userComment = comment;
    const item = { card: card.uuid, outcome: 'overridden' };
    if (reason || comment) item.overrideReason = overrideReason;
    const answer = await sendFeedback(serviceId, item);
    if (!answer.ok) { DemoCards.markFeedback(card.uuid, errorText(answer), true); return; }
    DemoCards.markFeedback(card.uuid, t('overrideSent') + (reason ? ': ' + (reason.display || reason.code) : ''));
    document.querySelectorAll('.card[data-uuid="' + CSS.escape(card.uuid) + '"]').forEach(el => el.classList.add('overridden'));
  }

  // ---- SMART links (SMART App Launch 2.0 § EHR launch: the EHR registers the launch, then opens the app) ----

  async function launchSmart(link) {
    // Opened now, while the click still counts as a user gesture, so that no pop-up blocker stops it.
    const appWindow = window.open('about:blank', 'smart-app');
    const answer = await call('POST', '/smart/launches',
      { patient: state.patientId, appContext: link.appContext === undefined ? null : link.appContext });
    if (answer.status !== 201 || !answer.json || !answer.json.launch) {
      if (appWindow) appWindow.close();
      status(t('smartLaunchFailed') + ': ' + errorText(answer), true);
      return;
    }
    const url = new URL(link.url, location.href);
    url.searchParams.set('iss', new URL('/fhir', location.href).href);
    url.searchParams.set('launch', answer.json.launch);
    if (appWindow) appWindow.location.href = url.href; else window.open(url.href, 'smart-app');
  }

  // ---- outcomes ----

  async function loadOutcomes() {
    const answer = await call('GET', '/fhir/$stemirac-outcomes?_format=text/csv', undefined, 'text/csv');
    if (answer.ok && answer.type.startsWith('text/csv')) DemoOutcomes.show(answer.text);
    else DemoOutcomes.showMissing();
  }

  // ---- language ----

  function setLanguage(language) {
    DemoI18n.language = language;
    document.getElementById('lang').value = DemoI18n.language;
    const url = new URL(location.href);
    url.searchParams.set('lang', DemoI18n.language);
    history.replaceState(null, '', url);
    DemoI18n.apply(document);
  }

  async function start() {
    setLanguage(new URL(location.href).searchParams.get('lang') || 'ja');
    document.getElementById('lang').addEventListener('change', async event => {
      setLanguage(event.target.value);
      status(state.patientId ? '' : t('pickPatient'));
      await Promise.all([loadPatients(), loadOutcomes(), refreshAll()]);
    });
    ['dose', 'rate', 'dilution'].forEach(id => document.getElementById(id).addEventListener('input', onEdit));
    document.getElementById('order').addEventListener('submit', event => event.preventDefault());
    status(t('pickPatient'));
    await Promise.all([loadPatients(), loadOutcomes()]);
  }

  window.StemiracDemo = { showOutcomes: csv => DemoOutcomes.show(csv) };
  start();
})();
