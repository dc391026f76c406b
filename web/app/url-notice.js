// The note under the header that says which settings of the page's link were
// not used, each by name, the value given and what is allowed (the notices of
// state.js's parseState). Text only; redrawn in the current language.
import { el } from './dom.js';
import { t } from './i18n/i18n.js';
import { allowed, formatSetting, settingFor } from './state.js';

const SHOWN = 8;        // notices listed; the rest are counted
const VALUE_CHARS = 40; // a longer value (or key) is cut, with an ellipsis

const clip = (s) => {
  const text = String(s ?? '');
  if (text === '') return t('url.empty');
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
};

/** What a setting row allows, in words. */
export function allowedText(setting, ctx) {
  const { min, max, minLength, maxLength } = setting;
  switch (setting.type) {
    case 'enum': return t('url.allowed.enum', { values: allowed(setting, ctx).join(', ') });
    case 'int': return t('url.allowed.int', { min, max });
    case 'num': return t(setting.def === null ? 'url.allowed.numOrEmpty' : 'url.allowed.num', { min, max });
    case 'intlist': return t('url.allowed.intlist', { minLength, maxLength, min, max });
    case 'enumlist': return t('url.allowed.enumlist', { minLength, maxLength, values: allowed(setting, ctx).join(', ') });
    case 'runs': return t('url.allowed.runs', { minLength, maxLength, acts: ctx.activations.join(', '), inits: allowed({ values: 'init' }, ctx).join(', ') });
    default: return '';
  }
}

/** One notice as a sentence. */
export function noticeText(notice, ctx) {
  const { key, value, reason } = notice;
  if (reason === 'unknown') return t('url.unknown', { key: clip(key) });
  if (reason === 'repeated') return t('url.repeated', { key, count: notice.count, value: clip(value) });
  if (reason === 'layers') return t('url.layers', { value: clip(value), layers: notice.layers });
  const setting = settingFor(key);
  return t('url.invalid', { key, value: clip(value), allowed: allowedText(setting, ctx), def: clip(formatSetting(key, setting.def)) });
}

/** Fills `box` with the notices (hidden when there are none); its button hides it. */
export function renderUrlNotices(box, notices, ctx) {
  box.hidden = notices.length === 0 || box.dataset.dismissed === 'true';
  if (notices.length === 0) return;
  const items = notices.slice(0, SHOWN).map((n) => el('li', { dataset: { key: clip(n.key), reason: n.reason } }, noticeText(n, ctx)));
  if (notices.length > SHOWN) items.push(el('li', {}, t('url.more', { count: notices.length - SHOWN })));
  box.replaceChildren(
    el('div', { class: 'url-notices' }, el('strong', {}, t('url.title')), el('ul', {}, ...items)),
    el('button', { type: 'button', on: { click: () => { box.dataset.dismissed = 'true'; box.hidden = true; } } }, t('url.dismiss')));
}
