// The edition switch keeps the reader's place and the demos' state. Both editions give a page the
// same sections in the same order (tests/test_book_build.py checks), so the switch carries the
// position of the section in view (#vk-section-3) and the address's query (a demo state such as
// ?spring.resources=1); the other edition turns the position into that section's own anchor.
(function () {
  "use strict";
  const PLACE = /^#vk-section-(\d+)$/;
  const sections = () => Array.from(document.querySelectorAll("article.bd-article section[id]"));

  function sectionInView() {
    // The last section that starts above the reading line: just under the sticky header, where a
    // link to a section puts its heading (the theme's scroll-padding-top).
    const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    let index = -1;
    sections().forEach((section, i) => {
      if (section.getBoundingClientRect().top <= padding + 40) index = i;
    });
    return index;
  }

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest("a.vk-edition-switch");
      if (!link) return;
      const index = sectionInView();
      const target = new URL(link.getAttribute("href"), location.href);
      target.search = location.search;
      target.hash = index > 0 ? `vk-section-${index}` : "";
      link.href = target.href;
    },
    true,
  );

  function arrive() {
    const place = location.hash.match(PLACE);
    if (!place) return;
    const section = sections()[Number(place[1])];
    if (!section) return;
    history.replaceState(null, "", `${location.pathname}${location.search}#${section.id}`);
    section.scrollIntoView({ behavior: "instant" });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", arrive);
  else arrive();
})();
