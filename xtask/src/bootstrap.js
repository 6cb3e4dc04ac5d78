// The page's only module script, written into its <head> by `cargo xtask wasm`
// (xtask/src/loader.rs fills in each placeholder in capitals between double underscores with a
// string literal, but the islands' props' two and the cards' details' two, which only the
// profile's part of the build knows: xtask/src/islands.rs, xtask/src/details_page.rs). A
// release has it minified by terser, which drops these comments; the policy's hash of it is
// taken from the page as built (headers.rs). Kept small: it is bytes of the first response,
// which must fit the first round trip (issue 24); the loader (loader.js) is a file of its own,
// fetched after the first paint.

// The app's bytes wait for the page's largest paint: the whole document parsed (`load`: the
// page has no images, so that is when its last text is in), the first contentful paint
// reported, and one frame more, in which the text parsed last is painted. A frame callback
// alone came too early: Lighthouse still saw the requests before the paint, and counted them
// in its largest contentful paint (issue 24: 930 against a first paint of 860 ms). A second
// at the latest, for a tab in the background or a browser without paint timing.
await new Promise((go) => {
  setTimeout(go, 1000);
  const loaded = document.readyState === 'complete'
    ? Promise.resolve()
    : new Promise((done) => addEventListener('load', done, { once: true }));
  const painted = new Promise((done) => {
    try {
      new PerformanceObserver((list, observer) => {
        observer.disconnect();
        done();
      }).observe({ type: 'paint', buffered: true });
    } catch {
      done();
    }
  });
  Promise.all([loaded, painted]).then(() => requestAnimationFrame(() => setTimeout(go)));
});

// The CSS the first paint does without (style/later.css: print, and what only the app shows),
// first of all that comes after the paint: requested before the app's files, it is there
// before anything it styles. Checked against its SHA-256, same-origin (no `crossorigin`).
{
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.integrity = __LATER_CSS_INTEGRITY__;
  link.href = __LATER_CSS__;
  document.head.append(link);
}

// When the loader, the glue, the wasm, the islands' props or the cards' details cannot be
// loaded or started (a network error, a refused integrity check, a browser without
// WebAssembly), the page says so and stops there: the prerendered page stays a readable
// document. Said here because engines differ in what they report of a failed module script:
// WebKit reports nothing. Nothing will answer the taps the page's first script held
// (index.html): they stop looking busy, and no more are held.
const stop = (e) => {
  console.error('The app did not start; the page stays as it was built:', e);
  for (const tap of globalThis.held?.taps ?? []) tap.removeAttribute('aria-busy');
  globalThis.held = null;
  return new Promise(() => {});
};

// Everything the app needs is asked for at once, each checked against its SHA-256 (the import
// map's `integrity` for the modules, `fetch(…, { integrity })`): the loader (one round trip
// more if it fetched the rest itself), the glue, the wasm, and the islands' props and the
// cards' details, which the build moved out of the page (neither on a page Trunk built alone,
// with no islands). Their failures are the loader's to say once it runs, so none is reported
// as unhandled before.
const glue = import(__GLUE__);
const wasm = fetch(__WASM__, { integrity: __WASM_INTEGRITY__ });
const built = document.querySelector('leptos-island');
const props = built && fetch(__ISLANDS__, { integrity: __ISLANDS_INTEGRITY__ });
const details = built && fetch(__DETAILS__, { integrity: __DETAILS_INTEGRITY__ });
for (const asked of [glue, wasm, props, details]) asked?.catch(() => {});
import(__LOADER__).then(
  (loader) => loader.default({ glue, wasm, props, details, stop }),
  stop,
);
