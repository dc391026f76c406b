// <activation-lab experiment="saturation|dying-relu" lang="en|zh-CN" speed="slow|normal|fast|max" autoplay>
// A custom element wrapping the experiment widget in a shadow root.
//   methods: start(), pause(), reset()
//   events:  'alab-ready', 'alab-state', 'alab-progress' (detail = the message, as embed.html posts it)
// The language is page-wide (the last lang attribute set wins).
import widgetCss from './embed/widget.css?inline';
import { setLanguage } from './i18n/i18n.js';
import { SPEEDS } from './state.js';
import { ExperimentWidget } from './embed/widget.js';

export class ActivationLabElement extends HTMLElement {
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
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `:host { display: block; } ${widgetCss}`;
    shadow.replaceChildren(style);
    this.widget = new ExperimentWidget(shadow, {
      experiment: this.getAttribute('experiment') ?? '',
      speed,
      onEvent: (msg) => this.dispatchEvent(new CustomEvent(`alab-${msg.type}`, { detail: { source: 'activation-lab', ...msg } })),
      linkBase: this.getAttribute('href') ?? undefined,
    });
    if (this.hasAttribute('autoplay')) this.widget.start();
  }

  start() { this.widget?.controller && this.widget.start(); }
  pause() { this.widget?.controller && this.widget.pause(); }
  reset() { this.widget?.controller && this.widget.reset(); }
}

/** Registers the element (once) under `name`. */
export function defineActivationLab(name = 'activation-lab') {
  if (!customElements.get(name)) customElements.define(name, ActivationLabElement);
}
