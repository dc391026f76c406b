// The JS half of the error boundary (see cpp/bindings/adapters.h): a bound
// call that failed returns a sentinel (undefined, '', false or null) and
// leaves its error in the module; this turns it into a thrown JS error.

const ERROR_TYPES = { TypeError, RangeError, Error };

/** Returns `result`, or throws the module's recorded error if `result` is a failure sentinel. */
export function checked(module, result) {
  if (result !== undefined && result !== '' && result !== false && result !== null) return result;
  const recorded = module.takeError();
  if (!recorded) return result;
  const ErrorType = ERROR_TYPES[recorded.type] ?? Error;
  throw new ErrorType(recorded.message);
}
