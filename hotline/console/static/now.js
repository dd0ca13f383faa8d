// The Now page, kept current without a reload: every 5 seconds it asks the page's JSON and
// redraws the status, who is on call and the cases. Text only (textContent): nothing from the
// server is ever read as HTML.
"use strict";

(function () {
  const root = document.getElementById("now");
  if (!root) return;
  const EVERY_MS = 5000;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  function actionForm(url, id, csrf, label) {
    return el("form", { method: "post", action: url.replace(/\/0\//, "/" + id + "/") },
      el("input", { type: "hidden", name: "csrf_token", value: csrf }),
      el("button", { type: "submit" }, label));
  }

  function drawCases(board) {
    const list = document.getElementById("cases");
    const items = board.cases.map((c) => {
      const flag = el("span", c.urgent ? { class: "flag" } : {}, c.urgency);
      const line = el("p", {}, el("strong", {}, board.labels.case_code.replace("{code}", c.code)),
        ` · ${c.category} · `, flag, ` · ${c.language} · ${c.channel} · ${c.age}`);
      const actions = el("div", { class: "actions" });
      if (c.can_make_urgent) actions.append(actionForm(root.dataset.urgentUrl, c.id, board.csrf,
        board.labels.make_urgent));
      if (c.can_offer_again) actions.append(actionForm(root.dataset.againUrl, c.id, board.csrf,
        board.labels.offer_again));
      return el("li", { class: "card case" + (c.urgent ? " urgent" : ""), "data-case": c.id },
        line, el("p", { class: "state" }, c.state), actions);
    });
    if (!items.length) items.push(el("li", { class: "card" }, board.labels.no_cases));
    if (list.contains(document.activeElement)) return; // never pull a button from under a user
    list.replaceChildren(...items);
  }

  function drawOnCall(board) {
    const nobody = board.labels.nobody;
    document.getElementById("on-call").replaceChildren(...board.on_call.map((row) => {
      const item = el("li", { class: "card" }, el("strong", {}, row.category),
        ": " + (row.names.join(", ") || nobody));
      if (row.handoff) {
        item.append(el("br"), el("span", { class: "hint" },
          `${board.labels.next_handoff} ${row.handoff}: ${row.next.join(", ") || nobody}`));
      }
      return item;
    }));
    document.getElementById("backup").textContent = board.backup.join(", ") || nobody;
  }

  async function refresh() {
    const offline = document.getElementById("offline");
    try {
      const answer = await fetch(root.dataset.url, {
        headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (answer.status === 401) { window.location.reload(); return; }
      if (!answer.ok) throw new Error(String(answer.status));
      const board = await answer.json();
      const status = document.getElementById("status");
      status.textContent = board.status;
      status.className = "status " + (board.open ? "open" : "closed");
      document.getElementById("updated").textContent = board.updated;
      drawOnCall(board);
      drawCases(board);
      offline.hidden = true;
    } catch (error) {
      offline.hidden = false;
    }
  }

  setInterval(refresh, EVERY_MS);
})();
