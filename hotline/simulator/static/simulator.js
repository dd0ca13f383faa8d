// The phone simulator's page: polls the line's state and shows each phone as it would look.
import {addCallPanel, showCalls} from "./calls.js";
import {afterActions, el, urls} from "./common.js";
import {addCompose, forget, newTexts, showTexts} from "./texts.js";

const DEFAULT_PERSON = "+15555550123";
const phones = document.getElementById("phones");
const person = document.getElementById("person");
const personNumber = document.getElementById("person-number");
const people = document.getElementById("people");
const chooser = document.querySelector(".chooser");
const announcer = document.getElementById("announce");
const narrow = window.matchMedia("(max-width: 640px)");
let state = null;
let roster = "";
let chosen = localStorage.getItem("simulator.shown") || "person";

personNumber.value = localStorage.getItem("simulator.person") || DEFAULT_PERSON;

const keyOf = (card) => (card === person ? "person" : card.dataset.phone);
const nameOf = (card) => (card === person ? "The person's" : `${card.dataset.name}'s`);

// One phone's call panel, then its texts. The panel sits above the texts and grows or shrinks
// with the call, so whether the texts were scrolled to the latest is read before it changes.
function showPhone(card, texts, calls, owner) {
  const list = card.querySelector(".texts");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 30;
  showCalls(card, calls);
  showTexts(card, texts);
  if (atBottom || card.dataset.follow) list.scrollTop = list.scrollHeight;
  delete card.dataset.follow;
  const fresh = newTexts(card, texts, owner);
  const button = chooser.querySelector(`[data-for="${keyOf(card)}"]`);
  if (fresh.length && button && narrow.matches && keyOf(card) !== chosen) {
    const urgent = fresh.some((t) => t.urgent);
    button.querySelector(".new")?.remove();
    button.append(el("span", "new", urgent ? " · URGENT text" : " · new text"));
  }
  return fresh.map((t) => {
    const from = t.direction === "carrier" ? "a note from the carrier" : "a text from the line";
    return `${nameOf(card)} phone got ${t.urgent ? "an URGENT text" : from}: ${t.body}`;
  });
}

function announce(lines) {
  if (!lines.length) return;
  announcer.textContent = "";
  setTimeout(() => { announcer.textContent = lines.slice(-3).join(" "); }, 50);
}

function choose(key) {
  const cards = [person, ...phones.querySelectorAll(".phone.responder[data-phone]")];
  if (!cards.some((card) => keyOf(card) === key)) key = "person";
  chosen = key;
  localStorage.setItem("simulator.shown", key);
  for (const card of cards) card.classList.toggle("chosen", keyOf(card) === key);
  for (const button of chooser.querySelectorAll("button")) {
    const on = button.dataset.for === key;
    button.setAttribute("aria-pressed", String(on));
    if (on) button.querySelector(".new")?.remove();
  }
}

function rosterKey(responders) {
  return JSON.stringify(responders.map((r) => [r.name, r.phone]));
}

function responderCard(r) {
  const card = el("section", "phone responder");
  card.dataset.name = r.name;
  card.dataset.phone = r.phone;
  card.setAttribute("aria-label", `${r.name}'s phone`);
  const top = el("div", "top");
  const name = el("h2", "name", r.name);
  name.append(el("span", "badge"));
  const kinds = r.categories.join(", ").replaceAll("_", " ");
  top.append(name, el("div", "meta", `${r.phone} · ${r.language_names.join(", ")} · ${kinds}`));
  const texts = el("div", "texts");
  texts.setAttribute("role", "list");
  texts.tabIndex = 0;
  texts.setAttribute("aria-label", `Texts on ${r.name}'s phone`);
  const error = el("div", "error");
  error.setAttribute("role", "alert");
  card.append(top, texts, error);
  addCallPanel(card, () => r.phone, false);
  addCompose(card, () => r.phone);
  return card;
}

function responderCards(responders) {
  if (rosterKey(responders) === roster) return;
  roster = rosterKey(responders);
  phones.querySelectorAll(".phone.responder").forEach((card) => { forget(card); card.remove(); });
  chooser.querySelectorAll("button:not([data-for=person])").forEach((b) => b.remove());
  for (const r of responders) {
    phones.append(responderCard(r));
    const button = el("button", "", r.name);
    button.type = "button";
    button.dataset.for = r.phone;
    chooser.append(button);
  }
  choose(chosen);
}

function render() {
  responderCards(state.responders);
  const heard = [];
  for (const r of state.responders) {
    const card = phones.querySelector(`.phone.responder[data-phone="${r.phone}"]`);
    const badge = card.querySelector(".badge");
    badge.textContent = r.taking_offers ? "taking offers" : "not taking offers";
    badge.className = "badge " + (r.taking_offers ? "on" : "off");
    heard.push(...showPhone(card, state.conversations[r.phone] || [], state.calls[r.phone] || [],
                            r.phone));
  }
  const current = personNumber.value.trim();
  heard.unshift(...showPhone(person, state.conversations[current] || [],
                             state.calls[current] || [], current));
  announce(heard);
  const others = state.people.filter((p) => p !== current);
  people.hidden = !others.length;
  const options = [`Switch person (${others.length} more texted)…`, ...others];
  if (people.dataset.options !== options.join()) {
    people.dataset.options = options.join();
    people.replaceChildren(...options.map((p, i) => {
      const option = el("option", "", p); option.value = i ? p : ""; return option;
    }));
  }
}

async function poll() {
  try {
    const reply = await fetch(urls.stateUrl, {cache: "no-store"});
    if (!reply.ok) throw new Error(reply.statusText);
    state = await reply.json();
    document.getElementById("offline").hidden = true;
    render();
  } catch (e) {
    document.getElementById("offline").hidden = false;
  }
}

function switchPerson(number) {
  personNumber.value = number;
  localStorage.setItem("simulator.person", number);
  person.querySelector(".error").textContent = "";
  person.dataset.follow = "1";
  if (state) render();
}

personNumber.addEventListener("change", () => switchPerson(personNumber.value.trim()));
people.addEventListener("change", () => {
  if (people.value) switchPerson(people.value);
  people.value = "";
});
document.getElementById("new-person").addEventListener("click", () => {
  const digits = String(Math.floor(Math.random() * 1e7)).padStart(7, "0");
  switchPerson("+1555" + digits);
});
chooser.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-for]");
  if (button) choose(button.dataset.for);
});
narrow.addEventListener("change", () => choose(chosen));
addCallPanel(person, () => personNumber.value.trim(), true);
addCompose(person, () => personNumber.value.trim());
const served = [...phones.querySelectorAll(".phone.responder[data-phone]")];
served.forEach((card) => {
  addCallPanel(card, () => card.dataset.phone, false);
  addCompose(card, () => card.dataset.phone);
});
roster = rosterKey(served.map((card) => card.dataset));
choose(chosen);
afterActions(poll);

poll();
setInterval(poll, 1000);
