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
