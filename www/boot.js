// Loads the WebAssembly module and mounts snowcard into <main id="snowcard">.
// A separate file (no inline script) so a strict Content Security Policy can hold.
import init, { start } from '../pkg/snowcard.js';

const root = document.getElementById('snowcard');
try {
  await init();
  start(root, undefined);
} catch (error) {
  root.textContent = 'snowcard could not start: ' + error;
  throw error;
}
