// The in-page recorder: what the page itself can observe of its own trouble, kept on
// window.__sessionscopeRecords until the harness drains it. Every engine uses it for Content-Security-Policy
// violations (there is no driver event for them); WebKit, whose WebDriver has no console or network events,
// also uses it for console messages (console.* wrapped), uncaught errors and unhandled rejections; WebKit
// and Firefox (whose BiDi network events leave out file:// pages) for the URLs the page loaded (its own
// address and Resource Timing, which includes what loaded before the recorder).

/* eslint-disable no-undef -- runs in the page */
function installRecorder(recordEverything, recordRequests) {
  if (window.__sessionscopeRecords) return;
  const records = { console: [], errors: [], csp: [], requests: [] };
  window.__sessionscopeRecords = records;
  document.addEventListener('securitypolicyviolation', (event) => {
    records.csp.push({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: event.sourceFile,
      line: event.lineNumber,
    });
  });
  const seen = new Set();
  const note = (entries) => {
    for (const entry of entries) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      records.requests.push(entry.name);
    }
  };
  if (recordRequests) {
    records.requests.push(location.href);
    note(performance.getEntriesByType('resource'));
    new PerformanceObserver((list) => note(list.getEntries())).observe({ type: 'resource', buffered: true });
  }
  if (!recordEverything) return;
  const text = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.stack ?? value);
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };
  for (const [method, type] of [['error', 'error'], ['warn', 'warning'], ['log', 'log'], ['info', 'info'], ['debug', 'debug']]) {
    const original = console[method].bind(console);
    console[method] = (...args) => {
      records.console.push({ type, text: args.map(text).join(' '), location: '' });
      original(...args);
    };
  }
  window.addEventListener('error', (event) => {
    // Resource load failures arrive here too (target is the element), without an `error`.
    if (event.target !== window && event.target?.tagName) return;
    const { error } = event;
    records.errors.push(error ? `${error}${error.stack ? `\n${error.stack}` : ''}` : String(event.message));
  });
  window.addEventListener('unhandledrejection', (event) => records.errors.push(`unhandled rejection: ${text(event.reason)}`));
}

/**
 * Script text that installs the recorder unless it is there already: CSP violations always; requests with
 * `recordRequests`; console messages and errors too with `recordEverything`.
 */
export function recorderScript({ recordEverything = false, recordRequests = recordEverything }) {
  return `(${installRecorder.toString()})(${Boolean(recordEverything)}, ${Boolean(recordRequests)});`;
}

/** Evaluated in the page: hand over what was recorded so far and start afresh. */
export function drainRecords() {
  const records = window.__sessionscopeRecords;
  if (!records) return null;
  const out = JSON.parse(JSON.stringify(records));
  for (const list of Object.values(records)) list.length = 0;
  return out;
}
