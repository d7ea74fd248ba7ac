// The <snowcard-app> custom element. A custom element class must extend HTMLElement in
// JavaScript, so it lives here, in a module wasm-bindgen copies into pkg/snippets (no inline
// script: a strict Content Security Policy holds). Everything it does is a call into Rust:
// `mount` (given by `register()`) returns the handle that updates and unmounts.

// Attribute → option, for every attribute the element observes.
const ATTRIBUTES = {
  'instance': 'instance',
  'client-id': 'clientId',
  'redirect-uri': 'redirectUri',
  'view': 'view',
  'lang': 'lang',
  'requested-by': 'requestedBy',
  'catalog-url': 'catalogUrl',
  'stylesheet': 'stylesheet',
  'routing': 'routing',
  'token-storage': 'tokenStorage',
  // Narrows where the component connects, so an attribute may set it. What widens where
  // tokens go (tokenUrl, microsoftAuthority, microsoftGraph) is for code only: mount() or
  // update(), never an attribute a CMS or a person could write.
  'allowed-instances': 'allowedInstances',
};

// Defines `tag` once; `false` when something (another copy of snowcard) already has.
export function defineElement(tag, mount) {
  if (customElements.get(tag)) {
    return false;
  }
  class SnowcardApp extends HTMLElement {
    #handle = null;

    static get observedAttributes() {
      return Object.keys(ATTRIBUTES);
    }

    connectedCallback() {
      if (!this.#handle) {
        this.#handle = mount(this, this.#options());
      }
    }

    disconnectedCallback() {
      const handle = this.#handle;
      this.#handle = null;
      if (handle) {
        handle.unmount();
        handle.free();
      }
    }

    attributeChangedCallback(_name, before, after) {
      if (this.#handle && before !== after) {
        this.#handle.update(this.#options());
      }
    }

    // Opens the share form on a Microsoft Graph secureScoreControlProfile object.
    share(action) {
      if (!this.#handle) {
        throw new Error('snowcard: <' + tag + '> is not on the page');
      }
      this.#handle.share(action);
    }

    // Every attribute, absent ones as null (which resets that option).
    #options() {
      const options = {};
      for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
        options[option] = this.getAttribute(attribute);
      }
      return options;
    }
  }
  customElements.define(tag, SnowcardApp);
  return true;
}

// The stylesheet shipped beside the package: this file is
// pkg/snippets/snowcard-<hash>/src/web/embed.js, the CSS is www/snowcard.css beside pkg/.
export function defaultStylesheet() {
  return new URL('../../../../../www/snowcard.css', import.meta.url).href;
}
