// Loads the WebAssembly module and mounts snowcard into <main id="snowcard">.
// A separate file (no inline script) so a strict Content Security Policy can hold.
// `data-instance` and `data-client-id` on that element (written by
// `cargo xtask serve --instance … --client-id …`) fill in the setup page;
// `data-token-storage="memory"` (written by `cargo xtask build --token-storage memory`)
// keeps the tokens in memory only.
import init, { start } from '../pkg/snowcard.js';

const root = document.getElementById('snowcard');
const options = {};
if (root.dataset.instance) options.instance = root.dataset.instance;
if (root.dataset.clientId) options.clientId = root.dataset.clientId;
if (root.dataset.tokenStorage) options.tokenStorage = root.dataset.tokenStorage;
try {
  await init();
  start(root, Object.keys(options).length > 0 ? options : undefined);
} catch (error) {
  root.textContent = 'snowcard could not start: ' + error;
  throw error;
}
