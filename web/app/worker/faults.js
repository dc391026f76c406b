// Test and dev builds only: real failures of this worker on request, so the
// browser tests can check that the page notices each one (worker-client.js)
// and recovers. training-worker.js imports this file behind
// `import.meta.env.MODE === 'test' || import.meta.env.DEV`, so a production
// build (`npm run build:site`) contains neither the file nor the message.
//   'throw'        an uncaught exception inside the worker (→ the page's onerror)
//   'uncloneable'  a reply that cannot be cloned (postMessage throws DataCloneError)
//   'hang'         a busy loop: no pong until the ping timeout
//   'close'        the worker closes itself: it just stops answering

export function testFault(kind, post) {
  switch (kind) {
    case 'throw':
      setTimeout(() => { throw new Error('test fault: an uncaught exception in the worker'); }, 0);
      break;
    case 'uncloneable':
      // a function cannot be structured-cloned: the worker's own post() sees the DataCloneError
      setTimeout(() => post('mlp', -1, 'reports', { reports: { main: [{ step: 0, trainLoss: () => 0 }] } }), 0);
      break;
    case 'hang':
      setTimeout(() => { for (;;) { /* spin until terminated */ } }, 0);
      break;
    case 'close':
      setTimeout(() => self.close(), 0);
      break;
    default:
      throw new RangeError(`test fault kind must be one of throw, uncloneable, hang, close; got ${JSON.stringify(kind)}`);
  }
}
