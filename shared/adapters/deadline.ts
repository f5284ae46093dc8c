/**
 * An abort signal for a provider call's deadline that tolerates a stalled event loop.
 *
 * Node runs due timers before it reads sockets, so after a pause of the process (a long GC, a busy
 * machine) a plain `AbortSignal.timeout` fires before the answer already waiting in the socket is
 * read, and a publish SNS accepted in time looks ambiguous (and is published again, D6). Here the
 * abort waits for two more turns of the event loop, so whatever arrived is read first; only an
 * answer that truly has not come aborts.
 */
export function deadlineSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    setImmediate(() =>
      setImmediate(() => controller.abort(new DOMException('The provider call timed out', 'TimeoutError'))),
    );
  }, ms);
  // The timer must not keep a finished process alive.
  timer.unref?.();
  return controller.signal;
}
