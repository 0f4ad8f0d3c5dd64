// Veerkracht's questions on the static site: reads each question's data (written by
// widgets/quiz/static.py), grades answers exactly as widgets/quiz/grade.py does, shows the
// feedback and, after a wrong attempt, the hint, and keeps the page's score.
//
// Every text in the data is an HTML fragment already escaped by Python (inline_html); grading
// only puts such fragments together, so the feedback is inserted as HTML and shows the bank's
// Markdown. Nothing a reader types is ever inserted as HTML.
//
// Answers and attempts are kept in this browser's localStorage, one record per page, written for the
// same page of the other edition too (its questions have the same ids and versions), so answers
// carry across the edition switch; nothing is sent anywhere. A reader can download the page's
// answers as the JSON or CSV file quiz.export writes in Jupyter, which the lecturer's overview
// (python -m veerkracht.quiz.summary) reads. An empty Check stores nothing. A record is never thrown
// away as a whole: each answer comes back if its question is as it was (the record keeps every
// question's version) and the answer fits the controls; the page says, once, which questions' answers
// could not (a question changed in the bank, a damaged answer). A record that is not one of ours, or a
// storage that refuses access, never stops the page: the quiz starts afresh and says so once.
(function () {
  "use strict";
  const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const THOUSANDS = /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/; // "1.000" and "1,000": ambiguous, refused
  // The whitespace grade.py trims (SPACE): JavaScript's trim() would also differ from Python's strip().
  const SPACE = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
  const EDGES = new RegExp(`^${SPACE}+|${SPACE}+$`, "g");
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  // Python's str.format: {name} filled in, {{ and }} for braces; filled-in values are not read again.
  function fill(template, fields) {
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (m, key) => {
      if (m === "{{" || m === "}}") return m[0];
      return own(fields, key) ? String(fields[key]) : m;
    });
  }

  function clean(value) {
    return typeof value === "string" ? value.replace(EDGES, "") : null;
  }

  function textList(value) {
    if (!Array.isArray(value)) return null;
    const items = value.map(clean);
    return items.includes(null) ? null : items;
  }

  const isMapping = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const name = (q, choice) => fill(q.messages.name, { text: choice.text });
  const names = (q, choices) => choices.map((c) => name(q, c)).join(", ");
  const about = (q, choice) => fill(q.messages.about, { choice: name(q, choice), feedback: choice.feedback });

  function result(status, feedback) {
    return { status, feedback };
  }

  // reasons: the reader's wrong picks first, then what they missed; a few at most (q.limits: the
  // grader's limits, sent with each question's data by static.question_data, never copied here).
  function wrong(q, reasons) {
    const shown = reasons.slice(0, q.limits.reasons);
    const more = reasons.length - q.limits.reasons;
    if (more > 0) shown.push(fill(q.messages[more === 1 ? "n_more.one" : "n_more.other"], { n: more }));
    return result("wrong", [q.messages.wrong, ...shown].join("<br>")); // a line per reason, as Result.html
  }

  function correct(q) {
    return result("correct", q.explanation ? `${q.messages.correct} ${q.explanation}` : q.messages.correct);
  }

  function parseNumber(value, limit) {
    let number;
    if (typeof value === "number") {
      number = value;
    } else if (typeof value === "string") {
      if (value.length > limit) return null;
      let t = clean(value);
      if (THOUSANDS.test(t)) return null;
      if ((t.match(/,/g) || []).length === 1 && !t.includes(".")) t = t.replace(",", ".");
      if (!NUMBER_TEXT.test(t)) return null;
      number = Number(t);
    } else {
      return null;
    }
    return Number.isFinite(number) ? number : null;
  }

  // One object per kind of question (as widgets/quiz/kinds/ has one module per kind), looked up by
  // q.kind: grade(q, answer) a non-empty answer exactly as the kind's Python grade does; read(root)
  // the controls as an answer; write(root, q, answer) a stored answer back into them, false if it does
  // not fit them (an older bank); clear(root, q) them. Answers: single → string; multiple → array of
  // ids; classify → {item: category}; order → array of ids; number → string or number; open → string.
  // Any other shape is wrong.
  const checked = (root, type) => Array.from(root.querySelectorAll(`input[type=${type}]`));
  const uncheck = (root) => root.querySelectorAll("input").forEach((i) => (i.checked = false));
  const textKind = (selector, grade) => ({
    grade,
    read: (root) => root.querySelector(selector).value,
    write(root, q, answer) {
      if (typeof answer !== "string") return false;
      root.querySelector(selector).value = answer;
      return true;
    },
    clear: (root) => (root.querySelector(selector).value = ""),
  });
  const KINDS = {
    single: {
      grade(q, answer) {
        const picked = clean(answer);
        const option = q.options.find((o) => o.id === picked);
        if (!option) return result("wrong", fill(q.messages.choose_one, { choices: names(q, q.options) }));
        return picked === q.answer ? correct(q) : wrong(q, [about(q, option)]);
      },
      read(root) {
        const picked = root.querySelector("input[type=radio]:checked");
        return picked ? picked.value : null;
      },
      write(root, q, answer) {
        const input = checked(root, "radio").find((i) => i.value === answer);
        if (input) input.checked = true;
        return Boolean(input);
      },
      clear: uncheck,
    },
    multiple: {
      grade(q, answer) {
        const picked = textList(answer);
        const ids = new Set(q.options.map((o) => o.id));
        if (picked === null || !picked.every((p) => ids.has(p))) {
          return result("wrong", fill(q.messages.choose_list, { choices: names(q, q.options) }));
        }
        const chosen = new Set(picked);
        if (chosen.size === 0) return result("empty", q.messages.empty);
        const key = new Set(q.answer);
        const wrongPicks = q.options.filter((o) => chosen.has(o.id) && !key.has(o.id));
        const missed = q.options.filter((o) => key.has(o.id) && !chosen.has(o.id));
        const reasons = [...wrongPicks, ...missed].map((o) => about(q, o));
        return reasons.length === 0 ? correct(q) : wrong(q, reasons);
      },
      read: (root) => Array.from(root.querySelectorAll("input[type=checkbox]:checked")).map((i) => i.value),
      write(root, q, answer) {
        const inputs = checked(root, "checkbox");
        if (!Array.isArray(answer) || !answer.every((a) => inputs.some((i) => i.value === a))) return false;
        for (const input of inputs) input.checked = answer.includes(input.value);
        return true;
      },
      clear: uncheck,
    },
    classify: {
      grade(q, answer) {
        const m = q.messages;
        const form = result("wrong", fill(m.classify_form, { categories: names(q, q.categories) }));
        if (!isMapping(answer)) return form;
        const pairs = Object.entries(answer).map(([k, v]) => [clean(k), clean(v)]);
        const given = new Map(pairs);
        const items = new Set(q.items.map((i) => i.id));
        const categories = new Set(q.categories.map((c) => c.id));
        if (given.size !== pairs.length || pairs.some(([k, v]) => !items.has(k) || !categories.has(v))) return form;
        const missing = q.items.filter((i) => !given.has(i.id));
        if (missing.length === q.items.length) return result("empty", m.empty);
        if (missing.length) return result("wrong", fill(m.classify_missing, { items: names(q, missing) }));
        const reasons = q.items.filter((i) => given.get(i.id) !== q.answer[i.id]).map((i) => about(q, i));
        return reasons.length === 0 ? correct(q) : wrong(q, reasons);
      },
      read(root) {
        const out = {};
        for (const select of root.querySelectorAll("select[data-item]")) {
          if (select.value) out[select.dataset.item] = select.value;
        }
        return out;
      },
      write(root, q, answer) {
        const selects = Array.from(root.querySelectorAll("select[data-item]"));
        const fits = (item, category) => {
          const select = selects.find((s) => s.dataset.item === item);
          return Boolean(select && category && Array.from(select.options).some((o) => o.value === category));
        };
        if (!isMapping(answer) || !Object.entries(answer).every(([k, v]) => fits(k, v))) return false;
        for (const select of selects) select.value = own(answer, select.dataset.item) ? answer[select.dataset.item] : "";
        return true;
      },
      clear: (root) => root.querySelectorAll("select").forEach((s) => (s.value = "")),
    },
    order: {
      grade(q, answer) {
        const order = textList(answer);
        const key = q.answer;
        const sorted = order && [...order].sort();
        const keySorted = [...key].sort();
        if (order === null || order.length !== key.length || sorted.some((s, i) => s !== keySorted[i])) {
          return result("wrong", fill(q.messages.order_form, { steps: names(q, q.steps) }));
        }
        const reasons = q.steps.filter((s) => order.indexOf(s.id) !== key.indexOf(s.id)).map((s) => about(q, s));
        return reasons.length === 0 ? correct(q) : wrong(q, reasons);
      },
      read: (root) => Array.from(root.querySelectorAll("li[data-step]")).map((li) => li.dataset.step),
      write(root, q, answer) {
        const list = root.querySelector("ol");
        const steps = new Map(Array.from(list.children).map((li) => [li.dataset.step, li]));
        if (!Array.isArray(answer) || answer.length !== steps.size || !answer.every((s) => steps.has(s))) return false;
        if (new Set(answer).size !== answer.length) return false;
        for (const step of answer) list.appendChild(steps.get(step));
        return true;
      },
      // The steps as the page first showed them: in the bank's order (static.py writes them so).
      clear(root, q) {
        this.write(root, q, q.steps.map((s) => s.id));
      },
    },
    number: textKind("input", (q, answer) => {
      const value = parseNumber(answer, q.limits.numberText);
      if (value === null) return result("wrong", q.messages.number_form);
      if (Math.abs(value - q.answer) <= q.tolerance + 1e-9) return correct(q);
      const range = q.ranges.find(([low, high]) => low <= value && value <= high);
      if (range) return wrong(q, [range[2]]);
      return wrong(q, [value > q.answer ? q.messages.too_high : q.messages.too_low]);
    }),
    open: textKind("textarea", (q, answer) => {
      const m = q.messages;
      if (typeof answer !== "string") return result("wrong", m.open_form);
      if (Array.from(answer).length > q.limits.text) return result("wrong", fill(m.too_long, { limit: q.limits.text }));
      return result("ungraded", `${m.ungraded} ${q.modelAnswer}`);
    }),
  };

  function grade(q, answer) {
    if (answer === null || answer === undefined || clean(answer) === "") return result("empty", q.messages.empty);
    return KINDS[q.kind].grade(q, answer);
  }

  const readAnswer = (root, q) => KINDS[q.kind].read(root);
  const writeAnswer = (root, q, answer) => KINDS[q.kind].write(root, q, answer);

  function moveStep(li, direction) {
    const sibling = direction < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) return;
    if (direction < 0) li.parentNode.insertBefore(li, sibling);
    else li.parentNode.insertBefore(sibling, li);
  }

  // -- the page: its questions, their stored record, the score boxes ------------------------------
  const questions = []; // {root, q, graded, verdict}
  const progress = window.VeerkrachtProgress; // book/_static/vk-progress.js, on every page before this
  const KEY = progress && progress.key(location.href);
  // The same page in the other edition (the edition switch links to it): its record is this one's.
  const switchLink = document.querySelector("a.vk-edition-switch[href]");
  const OTHER = progress && switchLink ? progress.key(switchLink.href) : null;
  // The page's storage; throws when it is switched off (or, without vk-progress.js, has no key).
  const storage = () => {
    if (!KEY) throw new Error("vk-progress.js is missing");
    return window.localStorage;
  };
  let record = null; // {version, answers: {id: answer}, attempts: {id: n}, done, right: [id]}
  let told = false; // a notice about the stored record is given once per visit

  const boxes = () => Array.from(document.querySelectorAll(".vk-quiz-summary"));
  const texts = () => JSON.parse(boxes()[0].querySelector("script.vk-quiz-texts").textContent);
  const pageVersion = () => questions.map((e) => e.q.version).join(" ");
  const attr = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // A notice from the page texts (HTML from Python); fields are numbers and joined page texts only.
  function notice(key, always, fields) {
    if ((told && !always) || !boxes().length) return;
    told = true;
    boxes()[0].querySelector(".vk-quiz-notice").innerHTML = fill(texts()[key], fields || {});
  }

  // "question 3", "question 3 and 5": as the score box says it (and Python's numbers_phrase).
  function questionsPhrase(t, numbers) {
    const shown = numbers.map(String);
    const joined = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} ${t.and} ${shown[shown.length - 1]}` : shown[0];
    return fill(t.summary_questions, { numbers: joined });
  }

  function emptyRecord() {
    return { version: pageVersion(), answers: {}, attempts: {}, done: false };
  }

  function save() {
    record.done = questions.every((e) => !e.graded || e.verdict === "correct");
    // Which graded questions are right: the welcome page's chapter cards count them (vk-progress.js).
    record.right = questions.filter((e) => e.graded && e.verdict === "correct").map((e) => e.q.id);
    try {
      const text = JSON.stringify(record);
      storage().setItem(KEY, text);
      if (OTHER) storage().setItem(OTHER, text);
    } catch (error) {
      notice("storage_off"); // full, or switched off: the answers stay for this visit
    }
    if (progress) progress.mark();
  }

  function forget() {
    try {
      storage().removeItem(KEY);
      if (OTHER) storage().removeItem(OTHER);
    } catch (error) {
      // nothing stored, nothing to forget
    }
  }

  function updateScores() {
    if (!boxes().length) return;
    const t = texts();
    const graded = questions.filter((e) => e.graded);
    const right = graded.filter((e) => e.verdict === "correct").length;
    const review = graded.filter((e) => e.verdict !== "correct");
    const links = review.map(
      (e) => `<a href="#vkq-${attr(e.q.id)}">${fill(t.summary_questions, { numbers: e.q.number })}</a>`,
    );
    const phrase = links.length > 1 ? `${links.slice(0, -1).join(", ")} ${t.and} ${links[links.length - 1]}` : links[0];
    for (const box of boxes()) {
      box.querySelector(".vk-quiz-score").innerHTML = fill(t.score, { right, total: graded.length });
      const line = box.querySelector(".vk-quiz-review");
      line.hidden = !questions.some((e) => e.verdict);
      line.innerHTML = review.length ? fill(t.review, { questions: phrase }) : t.summary_all;
    }
  }

  function show(entry, verdict) {
    const { root } = entry;
    const feedback = root.querySelector(".vk-q-feedback");
    feedback.innerHTML = verdict ? verdict.feedback : ""; // escaped fragments of the page data only
    for (const element of [feedback, root]) {
      if (verdict) element.dataset.status = verdict.status;
      else delete element.dataset.status;
    }
    const hint = root.querySelector(".vk-q-hint");
    if (!verdict || verdict.status === "correct") hint.hidden = true;
    if (verdict && verdict.status === "wrong") hint.hidden = false;
    entry.verdict = verdict ? verdict.status : null;
  }

  function check(entry) {
    const answer = readAnswer(entry.root, entry.q);
    const verdict = grade(entry.q, answer);
    show(entry, verdict);
    if (verdict.status === "empty") {
      delete record.answers[entry.q.id]; // nothing given: nothing to keep, and nothing to restore
    } else {
      record.answers[entry.q.id] = answer;
      record.attempts[entry.q.id] = (record.attempts[entry.q.id] || 0) + 1;
    }
    save();
    updateScores();
  }

  function clearAll() {
    for (const entry of questions) {
      KINDS[entry.q.kind].clear(entry.root, entry.q);
      show(entry, null);
    }
  }

  function restart() {
    clearAll();
    forget();
    record = emptyRecord();
    if (progress) progress.mark();
    updateScores();
    notice("restarted", true);
  }

  // The stored record: {record} with what can come back, and {problem, fields} when something could
  // not. Each answer comes back if its question's version is among the record's (a version hashes
  // the question's id, kind and key) and the answer fits the controls; what does not is left out.
  function stored() {
    let text;
    let mine = true;
    try {
      text = storage().getItem(KEY);
      if (text === null && OTHER) {
        text = storage().getItem(OTHER); // answered in the other edition only, before records were shared
        mine = false;
      }
    } catch (error) {
      return { problem: "storage_off" };
    }
    if (text === null) return {};
    let data = null;
    try {
      data = JSON.parse(text);
    } catch (error) {
      // not ours, or damaged
    }
    if (!isMapping(data) || !isMapping(data.answers)) {
      forget();
      return { problem: "stale" };
    }
    const byId = new Map(questions.map((e) => [e.q.id, e]));
    const versions = new Set(typeof data.version === "string" ? data.version.split(" ") : []);
    const attempts = isMapping(data.attempts) ? data.attempts : {};
    const kept = emptyRecord();
    const lost = [];
    let removed = false;
    for (const [id, answer] of Object.entries(data.answers)) {
      const entry = byId.get(id);
      if (!entry) {
        removed = true; // a question no longer on this page
      } else if (versions.has(entry.q.version) && writeAnswer(entry.root, entry.q, answer)) {
        kept.answers[id] = answer;
        if (own(attempts, id) && Number.isInteger(attempts[id]) && attempts[id] > 0) kept.attempts[id] = attempts[id];
      } else {
        lost.push(entry.q.number);
      }
    }
    // A record from before quiz.js kept `right` is saved again, with it, on this visit.
    if (!lost.length && !removed) return { record: kept, changed: !mine || !Array.isArray(data.right) };
    if (!Object.keys(kept.answers).length) {
      clearAll();
      forget();
      return { problem: "stale" };
    }
    lost.sort((a, b) => a - b);
    if (!lost.length) return { record: kept, problem: "partly_removed", changed: true };
    const fields = boxes().length ? { questions: questionsPhrase(texts(), lost) } : {};
    return { record: kept, problem: "partly", fields, changed: true };
  }

  // -- the reader's hand-in: the page's answers as quiz.export writes them in Jupyter ----------------
  const FIELDS = ["number", "question", "kind", "status", "attempts", "answer"];

  function handIn() {
    const rows = questions.map((e) => {
      const given = own(record.answers, e.q.id);
      const answer = given ? record.answers[e.q.id] : null;
      return {
        number: e.q.number,
        question: e.q.id,
        kind: e.q.kind,
        status: given ? grade(e.q, answer).status : "not answered",
        attempts: own(record.attempts, e.q.id) ? record.attempts[e.q.id] : 0,
        answer,
      };
    });
    const graded = questions.filter((e) => e.graded);
    const right = rows.filter((row, i) => questions[i].graded && row.status === "correct").length;
    const box = boxes()[0];
    return { bank: box.dataset.bank, language: document.documentElement.lang, score: { right, total: graded.length }, questions: rows };
  }

  function csvCell(value) {
    // As Python's csv module writes it: quoted when it holds a comma, a quote or a line break.
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  function download(format) {
    const data = handIn();
    const text =
      format === "json"
        ? JSON.stringify(data, null, 2)
        : [FIELDS, ...data.questions.map((row) => FIELDS.map((f) => (f === "answer" ? JSON.stringify(row.answer) : row[f])))]
            .map((row) => row.map(csvCell).join(","))
            .join("\r\n") + "\r\n";
    const blob = new Blob([text], { type: format === "json" ? "application/json" : "text/csv" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${boxes()[0].dataset.file}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function start() {
    for (const root of document.querySelectorAll(".vk-question")) {
      const q = JSON.parse(root.querySelector("script.vk-q-data").textContent);
      const entry = { root, q, graded: root.dataset.graded === "true" };
      questions.push(entry);
      root.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (!button) return;
        if (button.classList.contains("vk-q-up") || button.classList.contains("vk-q-down")) {
          moveStep(button.closest("li"), button.classList.contains("vk-q-up") ? -1 : 1);
          button.focus();
        } else if (button.classList.contains("vk-q-check")) {
          check(entry);
        }
      });
    }
    for (const button of document.querySelectorAll(".vk-quiz-restart")) button.addEventListener("click", restart);
    for (const button of document.querySelectorAll(".vk-quiz-download")) {
      button.addEventListener("click", () => download(button.dataset.format));
    }
    const found = stored();
    record = found.record || emptyRecord();
    for (const entry of questions) {
      if (own(record.answers, entry.q.id)) show(entry, grade(entry.q, record.answers[entry.q.id]));
    }
    if (found.changed) save(); // what came back, for the questions as they are now: said once
    if (found.problem) notice(found.problem, false, found.fields);
    updateScores();
  }

  window.VeerkrachtQuiz = { grade };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
