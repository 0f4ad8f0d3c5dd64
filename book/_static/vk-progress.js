// Marks, in the navigation, each exercise page whose graded questions are all answered right: a
// check with a label in the page's language (data-done on this script's tag, from the book
// extension). Reads only this browser's localStorage, where quiz.js keeps each page's record;
// nothing is sent. Without storage (switched off, say) nothing is marked and nothing breaks.
//
// A record says "done" for the questions it was saved for (its version: a hash per question). After
// a bank update that record is stale, so a page is checked off only if its record's version is one
// of the exercise pages' versions as they are now: quiz-versions.js beside this script (written by
// tools/make_exercises.py), fetched only once some record says "done". Without it nothing is marked.
//
// On the welcome page it also fills each chapter card's progress line (.vk-card-progress, made by
// book/_ext/vk_overview.py with the exercise page's questions: [id, version, graded] in page order):
// questions answered and right, counting an answer only if its question is as it was when answered
// (the record's versions, as quiz.js restores answers), and a link to the first question still open.
// Without a record, or without storage, the line keeps what the build wrote (how many questions).
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

  // Python's str.format, as quiz.js fills its texts: {name} filled in.
  const fill = (template, fields) => template.replace(/\{(\w+)\}/g, (m, name) => (name in fields ? fields[name] : m));

  function card(line, texts) {
    const saved = record(line.dataset.vkPage);
    if (!saved || typeof saved.answers !== "object" || saved.answers === null) return;
    const versions = new Set(typeof saved.version === "string" ? saved.version.split(" ") : []);
    const rightIds = Array.isArray(saved.right) ? saved.right : null; // older records: not known
    const questions = JSON.parse(line.dataset.vkQuestions);
    const answered = questions.filter(([id, version]) => versions.has(version) && Object.hasOwn(saved.answers, id));
    if (!answered.length) return;
    const right = answered.filter(([id, , graded]) => graded && rightIds && rightIds.includes(id));
    const open =
      questions.find((q) => !answered.includes(q)) || questions.find((q) => q[2] && rightIds && !right.includes(q));
    const fields = { answered: answered.length, total: questions.length, right: right.length };
    line.querySelector(".vk-card-status").textContent = fill(rightIds ? texts.progress : texts.answered, fields);
    const next = line.querySelector(".vk-card-next");
    next.textContent = open ? texts.continue : texts.review;
    next.href = `${line.dataset.vkPage}${open ? `#vkq-${open[0]}` : ""}`;
  }

  function cards() {
    const list = document.querySelector(".vk-cards");
    if (!list) return;
    for (const line of list.querySelectorAll(".vk-card-progress")) card(line, list.dataset);
  }

  function start() {
    mark();
    cards();
  }

  window.VeerkrachtProgress = { key, mark };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
