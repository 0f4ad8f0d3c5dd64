// Veerkracht's questions on the static site: reads each question's data (written by
// widgets/quiz/static.py), grades answers exactly as widgets/quiz/grade.py does, shows the
// feedback and, after a wrong attempt, the hint, and keeps the page's score. Nothing leaves
// the page: answers live only in this browser tab.
(function () {
  "use strict";
  const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const MAX_TEXT = 5000;

  function fill(template, fields) {
    const filled = template.replace(/\{(\w+)\}/g, (m, key) => (key in fields ? String(fields[key]) : m));
    return filled.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  }

  function ids(choices) {
    return choices.map((c) => c.id).join(", ");
  }

  function result(status, feedback) {
    return { status, feedback };
  }

  function wrong(q, reasons) {
    const shown = reasons.slice(0, 2);
    if (reasons.length > 2) shown.push(fill(q.messages.n_more, { n: reasons.length - 2 }));
    return result("wrong", [q.messages.wrong, ...shown].join(" "));
  }

  function correct(q) {
    return result("correct", q.explanation ? `${q.messages.correct} ${q.explanation}` : q.messages.correct);
  }

  function parseNumber(text) {
    if (text.length > 40) return null;
    let t = text.trim().replace(/ /g, "");
    if ((t.match(/,/g) || []).length === 1 && !t.includes(".")) t = t.replace(",", ".");
    if (!NUMBER_TEXT.test(t)) return null;
    const value = Number(t);
    return Number.isFinite(value) ? value : null;
  }

  // answer: single → string; multiple → array of ids; classify → {item: category};
  // order → array of ids; number and open → string.
  function grade(q, answer) {
    const m = q.messages;
    if (answer === null || answer === undefined || (typeof answer === "string" && !answer.trim())) {
      return result("empty", m.empty);
    }
    switch (q.kind) {
      case "single": {
        const picked = answer.trim();
        const option = q.options.find((o) => o.id === picked);
        if (!option) return result("wrong", fill(m.choose_one, { choices: ids(q.options) }));
        return picked === q.answer ? correct(q) : wrong(q, [option.feedback]);
      }
      case "multiple": {
        const chosen = new Set(answer.map((a) => a.trim()));
        if (chosen.size === 0) return result("empty", m.empty);
        const key = new Set(q.answer);
        const reasons = q.options.filter((o) => chosen.has(o.id) !== key.has(o.id)).map((o) => o.feedback);
        return reasons.length === 0 ? correct(q) : wrong(q, reasons);
      }
      case "classify": {
        const missing = q.items.filter((i) => !answer[i.id]).map((i) => i.id);
        if (missing.length === q.items.length) return result("empty", m.empty);
        if (missing.length) return result("wrong", fill(m.classify_missing, { items: missing.join(", ") }));
        const reasons = q.items.filter((i) => answer[i.id] !== q.answer[i.id]).map((i) => i.feedback);
        return reasons.length === 0 ? correct(q) : wrong(q, reasons);
      }
      case "order": {
        const reasons = q.steps.filter((s) => answer.indexOf(s.id) !== q.answer.indexOf(s.id)).map((s) => s.feedback);
        return reasons.length === 0 ? correct(q) : wrong(q, reasons);
      }
      case "number": {
        const value = parseNumber(answer);
        if (value === null) return result("wrong", m.number_form);
        if (Math.abs(value - q.answer) <= q.tolerance + 1e-9) return correct(q);
        const range = q.ranges.find(([low, high]) => low <= value && value <= high);
        if (range) return wrong(q, [range[2]]);
        return wrong(q, [value > q.answer ? m.too_high : m.too_low]);
      }
      default: {
        if (answer.length > MAX_TEXT) return result("wrong", fill(m.too_long, { limit: MAX_TEXT }));
        return result("ungraded", `${m.ungraded} ${q.modelAnswer}`);
      }
    }
  }

  function readAnswer(root, q) {
    switch (q.kind) {
      case "single": {
        const picked = root.querySelector("input[type=radio]:checked");
        return picked ? picked.value : null;
      }
      case "multiple":
        return Array.from(root.querySelectorAll("input[type=checkbox]:checked")).map((i) => i.value);
      case "classify": {
        const out = {};
        for (const select of root.querySelectorAll("select[data-item]")) {
          if (select.value) out[select.dataset.item] = select.value;
        }
        return out;
      }
      case "order":
        return Array.from(root.querySelectorAll("li[data-step]")).map((li) => li.dataset.step);
      case "number":
        return root.querySelector("input").value;
      default:
        return root.querySelector("textarea").value;
    }
  }

  const verdicts = new Map(); // question id -> last status

  function updateScores() {
    const questions = document.querySelectorAll('.vk-question[data-graded="true"]');
    const first = document.querySelector(".vk-q-data");
    if (!first) return;
    const messages = JSON.parse(first.textContent).messages;
    const right = Array.from(questions).filter((el) => verdicts.get(el.dataset.vkQuestion) === "correct").length;
    for (const box of document.querySelectorAll(".vk-quiz-score")) {
      box.textContent = fill(messages.score, { right, total: questions.length });
    }
  }

  function moveStep(li, direction) {
    const sibling = direction < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) return;
    if (direction < 0) li.parentNode.insertBefore(li, sibling);
    else li.parentNode.insertBefore(sibling, li);
  }

  function setUp(root) {
    const q = JSON.parse(root.querySelector("script.vk-q-data").textContent);
    const feedback = root.querySelector(".vk-q-feedback");
    const hint = root.querySelector(".vk-q-hint");
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.classList.contains("vk-q-up") || button.classList.contains("vk-q-down")) {
        moveStep(button.closest("li"), button.classList.contains("vk-q-up") ? -1 : 1);
        button.focus();
        return;
      }
      if (!button.classList.contains("vk-q-check")) return;
      const verdict = grade(q, readAnswer(root, q));
      feedback.textContent = verdict.feedback;
      feedback.dataset.status = verdict.status;
      root.dataset.status = verdict.status;
      if (verdict.status === "wrong") hint.hidden = false;
      if (verdict.status === "correct") hint.hidden = true;
      verdicts.set(q.id, verdict.status);
      updateScores();
    });
  }

  function start() {
    document.querySelectorAll(".vk-question").forEach(setUp);
    updateScores();
  }

  window.VeerkrachtQuiz = { grade };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
