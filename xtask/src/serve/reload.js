// cargo xtask serve only, never in dist/: reloads the page when a new build is served.
{
  const build = document.currentScript.dataset.build;
  const events = new EventSource("/_serve/events?build=" + encodeURIComponent(build));
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) =>
    console.error("cargo xtask serve: the build failed; this page is the last good one.\n" +
      event.data));
}
