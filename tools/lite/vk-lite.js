// Notices for the live notebooks (the site's /lite/ app), in the reader's language. The build
// (tools/build_lite.py) puts window.VK_LITE = {version, texts: {nl: {...}, en: {...}}} above this
// script, from widgets/locale (keys lite.*). It says:
// - how the live notebook works, once per tab;
// - that the course site cannot be reached (no network), so Python cannot load;
// - that the reader reloaded a running notebook (Python started again; quiz answers are gone),
//   and, before such a reload or close, the browser asks first once the reader has typed or clicked
//   in a notebook's output (the quiz answers live only in the running Python);
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
      "position:fixed;left:50%;transform:translateX(-50%);bottom:1rem;z-index:10000;max-width:min(40rem,92vw);" +
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
    // A reload of a notebook this tab had open: its Python and quiz answers are gone.
    const opened = JSON.parse(sessionStorage.getItem("vk-lite-opened") || "[]");
    if (opened.includes(path)) notice("reloaded");
    else {
      sessionStorage.setItem("vk-lite-opened", JSON.stringify([...opened, path]));
      notice("intro");
      // The introduction has done its work once the reader starts (a click or key anywhere else),
      // so it no longer covers the notebook on a phone.
      const started = (event) => {
        if (event.target.closest && event.target.closest(".vk-lite-notice")) return;
        document.querySelector('[data-vk-notice="intro"]')?.remove();
        document.removeEventListener("pointerdown", started, true);
        document.removeEventListener("keydown", started, true);
      };
      document.addEventListener("pointerdown", started, true);
      document.addEventListener("keydown", started, true);
    }
    // No network: the kernel's files cannot be fetched from the site.
    window.addEventListener("offline", offline);
    fetch("../static/pyodide/pyodide.mjs", { method: "HEAD", cache: "no-store" })
      .then((response) => { if (!response.ok) offline(); })
      .catch(offline);
    // Answers typed or clicked in an output (a quiz, a demo) live only in the running Python:
    // the browser asks before a reload or close throws them away.
    let answered = false;
    const mark = (event) => {
      if (event.target.closest && event.target.closest(".jp-OutputArea-output")) answered = true;
    };
    document.addEventListener("input", mark, true);
    document.addEventListener("change", mark, true);
    window.addEventListener("beforeunload", (event) => {
      if (!answered) return;
      event.preventDefault();
      event.returnValue = "";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
