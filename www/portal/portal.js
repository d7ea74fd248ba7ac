// The demo portal's own script (a file, no inline script, so its strict CSP holds). It
// embeds snowcard twice: the <snowcard-app> element in the sidebar, and mount() in the
// main column, whose handle the portal's own "Send to ServiceNow" buttons drive.
import init, { mount } from '../../pkg/snowcard.js';

// The portal's own improvement actions, as Microsoft Graph returns them
// (GET /security/secureScoreControlProfiles).
const ACTIONS = [
  {
    id: 'PWAgePolicyNew',
    title: 'Set the password expiration policy so that passwords never expire',
    controlCategory: 'Identity',
    actionType: 'Config',
    service: 'AzureAD',
    tier: 'Core',
    maxScore: 8,
    rank: 12,
    implementationCost: 'Low',
    userImpact: 'Moderate',
    remediation: 'In the Microsoft 365 admin center, open Settings > Org settings > Security & privacy > Password expiration policy and select "Set passwords to never expire".',
    remediationImpact: 'Users are no longer asked to change their password on a schedule.',
    threats: ['Password Cracking'],
    deprecated: false,
    vendorInformation: { provider: 'SecureScore', providerVersion: null, subProvider: null, vendor: 'Microsoft' },
  },
  {
    id: 'exo_mailtipsenabled',
    title: 'Ensure MailTips are enabled for end users',
    controlCategory: 'Apps',
    actionType: 'Config',
    service: 'EXO',
    tier: 'Defense in Depth',
    maxScore: 2,
    rank: 40,
    implementationCost: 'Low',
    userImpact: 'Low',
    remediation: 'Run Set-OrganizationConfig -MailTipsAllTipsEnabled $true -MailTipsExternalRecipientsTipsEnabled $true in Exchange Online PowerShell.',
    remediationImpact: 'Users see a tip before they send mail to external or large groups of recipients.',
    threats: ['Data Exfiltration'],
    deprecated: false,
    vendorInformation: { provider: 'SecureScore', providerVersion: null, subProvider: null, vendor: 'Microsoft' },
  },
];

const log = document.getElementById('portal-log');

/** Adds a line to the portal's activity log. */
function note(text) {
  const item = document.createElement('li');
  item.textContent = text;
  log.append(item);
}

const params = new URLSearchParams(window.location.search);
const tab = params.get('hostile') === '1' ? 'hostile' : params.get('tab') || 'overview';
for (const link of document.querySelectorAll('.portal-nav a')) {
  if (link.dataset.tab === tab) link.setAttribute('aria-current', 'page');
}
if (params.get('hostile') === '1') {
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = 'hostile.css';
  sheet.addEventListener('load', () => { document.documentElement.dataset.hostile = 'loaded'; });
  document.head.append(sheet);
}

/** Logs what a snowcard component reports, under the name the portal gives it. */
function listen(host, name) {
  host.addEventListener('snowcard-connected', () => note(`${name}: connected`));
  host.addEventListener('snowcard-disconnected', () => note(`${name}: disconnected`));
  host.addEventListener('snowcard-ticket-created', (event) => {
    const { number, sysId, table, link } = event.detail;
    note(`Ticket ${number} created (${table}) from ${name}`);
    const open = document.createElement('a');
    open.href = link;
    open.target = '_blank';
    open.rel = 'noopener';
    open.dataset.sysId = sysId;
    open.textContent = `Open ${number} in ServiceNow`;
    log.lastElementChild.append(' ', open);
  });
}

try {
  // Where the instance is and which client ids are registered for this page.
  const response = await fetch('portal.json');
  if (!response.ok) throw new Error(`portal.json: HTTP ${response.status}`);
  const config = await response.json();

  const element = document.getElementById('snowcard-element');
  element.setAttribute('instance', config.instance);
  element.setAttribute('client-id', config.elementClientId);
  // `"tokenStorage": "memory"` in portal.json keeps both components' tokens in memory only.
  // It is the portal's configuration, not its address: the sign-in comes back to the bare
  // redirect URL, and the component that takes the answer must already be in that mode.
  const tokenStorage = config.tokenStorage;
  if (tokenStorage) element.setAttribute('token-storage', tokenStorage);
  listen(element, 'ServiceNow widget');

  await init(); // also defines <snowcard-app>, which upgrades the element above

  const panel = document.getElementById('snowcard-panel');
  listen(panel, 'Service desk panel');
  const handle = mount(panel, {
    instance: config.instance,
    clientId: config.mountedClientId,
    requestedBy: 'portal.user@contoso.com',
    catalogUrl: '../catalog/secure-score-actions.json',
    // `?routing=query` (or `hash`) keeps the panel's view in the portal's address.
    routing: params.get('routing') || undefined,
    tokenStorage: tokenStorage || undefined,
  });

  const list = document.getElementById('portal-actions');
  for (const action of ACTIONS) {
    const item = document.createElement('li');
    const title = document.createElement('h2');
    title.textContent = action.title;
    const send = document.createElement('button');
    send.type = 'button';
    send.textContent = 'Send to ServiceNow';
    send.addEventListener('click', () => {
      handle.share(action);
      panel.scrollIntoView({ block: 'start' });
    });
    item.append(title, send);
    list.append(item);
  }
  document.documentElement.dataset.portal = 'ready';
} catch (error) {
  note(`snowcard could not start: ${error}`);
  throw error;
}
