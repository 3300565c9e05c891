// The SMART App Launch 2.x EHR launch, by hand: the SMART JS client (fhirclient) is not served by the Maven
// repository this project builds from (docs/decisions.md, "Issue 11: SMART app"). Kept to the protocol's steps:
// discovery, PKCE (S256), authorize, token; then FHIR reads with the token.
'use strict';

const SMART_SCOPES = 'launch launch/patient patient/*.rs openid fhirUser';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function pkceChallenge(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

async function readJson(response, what) {
  const body = await response.text();
  let json = null;
  try { json = JSON.parse(body); } catch (ignored) { /* shown below */ }
  if (!response.ok) {
    const text = json && (json.error_description || json.error
      || (json.issue && json.issue[0] && json.issue[0].diagnostics)) || response.status;
    throw new Error(what + ': ' + text);
  }
  return json;
}

/** launch.html: discovery, then off to the authorization endpoint with the launch and a PKCE challenge. */
async function smartAuthorize() {
  const params = new URLSearchParams(location.search);
  const iss = params.get('iss');
  const launch = params.get('launch');
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (!iss || !launch || !clientId || !redirectUri) {
    throw new Error('起動コンテキストがありません / no launch context (iss, launch): open the app from the EHR');
  }
  const conf = await readJson(await fetch(iss.replace(/\/$/, '') + '/.well-known/smart-configuration'), 'smart-configuration');
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem('smart-' + state, JSON.stringify({
    iss, clientId, redirectUri, verifier, tokenEndpoint: conf.token_endpoint }));
  const authorize = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: SMART_SCOPES, state,
    aud: iss, launch, code_challenge: await pkceChallenge(verifier), code_challenge_method: 'S256' });
  location.assign(conf.authorization_endpoint + '?' + authorize.toString());
}

/** app.html: the code for a token (with the PKCE verifier); returns {iss, token, patient, scope}. */
async function smartToken() {
  const params = new URLSearchParams(location.search);
  if (params.get('error')) throw new Error(params.get('error') + ': ' + (params.get('error_description') || ''));
  const saved = JSON.parse(sessionStorage.getItem('smart-' + params.get('state')) || 'null');
  if (!saved || !params.get('code')) throw new Error('起動コンテキストがありません / no launch context: open the app from the EHR');
  sessionStorage.removeItem('smart-' + params.get('state'));
  // The code is single-use; keep it out of the history and of any Referer the page sends from now on.
  history.replaceState(null, '', location.pathname);
  const response = await fetch(saved.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: saved.redirectUri,
      client_id: saved.clientId, code_verifier: saved.verifier }) });
  const token = await readJson(response, 'token');
  if (!token.patient) throw new Error('患者コンテキストがありません / the token carries no patient');
  return { iss: saved.iss.replace(/\/$/, ''), token: token.access_token, patient: token.patient, scope: token.scope };
}

async function fhirGet(session, path) {
  const response = await fetch(session.iss + '/' + path, {
    headers: { Authorization: 'Bearer ' + session.token, Accept: 'application/fhir+json' } });
  return readJson(response, path);
}
