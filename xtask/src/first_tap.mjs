// `cargo xtask bench`'s first-tap row (xtask/src/first_tap.rs runs it with node): a visitor on
// a mid-range phone taps a tag the moment the page is painted, long before the app is live.
// Under Lighthouse's mobile throttling, applied here for real through the DevTools protocol
// (its "devtools" throttling: 4x CPU, 562.5 ms request latency, 1.47 Mbps down), each run loads
// the page in a fresh browser context (nothing cached), waits for the first contentful paint,
// taps the first tag toggle, and records when the app went live and when the result count
// changed. Then, the page idle, it taps the next tag and records the time from the tap to the
// frame that shows the new count.
//
// usage: node first_tap.mjs <puppeteer-core module path> <chrome> <url> <runs>
// prints one JSON line: { runs: [{ live, applied, idle }] }, times in ms (null: never).

const [moduleDir, chrome, url, runs] = process.argv.slice(2);
const { default: puppeteer } = await import(`${moduleDir}/lib/esm/puppeteer/puppeteer-core.js`);

// Recorded in the page from before its first byte: when `main[data-live]` appears, when the
// result count's text changes, and the input time of the last tap (its event's timeStamp).
const recorder = () => {
  const t = (window.__tap = { live: null, applied: null, input: null, painted: null });
  let count = null;
  new MutationObserver(() => {
    const main = document.querySelector('main[data-live]');
    if (main && t.live === null) t.live = performance.now();
    const text = document.querySelector('.result-count')?.textContent ?? null;
    if (count === null) count = text;
    else if (text !== count) {
      count = text;
      const now = performance.now();
      if (t.applied === null) t.applied = now;
      requestAnimationFrame(() => (t.painted = performance.now()));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  addEventListener('pointerdown', (e) => (t.input = e.timeStamp), true);
};

const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const results = [];
try {
  for (let run = 0; run < Number(runs); run++) results.push(await oneRun());
} finally {
  await browser.close();
}
console.log(JSON.stringify({ runs: results }));

async function oneRun() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 562.5,
    downloadThroughput: (1474.56 * 1024) / 8,
    uploadThroughput: (675 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluateOnNewDocument(recorder);
  // Not waiting for the load event: the tap comes at the first paint, before it.
  const loaded = page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.waitForResponse((response) => response.url() === url);
  await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint').length > 0
      && document.querySelector('button.tag-toggle'),
    { polling: 'raf', timeout: 30000 },
  );
  const tapped = await page.evaluate(() => performance.now());
  await page.tap('button.tag-toggle');
  const first = await page
    .waitForFunction(() => window.__tap.applied !== null && window.__tap, { timeout: 20000 })
    .then((handle) => handle.jsonValue())
    .catch(() => page.evaluate(() => window.__tap));
  let idle = null;
  if (first.live !== null) {
    await new Promise((go) => setTimeout(go, 3000));
    await page.evaluate(() => Object.assign(window.__tap, { applied: null, painted: null }));
    await page.tap('button.tag-toggle:not([aria-pressed="true"]):not(:disabled)');
    const second = await page
      .waitForFunction(() => window.__tap.painted !== null && window.__tap, { timeout: 5000 })
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    if (second) idle = second.painted - second.input;
  }
  await loaded;
  await context.close();
  return {
    tappedAt: tapped,
    live: first.live,
    applied: first.applied === null ? null : first.applied - Math.max(first.live ?? 0, tapped),
    idle,
  };
}
