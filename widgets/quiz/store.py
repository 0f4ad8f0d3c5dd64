"""A question's last answer in the browser's own storage, so it survives a reload of the notebook.

In the live app (and in JupyterLab) Python starts afresh on every reload; the site's quiz keeps a
page's answers in the browser (``localStorage``), and this does the same for one live question: each
question widget holds one store (an anywidget that draws nothing). When the question is first drawn,
the store sends what the browser kept for it; after each check, the question gives the store its
answer and number of attempts, which the browser keeps. Per edition and question, under the key
``vk-live:<lang>:<bank>:<question>``, with the question's ``version`` (the hash the site's records
carry, ``static.version``): an answer kept for a question that has changed since is not brought back.
A storage that is switched off or full keeps nothing and stops nothing. Nothing leaves the browser.
"""

from __future__ import annotations

import anywidget
from traitlets import Bool, Dict, Unicode

_ESM = """
function render({ model, el }) {
  const key = model.get("key");
  if (!model.get("sent")) {  // once per question, however often it is drawn
    let kept = {};
    try { kept = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (error) { kept = {}; }
    model.set("kept", kept);
    model.set("sent", true);
    model.save_changes();
  }
  const keep = () => {
    try { localStorage.setItem(key, JSON.stringify(model.get("record"))); } catch (error) { /* off or full */ }
  };
  model.on("change:record", keep);
  el.hidden = true;
  return () => model.off("change:record", keep);
}
export default { render };
"""


class AnswerStore(anywidget.AnyWidget):
    """The browser's record of one question: ``kept`` (what it had, sent once), ``record`` (what to keep)."""

    _esm = _ESM
    key = Unicode("").tag(sync=True)
    kept = Dict().tag(sync=True)
    sent = Bool(False).tag(sync=True)
    record = Dict().tag(sync=True)
