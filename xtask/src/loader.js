// The page's loader: the module script that `cargo xtask wasm` writes into the page's <head>
// (xtask/src/loader.rs), which fills in each placeholder in capitals between double
// underscores with a string literal. A release has it minified by terser, which drops these
// comments; the policy's hash of it is taken from the page as built (headers.rs).

// The filter's tags are one tab stop, the arrow keys, Home and End moving inside (a roving tab
// index, as in a toolbar): a keyboard visitor passes 31 tags with one Tab, and comes back to the
// tag last used. Written here, not in the app: built in Rust it cost 1.7 KB of the first load's
// wasm (brotli), which has no room for it; this is a few hundred bytes, and works before the
// app is live. It writes only `tabindex`, which the app never sets; the tags stay its buttons.
const TAGS = '.tag-toggles';
const TAG = 'button.tag-toggle';
// The tags a key can reach: not disabled by the filter, not hidden (a phone's folded tags).
const usable = (list) =>
  [...list.querySelectorAll(TAG)].filter((b) => !b.disabled && b.getClientRects().length);
const rove = (list, stop) => {
  for (const b of list.querySelectorAll(TAG)) b.tabIndex = b === stop ? 0 : -1;
};
// Each list keeps one usable stop: the one it had, else a pressed tag, else the first. Set
// before each Tab (the filter may have disabled the stop, or drawn the list anew), not as the
// page loads: reading which tags are shown lays the whole page out, 85 ms of a phone's main
// thread (4 x CPU) in the middle of its coming alive.
const keepStop = (list) => {
  const tags = usable(list);
  rove(
    list,
    tags.find((b) => b.getAttribute('tabindex') === '0') ??
      tags.find((b) => b.ariaPressed === 'true') ??
      tags[0],
  );
};
addEventListener('focusin', (e) => {
  const list = e.target.closest?.(TAGS);
  if (list && e.target.matches(TAG)) rove(list, e.target);
});
addEventListener('keydown', (e) => {
  if (e.key === 'Tab') {
    document.querySelectorAll(TAGS).forEach(keepStop);
    return;
  }
  const list = e.target.closest?.(TAGS);
  if (!list || e.altKey || e.ctrlKey || e.metaKey) return;
  const tags = usable(list);
  const at = tags.indexOf(e.target);
  const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  const to = e.key === 'Home' ? 0 : e.key === 'End' ? tags.length - 1 : at + (moves[e.key] ?? NaN);
  if (at < 0 || Number.isNaN(to)) return;
  e.preventDefault();
  tags[Math.max(0, Math.min(to, tags.length - 1))].focus();
});

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

// When the glue or the wasm cannot be loaded or started (a network error, a refused integrity
// check, a browser without WebAssembly), the loader says so and stops there: the prerendered
// page stays a readable document. Said by the loader itself because engines differ in what
// they report of a failed module script: WebKit reports nothing.
const stop = (e) => {
  console.error('The app did not start; the page stays as it was built:', e);
  // Nothing will answer the held taps: they stop looking busy, and no more are held.
  letGo().done();
  return new Promise(() => {});
};

// What the page's first script (index.html) held while the app was not live: the taps on
// islands' buttons, each marked busy, and the last text typed into each island's field. Taking
// an island over sets its field to the app's state, so the typed text is put back and told to
// the app as the visitor's input, with the caret where it was; each tap is then played, in
// order, as the click it was.
const letGo = () => {
  const { taps, typed } = globalThis.held ?? { taps: [], typed: new Map() };
  globalThis.held = null;
  return { taps, typed, done: () => taps.forEach((tap) => tap.removeAttribute('aria-busy')) };
};
const play = () => {
  const { taps, typed, done } = letGo();
  done();
  for (const [field, [text, start, end]] of typed) {
    if (!field.isConnected) continue;
    field.value = text;
    if (document.activeElement === field) field.setSelectionRange?.(start, end);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  for (const tap of taps) if (tap.isConnected) tap.click();
};
const bindings = await import(__GLUE__).catch(stop);
const init = bindings.default;
await init({ module_or_path: fetch(__WASM__, { integrity: __WASM_INTEGRITY__ }) }).catch(stop);

// Once the app has fetched the profile (`start`), takes the page's islands over when it shows
// that profile: each `<leptos-island>` is handed to its function, in page order, after the
// `<leptos-children>` it sits in has set the owner of the island around it, as Leptos's own
// island script does. The islands are found by the browser's selector engine: walking the page
// node by node (thousands of drawing elements) took 100 ms on a phone. The browser gets the
// main thread back every 10 ms or so (`scheduler.yield()` where there is one, which resumes
// ahead of other tasks), so a tap during the takeover is answered. Total Blocking Time counts
// each task's time past 50 ms, and Lighthouse's phone runs 4 × slower than the machine it
// measures on: at 30 ms every step counted 70 ms (mobile TBT, median of 5: 57 → 32 ms).
const takeOver = async (root) => {
  let since = performance.now();
  for (const node of root.querySelectorAll('leptos-island')) {
    if (node.closest('[data-on-demand], [data-when-visible]')) continue;
    if (performance.now() - since > 10) {
      await (globalThis.scheduler?.yield?.() ?? new Promise((go) => setTimeout(go)));
      since = performance.now();
    }
    node.parentElement.closest('leptos-children')?.$$on_hydrate?.();
    const island = bindings[node.dataset.component];
    if (island) await island(node);
    else console.warn('No island function for', node.dataset.component);
  }
};

// What sits in a `data-on-demand` element is left for `later`, which the app is handed and
// calls when it is needed; those takeovers go one at a time, because an island whose code is
// still being fetched reads the owner it belongs to only once the code is there.
let queue = Promise.resolve();
const later = (root) => {
  for (const slot of root.querySelectorAll('[data-on-demand]')) {
    slot.removeAttribute('data-on-demand');
    queue = queue.then(() => takeOver(slot));
  }
};

// What sits in a `data-when-visible` element is taken over once that element nears the screen
// (its islands' code is a chunk, which the first load of a visitor who never scrolls there
// does without).
const woken = new WeakMap();
const wake = (slot) => {
  if (!woken.has(slot)) {
    seen.unobserve(slot);
    slot.removeAttribute('data-when-visible');
    queue = queue.then(() => takeOver(slot));
    woken.set(slot, queue.then(() => woken.set(slot, true)));
  }
  return woken.get(slot);
};
const seen = new IntersectionObserver((entries) => {
  for (const entry of entries) if (entry.isIntersecting) wake(entry.target);
}, { rootMargin: '100% 0px' });

if (await bindings.start(later)) {
  await takeOver(document.body);
  bindings.go_live();
  for (const slot of document.querySelectorAll('[data-when-visible]')) {
    seen.observe(slot);
    // A click on one of its islands that comes before the takeover waits for it and is then
    // played again. Only on an island of its own (the whole of `<main>` is one island too): a
    // plain link there (a contact address opening a new tab) is followed at once, with its
    // modifier keys, and is not opened later by script, which a popup blocker may refuse.
    slot.addEventListener('click', (event) => {
      const island = event.target.closest('leptos-island');
      if (woken.get(slot) === true || !slot.contains(island)) return;
      event.preventDefault();
      event.stopPropagation();
      wake(slot).then(() => event.target.click());
    }, { capture: true });
  }
  play();
} else {
  // The app rendered the page itself: the held taps were on markup that is gone.
  letGo().done();
}
