// Notices for the live notebooks (the site's /lite/ app), in the reader's language. The build
// (tools/build_lite.py) puts window.VK_LITE = {version, texts: {nl: {...}, en: {...}}} above this
// script, from widgets/locale (keys lite.*). A notebook runs as soon as it opens (Run All, through the
// app that jupyter-lite.json's exposeAppInBrowser puts at window.jupyterapp), and the notice shows how
// far it is: Python loading (seconds), then cells run of all. It says:
// - how the live notebook works (once per tab), or that the reader reloaded it (Python started
//   again; the questions' answers come back from this browser's storage, veerkracht/quiz/store.py);
// - that the course site cannot be reached (no network), so Python cannot load;
// - that the site was updated since the last visit (the app keeps each version's notebooks apart).
(function () {
  "use strict";
  const data = window.VK_LITE;
  const path = new URLSearchParams(location.search).get("path") || "";
  const fromPath = path.match(/(?:^|\/)(nl|en)\//);
  const lang = fromPath ? fromPath[1] : (navigator.language || "").toLowerCase().startsWith("nl") ? "nl" : "en";
  const text = data.texts[lang];
  const notebook = /\.ipynb$/.test(path);

  function notice(key) {
    const box = document.createElement("div");
    box.className = "vk-lite-notice";
    box.dataset.vkNotice = key;
    box.setAttribute("role", key === "offline" ? "alert" : "status");
    box.lang = lang;
    box.style.cssText =
      "position:fixed;left:50%;transform:translateX(-50%);bottom:1rem;z-index:10000;width:min(40rem,92vw);" +
      "box-sizing:border-box;" +
      "background:#fff;color:#1a1a1a;border:2px solid #0072b2;border-radius:6px;padding:0.6rem 2.6rem 0.6rem 0.9rem;" +
      "font:16px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.25)";
    box.textContent = text[key];
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", text.close);
    close.style.cssText = "position:absolute;top:0.3rem;right:0.4rem;font-size:1.4rem;line-height:1;background:none;border:0;cursor:pointer;color:#1a1a1a;padding:0.2rem 0.5rem";
    close.addEventListener("click", () => box.remove());
    box.appendChild(close);
    const shown = document.querySelectorAll(".vk-lite-notice").length;
    box.style.bottom = `${1 + shown * 5}rem`;
    document.body.appendChild(box);
    return box;
  }

  function offline() {
    if (!document.querySelector('[data-vk-notice="offline"]')) notice("offline");
  }

  function start() {
    // A site update: the notebooks of another version are kept apart (jupyter-lite.json's
    // contentsStorageName), so say why the reader's changes are not shown.
    const seen = localStorage.getItem("vk-lite-version");
    if (seen && seen !== data.version) notice("updated");
    localStorage.setItem("vk-lite-version", data.version);
    if (!notebook) return;
    // A reload of a notebook this tab had open: Python starts again.
    const opened = JSON.parse(sessionStorage.getItem("vk-lite-opened") || "[]");
    if (!opened.includes(path)) sessionStorage.setItem("vk-lite-opened", JSON.stringify([...opened, path]));
    const box = notice(opened.includes(path) ? "reloaded" : "intro");
    // No network: the kernel's files cannot be fetched from the site.
    window.addEventListener("offline", offline);
    fetch("../static/pyodide/pyodide.mjs", { method: "HEAD", cache: "no-store" })
      .then((response) => { if (!response.ok) offline(); })
      .catch(offline);
    runOnOpen(box);
  }

  // Resolves with what ``find`` returns once it returns something (checked every 100 ms).
  function waitFor(find) {
    return new Promise((resolve) => {
      const look = () => { const found = find(); if (found) resolve(found); else setTimeout(look, 100); };
      look();
    });
  }

  // Run the notebook once the app has opened it, and show in ``box`` how far it is.
  async function runOnOpen(box) {
    const line = document.createElement("p");
    const bar = document.createElement("progress");
    line.style.margin = "0.4rem 0 0";
    bar.style.cssText = "display:block;width:100%;height:0.6rem;margin-top:0.3rem";
    bar.setAttribute("aria-hidden", "true"); // the line says the same in words
    box.append(line, bar);
    const started = Date.now();
    const show = (key, values) => {
      line.textContent = text[key].replace(/\{(\w+)\}/g, (_, name) => values[name]);
    };
    show("loading", { seconds: 0 });
    const app = await waitFor(() => window.jupyterapp);
    await app.restored;
    const panel = await waitFor(() => {
      const widget = app.shell.currentWidget;
      return widget && widget.sessionContext && widget.content && widget.content.widgets ? widget : null;
    });
    await panel.context.ready;
    // The cells the site shows only as their output (remove-input: an exercise's quiz.question(...)
    // calls) show only their output here too: a student has no code to skip.
    const style = document.createElement("style");
    style.textContent = ".vk-output-only .jp-Cell-inputWrapper { display: none; }";
    document.head.append(style);
    for (const cell of panel.content.widgets) {
      if ((cell.model.getMetadata("tags") || []).includes("remove-input")) cell.addClass("vk-output-only");
    }
    await panel.sessionContext.ready; // a kernel chosen (else Run All asks which one)
    // Every code cell waits in line, running, until the kernel has run it (prompt [*]).
    const cells = () => panel.content.widgets.filter((cell) => cell.model.type === "code");
    // Run All selects the last cell and scrolls to it: the reader stays where they are, unless they
    // scroll or click themselves.
    const scroller = panel.content.node.closest(".jp-WindowedPanel-outer") ||
      panel.content.node.querySelector(".jp-WindowedPanel-outer") || panel.content.node;
    const active = panel.content.activeCellIndex;
    const top = scroller.scrollTop;
    let moved = false;
    for (const type of ["wheel", "touchmove", "keydown", "pointerdown"]) {
      scroller.addEventListener(type, () => { moved = true; }, { once: true, passive: true });
    }
    const stay = () => {
      if (moved) return;
      panel.content.activeCellIndex = active;
      scroller.scrollTop = top;
    };
    const ran = app.commands.execute("notebook:run-all-cells");
    for (const wait of [0, 300, 1000]) setTimeout(stay, wait);
    const timer = setInterval(() => {
      const all = cells();
      const done = all.filter((cell) => cell.model.executionState !== "running").length;
      if (done === 0 || done === all.length) {
        show("loading", { seconds: 5 * Math.floor((Date.now() - started) / 5000) }); // a live region: not every second
        bar.removeAttribute("value"); // still loading: a bar that moves without a value
      } else {
        show("running", { done, total: all.length });
        bar.max = all.length;
        bar.value = done;
      }
    }, 250);
    await ran;
    clearInterval(timer);
    for (const wait of [0, 300, 1000]) setTimeout(stay, wait);
    show("running", { done: cells().length, total: cells().length });
    bar.max = bar.value = 1;
    box.dataset.vkDone = "true";
    setTimeout(() => box.remove(), 4000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
