// pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 wire only the *first* .primary-toggle and
// .secondary-toggle of a page to the sidebars, and on a book page the first of each is a hidden copy
// (pydata-sphinx-theme issue 2451): the menu and contents buttons a reader sees do nothing. Every
// other toggle here passes its click on to the wired one, so the themes' own code opens the phone
// dialog (under 992 px) or hides the sidebar (wider), with their keyboard and focus handling.
// tests/test_navigation.py fails once the themes wire every toggle, so this file can go then.
(function () {
  "use strict";
  function forward() {
    for (const kind of ["primary-toggle", "secondary-toggle"]) {
      const [wired, ...others] = document.querySelectorAll(`.${kind}`);
      for (const button of others) {
        button.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopPropagation();
          wired.click();
        });
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", forward);
  else forward();
})();
