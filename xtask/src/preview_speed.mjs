// `cargo xtask bench`'s workbench row (xtask/src/preview_speed.rs runs it with node): how soon
// the workbench's preview (`edit/`) shows what the owner typed, and whether typing waits on it.
// Unthrottled, as on the owner's laptop, in headless Chromium at 1280 x 800, each run:
//
// - selects the hero's name in the text and types a new one at 60 ms a key (faster than the
//   workbench's pause), then records the time from the last key's keydown to the first frame
//   painted after the preview swapped in the page showing it (`updated`), and the workbench's
//   own measures of that render's two tasks, summed (`render`);
// - types five keys at 160 to 240 ms apart, slower than the pause, so that each key lands while
//   the preview of the key before renders, and records each keydown's Event Timing duration
//   over 16 ms: from the key to the frame that shows it (`keys`).
//
// usage: node preview_speed.mjs <puppeteer-core module path> <chrome> <url of edit/> <runs>
// prints one JSON line: { runs: [{ updated, render, keys: [..] }] }, times in ms (null: never).

const [moduleDir, chrome, url, runs] = process.argv.slice(2);
const { default: puppeteer } = await import(`${moduleDir}/lib/esm/puppeteer/puppeteer-core.js`);

// In the page: when the preview swaps its page in, the frame after it, and every keydown's
// Event Timing entry.
const recorder = () => {
  const t = (window.__wb = { lastKey: null, painted: null, keys: [] });
  const host = document.getElementById('wb-preview');
  new MutationObserver(() => {
    requestAnimationFrame(() => setTimeout(() => (t.painted = performance.now())));
  }).observe(host, { childList: true });
  document.getElementById('wb-field').addEventListener(
    'keydown',
    (event) => (t.lastKey = event.timeStamp),
    true,
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'keydown') t.keys.push(entry.duration);
    }
  }).observe({ type: 'event', durationThreshold: 16 });
};

// The gaps between slow keys: each longer than the pause, so that the preview of each key
// starts before the next, which lands somewhere in that render.
const SLOW = [160, 180, 200, 220, 240];
const words = ['Ada', 'Grace', 'Barbara', 'Frances', 'Radia', 'Margaret', 'Hedy'];
const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const results = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('#wb-preview main[data-state="ready"] h1', { timeout: 30000 });
  await page.evaluate(recorder);
  let name = await page.$eval('#wb-preview h1', (h1) => h1.textContent.trim());
  for (let run = 0; run < Number(runs); run++) {
    const word = words[run % words.length] + String.fromCharCode(97 + run);
    results.push(await oneRun(page, name, word));
    name = word;
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ runs: results }));

async function select(page, name) {
  const found = await page.evaluate((name) => {
    const field = document.getElementById('wb-field');
    const at = field.value.indexOf(`"${name}"`);
    if (at < 0) return false;
    field.focus();
    field.setSelectionRange(at + 1, at + 1 + name.length);
    return true;
  }, name);
  if (!found) throw new Error(`the hero's name "${name}" is not in the workbench's text`);
}

async function shown(page, word) {
  return page
    .waitForFunction(
      (word) => document.querySelector('#wb-preview h1')?.textContent.includes(word)
        && window.__wb.painted !== null,
      { timeout: 10000 },
      word,
    )
    .then(() => true)
    .catch(() => false);
}

async function oneRun(page, name, word) {
  await select(page, name);
  await page.evaluate(() => {
    performance.clearMeasures('wb-render-build');
    performance.clearMeasures('wb-render-swap');
    window.__wb.painted = null;
  });
  await page.keyboard.type(word, { delay: 60 });
  const ok = await shown(page, word);
  // The render's work: its two tasks' measures summed (the wait between them is the
  // browser's, for keys typed meanwhile).
  const timing = await page.evaluate(() => {
    const [build, swap] = ['wb-render-build', 'wb-render-swap']
      .map((name) => performance.getEntriesByName(name).at(-1)?.duration);
    return {
      updated: window.__wb.painted - window.__wb.lastKey,
      render: build === undefined || swap === undefined ? null : build + swap,
    };
  });
  await new Promise((go) => setTimeout(go, 300));
  // Slow typing: each key lands on the render of the one before.
  await page.evaluate(() => (window.__wb.keys = []));
  for (const delay of SLOW) {
    await page.keyboard.press('x');
    await new Promise((go) => setTimeout(go, delay));
  }
  await new Promise((go) => setTimeout(go, 600));
  const keys = await page.evaluate(() => window.__wb.keys.slice());
  for (const _ of SLOW) await page.keyboard.press('Backspace');
  await page
    .waitForFunction(() => !document.querySelector('#wb-preview h1')?.textContent.includes('xxxxx'))
    .catch(() => {});
  await new Promise((go) => setTimeout(go, 300));
  return {
    updated: ok ? timing.updated : null,
    render: ok ? timing.render : null,
    keys,
  };
}
