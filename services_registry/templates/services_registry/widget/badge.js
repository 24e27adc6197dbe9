/* Care Inspectorate "Registered by" badge for {{ number }}. Terms of use: {{ terms_url }} */
(function () {
  "use strict";
  var number = {{ number_json|safe }}, html = {{ html_json|safe }}, css = {{ css_json|safe }};
  var script = document.currentScript;
  var attr = "data-care-inspectorate-widget";

  function mount(host) {
    host.setAttribute("data-care-inspectorate-badge", "shown");
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var sheet = null;
    if (root !== host && "adoptedStyleSheets" in root) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet];
      } catch (e) {
        sheet = null;
      }
    }
    if (!sheet) {
      var style = document.createElement("style");
      style.textContent = css;
      root.appendChild(style);
    }
    var template = document.createElement("template");
    template.innerHTML = html;
    root.appendChild(template.content);
  }

  var placeholders = document.querySelectorAll("[" + attr + '="' + number + '"]');
  for (var i = 0; i < placeholders.length; i++) {
    if (!placeholders[i].hasAttribute("data-care-inspectorate-badge")) {
      mount(placeholders[i]);
      return;
    }
  }
  if (script && script.parentNode) {
    var host = document.createElement("care-inspectorate-badge");
    host.setAttribute(attr, number);
    script.parentNode.insertBefore(host, script.nextSibling);
    mount(host);
  }
})();
