// The lifetime of a C++ object owned from JS (a network, a GCN model): the
// Embind handle, the "deleted" state, checked calls, delete() and `using`.
// A FinalizationRegistry frees objects that were forgotten — a safety net
// only: the wasm heap never shrinks, so call delete() (or `using`) when done.
import { checked } from './module-call.js';

const finalizer = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => { if (!handle.isDeleted()) handle.delete(); })
  : null;

export class WasmObject {
  #handle;
  #module;
  #deletedMessage;

  /**
   * @param {object} module the Embind module
   * @param {object} handle the bound C++ object
   * @param {string} deletedMessage the Error message for use after delete()
   */
  constructor(module, handle, deletedMessage) {
    this.#module = module;
    this.#handle = handle;
    this.#deletedMessage = deletedMessage;
    finalizer?.register(this, handle, this);
  }

  /** @protected The live handle; throws after delete(). */
  live() {
    if (!this.#handle) throw new Error(this.#deletedMessage);
    return this.#handle;
  }

  /** @protected A bound call's result, or its recorded error thrown as a JS error. */
  checkedResult(result) {
    return checked(this.#module, result);
  }

  /** Frees the C++ object. Further calls throw. Safe to call twice. */
  delete() {
    if (!this.#handle) return;
    finalizer?.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }

  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.delete();
  }
}
