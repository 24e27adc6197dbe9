// While an import waits or runs, fetch this page every few seconds and show its progress;
// when it has finished, load the result. Without JavaScript the page's Refresh link does the same.
(function () {
  "use strict";
  var region = document.getElementById("import-progress");
  if (!region || !window.fetch || !window.DOMParser) { return; }
  function check() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-progress");
        if (!fresh) { window.location.reload(); return; }
        if (fresh.innerHTML !== region.innerHTML) { region.innerHTML = fresh.innerHTML; }
        window.setTimeout(check, 3000);
      })
      .catch(function () { window.setTimeout(check, 10000); });
  }
  window.setTimeout(check, 3000);
})();
