// Marks, in the navigation, each exercise page whose graded questions are all answered right: a
// check with a label in the page's language (data-done on this script's tag, from the book
// extension). Reads only this browser's localStorage, where quiz.js keeps each page's record;
// nothing is sent. Without storage (switched off, say) nothing is marked and nothing breaks.
//
// A record says "done" for the questions it was saved for (its version: a hash per question). After
// a bank update that record is stale, so a page is checked off only if its record's version is one
// of the exercise pages' versions as they are now: quiz-versions.js beside this script (written by
// tools/make_exercises.py), fetched only once some record says "done". Without it nothing is marked.
(function () {
  "use strict";
  const script = document.currentScript;
  const key = (href) => `veerkracht:quiz:${new URL(href, location.href).pathname.replace(/\.html$/, "")}`;
  let loading = false;

  function record(href) {
    try {
      return JSON.parse(window.localStorage.getItem(key(href)));
    } catch (error) {
      return null;
    }
  }

  // Whether the page at href is done for its questions as they are now; null while that is not known.
  function done(href) {
    const saved = record(href);
    if (!saved || saved.done !== true || typeof saved.version !== "string") return false;
    const current = window.VeerkrachtQuizVersions;
    if (!Array.isArray(current)) {
      load();
      return null;
    }
    return current.includes(saved.version);
  }

  function load() {
    if (loading || !script) return;
    loading = true;
    const versions = document.createElement("script");
    versions.src = new URL("quiz-versions.js", script.src).href;
    versions.onload = mark;
    document.head.append(versions);
  }

  function mark() {
    for (const link of document.querySelectorAll(".bd-sidebar-primary nav a.reference.internal")) {
      const check = link.querySelector(".vk-done");
      const finished = done(link.href) === true;
      if (check && !finished) check.remove();
      if (check || !finished) continue;
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
