// A phone's texts: the compose box, the list of texts, and what is new since it was last shown.
import {el, post, urls} from "./common.js";

const shown = new Map();   // card element -> the texts its list shows now, as JSON
const seen = new Map();    // card element -> ids of the texts it has shown

export function addCompose(card, numberOf) {
  const form = document.getElementById("compose").content.firstElementChild.cloneNode(true);
  const box = form.querySelector("textarea");
  const picture = form.querySelector("input[type=checkbox]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const media = picture.checked ? 1 : 0;
    if (!box.value.trim() && !media) return;
    card.dataset.follow = "1";
    if (await post(card, urls.sendUrl, {from: numberOf(), body: box.value, media})) {
      box.value = ""; picture.checked = false;
    }
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  card.insertBefore(form, card.querySelector(".error"));
}

/** The texts a card had not shown before, other than its own; none the first time it shows. */
export function newTexts(card, texts, owner) {
  const before = seen.get(card);
  const now = new Set(texts.map((t) => t.id));
  seen.set(card, now);
  if (!before || before.owner !== owner) { now.owner = owner; return []; }
  now.owner = owner;
  return texts.filter((t) => !before.has(t.id) && t.direction !== "sent");
}

function bubble(text) {
  const node = el("div", `bubble ${text.direction}${text.urgent ? " urgent" : ""}`);
  node.setAttribute("role", "listitem");
  if (text.urgent) node.append(el("span", "flag", "⚠ URGENT"), document.createElement("br"));
  if (text.direction === "carrier") node.append(el("span", "from", "Carrier message"));
  const body = text.body + (text.media ? (text.body ? "\n" : "") + "[picture]" : "");
  node.append(document.createTextNode(body));
  const when = new Date(text.at).toLocaleTimeString([],
    {hour: "2-digit", minute: "2-digit", second: "2-digit"});
  const who = {sent: "to the line", received: "from the line", carrier: ""}[text.direction];
  const small = el("small", "", [who, when, text.label].filter(Boolean).join(" · "));
  if (text.explain) small.title = text.explain;
  node.append(small);
  return node;
}

export function showTexts(card, texts) {
  const list = card.querySelector(".texts");
  const key = JSON.stringify(texts);
  if (shown.get(card) === key) return;
  shown.set(card, key);
  if (!texts.length) {
    const empty = el("div", "empty", "No texts yet.");
    empty.setAttribute("role", "listitem");
    list.replaceChildren(empty);
    return;
  }
  list.replaceChildren(...texts.map(bubble));
}

export function forget(card) { shown.delete(card); seen.delete(card); }
