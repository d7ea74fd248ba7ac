// Importing this module makes <snowcard-app> work on the page: it loads the WebAssembly
// module beside it, and init() defines the element. A page that only uses the element
// needs one line, and no inline script:
//   <script type="module" src="/assets/snowcard/snowcard-element.js"></script>
import init from './snowcard.js';

await init();
