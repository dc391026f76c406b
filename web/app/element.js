// <activation-lab experiment="saturation|dying-relu" lang="en|zh-CN" speed="slow|normal|fast|max" autoplay>
// A custom element wrapping the experiment widget in a shadow root.
//   methods: start(), pause(), reset()
//   events:  'alab-ready', 'alab-state', 'alab-progress' (detail = the message, as embed.html posts it)
// The language is page-wide (the last lang attribute set wins).
import widgetCss from './embed/widget.css?inline';
import { getLanguage, setLanguage } from './i18n/i18n.js';
import { SPEEDS } from './state.js';
import { ExperimentWidget, settingNotice } from './embed/widget.js';

// Importable where there is no DOM (server-side rendering, Node): the class
// then extends a stand-in and defineActivationLab() does nothing.
const Base = globalThis.HTMLElement ?? class {};

export class ActivationLabElement extends Base {
  static observedAttributes = ['experiment', 'lang', 'speed'];

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.widget?.destroy();
    this.widget = null;
  }

  attributeChangedCallback() {
    if (this.isConnected && this.widget) this.#mount();
  }

  #mount() {
    this.widget?.destroy();
    const lang = this.getAttribute('lang');
    if (lang === 'en' || lang === 'zh-CN') setLanguage(lang, { querySelectorAll: () => [] });
    const speed = SPEEDS.includes(this.getAttribute('speed')) ? this.getAttribute('speed') : 'normal';
    // attributes given but not usable are said so in the widget (by name, value and what is allowed)
    const notices = [];
    if (lang !== null && lang !== 'en' && lang !== 'zh-CN') notices.push(settingNotice('lang', lang, ['en', 'zh-CN'], getLanguage()));
    if (this.hasAttribute('speed') && speed !== this.getAttribute('speed')) notices.push(settingNotice('speed', this.getAttribute('speed'), SPEEDS, speed));
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    adoptStyles(shadow);
    this.widget = new ExperimentWidget(shadow, {
      experiment: this.getAttribute('experiment') ?? '',
      speed,
      onEvent: (msg) => this.dispatchEvent(new CustomEvent(`alab-${msg.type}`, { detail: { source: 'activation-lab', ...msg } })),
      linkBase: safeLinkBase(this.getAttribute('href')),
      notices,
    });
    if (this.hasAttribute('autoplay') && this.widget.controller) this.widget.start();   // no controller: unknown experiment
  }

  start() { this.widget?.controller && this.widget.start(); }
  pause() { this.widget?.controller && this.widget.pause(); }
  reset() { this.widget?.controller && this.widget.reset(); }
}

// The `href` attribute (where "Open in Activation Lab" points) as an absolute
// http(s) URL; anything else (javascript:, data:, unparsable) gives no link.
function safeLinkBase(raw) {
  if (raw === null) return undefined;
  try {
    const url = new URL(raw, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// One constructed style sheet shared by every instance. A constructed sheet is
// not an inline <style>, so a host page with a strict CSP (style-src 'self',
// no 'unsafe-inline') keeps its policy; browsers without constructable sheets
// get a <style> element instead (which such a policy would block).
const CSS = `:host { display: block; } ${widgetCss}`;
let sheet = null;
function adoptStyles(shadow) {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    shadow.append(style);
  }
}

/** Registers the element (once) under `name`; without a DOM (Node, SSR) it does nothing. */
export function defineActivationLab(name = 'activation-lab') {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(name)) customElements.define(name, ActivationLabElement);
}
