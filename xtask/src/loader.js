// The page's loader: a module of its own (`loader-<hash>.js`, minified by terser in a release,
// its integrity in the page's import map: xtask/src/loader.rs), imported by the page's
// bootstrap (bootstrap.js) once the page has painted, at the same time as the glue, the wasm
// and the islands' props, which it is handed.

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

// The islands' props, which the build took out of the page (xtask/src/islands.rs: the first
// response must fit one round trip) into a file of the props of each `<leptos-island>` in page
// order, `null` for an island without. Each island gets its `data-props` back, where its
// function reads them when it takes the island over (at once, or later for the `data-on-demand`
// and `data-when-visible` ones), so this comes before any takeover. A file that does not match
// the page's islands stops the app as a refused one does.
const giveProps = async (response) => {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  const props = await response.json();
  const islands = document.querySelectorAll('leptos-island');
  if (props.length !== islands.length) {
    throw new Error(`${response.url}: props of ${props.length} islands for ${islands.length}`);
  }
  islands.forEach((island, at) => {
    if (props[at] !== null) island.dataset.props = props[at];
  });
};

// The cards' details and their diagrams' flows, which the build took out of the page
// (xtask/src/details_page.rs: the first response must fit one round trip) into a file of their
// own, each part's markup by the id of its place: `<card>-details` a card's details,
// `<card>-flow` its flow's items. Each goes back where it was, as Leptos wrote it, before any
// island is taken over: a figure's island takes its flow over node by node, and the search
// reads the details' words. A card whose part is missing stops the app as a refused file does.
const putBack = async (response) => {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  const parts = await response.json();
  for (const card of document.querySelectorAll('article.project-card[id]')) {
    for (const [place, part] of [
      [card.querySelector('.details > leptos-children'), `${card.id}-details`],
      [card.querySelector('.diagram-flow'), `${card.id}-flow`],
    ]) {
      if (!place) continue;
      if (typeof parts[part] !== 'string') throw new Error(`${response.url}: no ${part}`);
      place.innerHTML = parts[part];
    }
  }
};

// wasm-bindgen's glue, once imported: the app's `start` and `go_live`, each island's function.
let bindings;

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

// Started by the page's bootstrap (bootstrap.js) with what it asked for after the first paint
// (the glue's import, the wasm's, the props' and the details' responses) and its `stop`, which
// says that the app did not start and leaves the page as built.
export default async ({ glue, wasm, props, details, stop }) => {
  bindings = await glue.catch(stop);
  await Promise.all([
    bindings.default({ module_or_path: wasm }),
    props?.then(giveProps),
    details?.then(putBack),
  ]).catch(stop);
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
};
