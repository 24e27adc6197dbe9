// Progressive enhancement only: every page reads and works without this file.
if (window.DS && typeof window.DS.initAll === "function") {
  window.DS.initAll();
}
