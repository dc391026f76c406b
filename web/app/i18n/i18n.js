// Looks strings up in the current language and applies them to the DOM.
// Elements name their string with data-i18n="key" (text) and
// data-i18n-attr="attr:key;attr:key" (attributes). Values go in as text only.
import { LANGUAGES, STRINGS } from './strings.js';

let language = 'en';
const listeners = new Set();

export { LANGUAGES };

export function getLanguage() {
  return language;
}

/** The string `key` with {name} placeholders filled from `vars`. */
export function t(key, vars) {
  const table = STRINGS[language];
  let s = table[key] ?? STRINGS.en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return s;
}

/** Switches language (ignores unknown codes), re-applies strings and notifies listeners. */
export function setLanguage(code, root = document) {
  if (!LANGUAGES.includes(code)) return;
  language = code;
  if (root.documentElement) root.documentElement.lang = code;
  applyStrings(root);
  for (const fn of listeners) fn(code);
}

/** Calls fn(code) after every language change; returns an unsubscribe function. */
export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Fills every [data-i18n] and [data-i18n-attr] element under root. */
export function applyStrings(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n, readVars(node));
  }
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr, t(key, readVars(node)));
    }
  }
}

// Variables whose value starts with '@' name another string (e.g. a chart title).
function readVars(node) {
  if (!node.dataset.i18nVars) return undefined;
  const vars = JSON.parse(node.dataset.i18nVars);
  for (const [k, v] of Object.entries(vars)) if (typeof v === 'string' && v.startsWith('@')) vars[k] = t(v.slice(1));
  return vars;
}
