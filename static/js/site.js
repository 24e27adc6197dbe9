// Progressive enhancement only: every page reads and works without this file.
if (window.DS && typeof window.DS.initAll === "function") {
  // The design system's mobile menu replaces the header's menu label with a button and copies the
  // label's aria-controls to it. HTML does not allow aria-controls on a label, so the served page
  // leaves it out and it is lent to the label here, only for that copy.
  const menuLabel = document.querySelector(".js-toggle-menu");
  const mobileMenu = document.querySelector('[data-module="ds-mobile-navigation-menu"]');
  if (menuLabel && mobileMenu) {
    menuLabel.setAttribute("aria-controls", mobileMenu.id);
  }
  window.DS.initAll();
  if (menuLabel) {
    menuLabel.removeAttribute("aria-controls");
  }
}

// A "Copy code" button after each code to copy ([data-copy-code], a textarea or pre; its value names
// the code for screen readers). Only where the browser lets a page copy: elsewhere the code stays
// selectable in its box, as it is without JavaScript. "Copied" is announced by a polite live region.
if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
  document.querySelectorAll("[data-copy-code]").forEach((code) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ds_button ds_button--secondary ds_button--small copy-code__button";
    button.textContent = "Copy code";
    const what = code.getAttribute("data-copy-code");
    if (what) {
      const name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = ` (${what})`;
      button.append(name);
    }
    const status = document.createElement("span");
    status.className = "copy-code__status";
    status.setAttribute("aria-live", "polite");
    let clearing;
    button.addEventListener("click", async () => {
      const text = "value" in code ? code.value : code.textContent;
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = "Copied";
      } catch {
        status.textContent = "Could not copy: select the code and copy it";
        if (typeof code.select === "function") {
          code.select();
        }
      }
      clearTimeout(clearing);
      clearing = setTimeout(() => {
        status.textContent = "";
      }, 10000);
    });
    const row = document.createElement("div");
    row.className = "copy-code";
    row.append(button, status);
    code.after(row);
  });
}
