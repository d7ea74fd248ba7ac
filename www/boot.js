// Loads the WebAssembly module and mounts snowcard into <main id="snowcard">.
// A separate file (no inline script) so a strict Content Security Policy can hold.
// `data-instance` and `data-client-id` on that element (written by
// `cargo xtask serve --instance … --client-id …`) fill in the setup page; the `data-*`
// settings `cargo xtask build` writes are passed on as `start()` options.
import init, { start } from '../pkg/snowcard.js';

const root = document.getElementById('snowcard');
const options = {};
if (root.dataset.instance) options.instance = root.dataset.instance;
if (root.dataset.clientId) options.clientId = root.dataset.clientId;
if (root.dataset.tokenStorage) options.tokenStorage = root.dataset.tokenStorage;
// Written by `cargo xtask build`: the instances this page may connect to, and a token URL or
// Microsoft cloud on another origin that this page trusts (settings of the build, never
// typed in).
if (root.dataset.allowedInstances) options.allowedInstances = root.dataset.allowedInstances;
if (root.dataset.tokenUrl) options.tokenUrl = root.dataset.tokenUrl;
if (root.dataset.microsoftAuthority) options.microsoftAuthority = root.dataset.microsoftAuthority;
if (root.dataset.microsoftGraph) options.microsoftGraph = root.dataset.microsoftGraph;
try {
  await init();
  start(root, Object.keys(options).length > 0 ? options : undefined);
} catch (error) {
  root.textContent = 'snowcard could not start: ' + error;
  throw error;
}
