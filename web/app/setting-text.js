// What a setting allows, and a value as shown back to the learner, in words:
// shared by the link notice (url-notice.js) and the form controls (controls.js).
import { t } from './i18n/i18n.js';
import { allowed } from './state.js';

const VALUE_CHARS = 40; // a longer value (or key) is cut, with an ellipsis

/** A value given by the learner or a link, cut at 40 characters; '(empty)' for ''. */
export function shownValue(s) {
  const text = String(s ?? '');
  if (text === '') return t('url.empty');
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}

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
