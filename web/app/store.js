// The page's settings store: one state object (see state.js), changed only
// through set(), which validates every value as if it came from the URL,
// mirrors the state into the address bar, and tells subscribers which keys
// changed.
import { changedKeys, serializeState, validateSetting } from './state.js';

export class Store {
  /** @param state a parsed state; @param ctx { activations, schema } for validation (see state.js); @param {{ url?: boolean }} options */
  constructor(state, ctx, { url = true } = {}) {
    this.state = state;
    this.ctx = ctx;
    this.url = url;
    this.listeners = [];
  }

  get() {
    return this.state;
  }

  /** Applies a patch; invalid values are dropped and returned in `rejected`. */
  set(patch) {
    const next = { ...this.state };
    const rejected = [];
    for (const [key, value] of Object.entries(patch)) {
      const parsed = validateSetting(key, value, this.ctx);
      if (parsed.ok) next[key] = parsed.value;
      else rejected.push(key);
    }
    if (next.acts.length && next.acts.length !== next.hidden.length) next.acts = [];
    const keys = changedKeys(this.state, next);
    if (keys.length === 0) return { rejected, changed: [] };
    const prev = this.state;
    this.state = next;
    if (this.url) history.replaceState(null, '', `${location.pathname}${serializeState(next)}${location.hash}`);
    for (const fn of this.listeners) fn(next, keys, prev);
    return { rejected, changed: keys };
  }

  subscribe(fn) {
    this.listeners.push(fn);
  }

  /** The shareable address of the current state. */
  link() {
    return `${location.origin}${location.pathname}${serializeState(this.state)}`;
  }
}
