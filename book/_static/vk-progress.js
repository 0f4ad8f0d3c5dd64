// Marks, in the navigation, each exercise page whose graded questions are all answered right: a
// check with a label in the page's language (data-done on this script's tag, from the book
// extension). Reads only this browser's localStorage, where quiz.js keeps each page's record;
// nothing is sent. Without storage (switched off, say) nothing is marked and nothing breaks.
(function () {
  "use strict";
  const script = document.currentScript;
  const key = (href) => `veerkracht:quiz:${new URL(href, location.href).pathname.replace(/\.html$/, "")}`;

  function done(href) {
    try {
      const record = JSON.parse(window.localStorage.getItem(key(href)));
      return Boolean(record && record.done === true);
    } catch (error) {
      return false;
    }
  }

  function mark() {
    for (const link of document.querySelectorAll(".bd-sidebar-primary nav a.reference.internal")) {
      const check = link.querySelector(".vk-done");
      if (check && !done(link.href)) check.remove();
      if (check || !done(link.href)) continue;
      const sign = document.createElement("span");
      sign.className = "vk-done";
      sign.setAttribute("role", "img");
      sign.setAttribute("aria-label", script.dataset.done);
      sign.textContent = "✓";
      link.append(sign);
    }
  }

  window.VeerkrachtProgress = { key, mark };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
