// Put into every page the end-to-end tests serve, before any of the page's own scripts: it
// records what a visitor's console would show as an error, in every engine alike (WebDriver
// has no common way to read a console). The tests read and empty `window.__consoleErrors`.
// Entries survive a reload or navigation within the tab through sessionStorage.
(() => {
  const key = "__consoleErrors";
  const seen = JSON.parse(sessionStorage.getItem(key) || "[]");
  sessionStorage.removeItem(key);
  window[key] = seen;
  addEventListener("pagehide", () => sessionStorage.setItem(key, JSON.stringify(window[key])));
  const text = (value) => {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === "string") return value;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  };
  const error = console.error.bind(console);
  console.error = (...args) => {
    window[key].push(`console.error: ${args.map(text).join(" ")}`);
    error(...args);
  };
  // Capturing: a script, stylesheet or preload that fails (a 404, a refused integrity check)
  // fires "error" on its element, which does not bubble.
  addEventListener(
    "error",
    (event) => {
      const element = event.target;
      if (element instanceof Element) {
        const url = element.src || element.href || "(inline)";
        window[key].push(`${element.localName} failed to load: ${url}`);
      } else {
        window[key].push(`uncaught ${event.message} (${event.filename}:${event.lineno})`);
      }
    },
    true,
  );
  addEventListener("unhandledrejection", (event) => {
    window[key].push(`unhandled rejection: ${text(event.reason)}`);
  });
  document.addEventListener("securitypolicyviolation", (event) => {
    window[key].push(
      `CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || "inline"}`,
    );
  });
})();
