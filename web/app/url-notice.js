// The note under the header that says which settings of the page's link were
// not used, each by name, the value given and what is allowed (the notices of
// state.js's parseState). Text only; redrawn in the current language.
import { el } from './dom.js';
import { t } from './i18n/i18n.js';
import { formatSetting, settingFor } from './state.js';
import { allowedText, shownValue } from './setting-text.js';

const SHOWN = 8;        // notices listed; the rest are counted

/** One notice as a sentence. */
export function noticeText(notice, ctx) {
  const { key, value, reason } = notice;
  if (reason === 'unknown') return t('url.unknown', { key: shownValue(key) });
  if (reason === 'repeated') return t('url.repeated', { key, count: notice.count, value: shownValue(value) });
  if (reason === 'layers') return t('url.layers', { value: shownValue(value), layers: notice.layers });
  const setting = settingFor(key);
  return t('url.invalid', { key, value: shownValue(value), allowed: allowedText(setting, ctx), def: shownValue(formatSetting(key, setting.def)) });
}

/** Fills `box` with the notices (hidden when there are none); its button hides it. */
export function renderUrlNotices(box, notices, ctx) {
  box.hidden = notices.length === 0 || box.dataset.dismissed === 'true';
  if (notices.length === 0) return;
  const items = notices.slice(0, SHOWN).map((n) => el('li', { dataset: { key: shownValue(n.key), reason: n.reason } }, noticeText(n, ctx)));
  if (notices.length > SHOWN) items.push(el('li', {}, t('url.more', { count: notices.length - SHOWN })));
  box.replaceChildren(
    el('div', { class: 'url-notices' }, el('strong', {}, t('url.title')), el('ul', {}, ...items)),
    el('button', { type: 'button', on: { click: () => { box.dataset.dismissed = 'true'; box.hidden = true; } } }, t('url.dismiss')));
}
