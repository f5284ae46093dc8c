/// <reference lib="dom" />
/**
 * The console's only script, and only an enhancement: every action is a form post that works
 * without it. It (1) refreshes the delivery board while dispatch runs, backing off, and stops when
 * every delivery has settled; (2) warns before an idle session ends; (3) stops a second click
 * sending a form twice (the server refuses a second approval anyway). It is written here as a
 * function, so `tsc` checks it, and served as its own file: the CSP allows `script-src 'self'`
 * and no inline script.
 */
function consoleEnhancements(): void {
  const board = () => document.getElementById('delivery-board');
  let delay = 1000;
  const refresh = async () => {
    const current = board();
    if (!current || current.dataset.done === 'true') return;
    try {
      const answer = await fetch(current.dataset.boardUrl ?? '', { credentials: 'same-origin' });
      if (answer.ok) {
        const html = await answer.text();
        const next = new DOMParser().parseFromString(html, 'text/html').getElementById('delivery-board');
        if (next) current.replaceWith(document.importNode(next, true));
        delay = Math.min(delay * 1.5, 10_000);
      } else {
        delay = Math.min(delay * 2, 30_000);
      }
    } catch {
      delay = Math.min(delay * 2, 30_000);
    }
    if (board()?.dataset.done !== 'true') setTimeout(refresh, delay);
  };
  if (board()?.dataset.done === 'false') setTimeout(refresh, delay);

  const warning = document.getElementById('session-warning');
  const ends = Date.parse(warning?.dataset.idleEnds ?? '');
  if (warning && !Number.isNaN(ends)) {
    const text = document.getElementById('session-warning-text');
    const tick = () => {
      const left = ends - Date.now();
      if (left <= 0) {
        if (text)
          text.textContent = 'Your session has ended. Sign in again to go on; nothing you did was lost.';
        return;
      }
      if (left <= 5 * 60_000) {
        warning.classList.add('herald-session-warning--due');
        const minutes = Math.max(1, Math.ceil(left / 60_000));
        if (text)
          text.textContent = `Your session ends in ${minutes} minute${minutes === 1 ? '' : 's'} without activity.`;
      }
      setTimeout(tick, 15_000);
    };
    tick();
  }

  document.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement;
    if (form.dataset.submitted === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = 'true';
    // A form that comes back (an error page restored from the cache) may be sent again.
    setTimeout(() => {
      form.dataset.submitted = 'false';
    }, 5000);
  });
}

/** The script as served: the function's source, run as a module. */
// `__name`: when the source runs through tsx (npm start), esbuild's keepNames wraps inner functions
// in a `__name(fn, "name")` call that exists only in the module; this stand-in makes it a no-op.
export const CONSOLE_SCRIPT = `const __name = (fn) => fn;\n(${consoleEnhancements.toString()})();\n`;
