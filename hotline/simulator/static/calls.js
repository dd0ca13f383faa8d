// A phone's call panel: dial the line, answer the line's call, then keys, words, hold, hang up.
import {el, post, urls} from "./common.js";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const LIVE = ["in-progress", "in-queue", "bridged"];
const STATES = {"in-progress": "On a call with the line", "in-queue": "On hold",
                "bridged": "Connected", "ringing": "Ringing", "ended": "Call ended"};

function act(card, callId, action, body) {
  if (!callId) return;
  const url = urls.actUrl.replace("CALL_ID", encodeURIComponent(callId)).replace("ACTION", action);
  return post(card, url, body);
}

export function addCallPanel(card, numberOf, canDial) {
  const panel = document.getElementById("call-panel").content.firstElementChild.cloneNode(true);
  const live = () => panel.dataset.live;
  const speech = panel.querySelector(".speech input");
  const dial = panel.querySelector(".dial");
  dial.hidden = !canDial;
  dial.addEventListener("click", () => post(card, urls.callUrl, {from: numberOf()}));
  panel.querySelector(".answer").addEventListener("click", () => act(card, panel.dataset.ringing, "answer"));
  panel.querySelector(".decline").addEventListener("click", () => act(card, panel.dataset.ringing, "decline"));
  const keypad = panel.querySelector(".keypad");
  for (const key of KEYS) {
    const button = el("button", "", key);
    button.type = "button";
    button.addEventListener("click", () => act(card, live(), "press", {digits: key}));
    keypad.append(button);
  }
  const say = () => {
    if (!speech.value.trim()) return;
    act(card, live(), "say", {text: speech.value});
    speech.value = "";
  };
  panel.querySelector(".speak").addEventListener("click", say);
  speech.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); say(); }
  });
  for (const action of ["silence", "record", "hangup"]) {
    panel.querySelector("." + action).addEventListener("click", () => act(card, live(), action));
  }
  card.insertBefore(panel, card.querySelector(".texts"));
}

export function showCalls(card, calls) {
  const panel = card.querySelector(".call");
  if (!panel) return;
  const ringing = calls.filter((c) => c.state === "ringing").at(-1);
  const live = calls.filter((c) => LIVE.includes(c.state)).at(-1);
  const shown = live || calls.filter((c) => c.state !== "ringing").at(-1);
  panel.dataset.live = live ? live.id : "";
  panel.dataset.ringing = ringing ? ringing.id : "";

  const ring = panel.querySelector(".ring");
  ring.hidden = !ringing;
  if (ringing) ring.querySelector(".ring-from").textContent = `Incoming call from the line ${ringing.line}`;

  const status = panel.querySelector(".call-status");
  const current = live || ringing || shown;
  status.className = "call-status" + (live ? " live" : "");
  status.textContent = current
    ? `${STATES[current.state]} · ${current.direction === "outgoing" ? "to" : "from"} ${current.line}`
    : "No call";
  panel.querySelector(".dial").disabled = Boolean(live);

  const heard = panel.querySelector(".heard");
  heard.hidden = !shown || !shown.heard.length;
  const key = shown ? shown.id + ":" + shown.heard.length : "";
  if (heard.dataset.key !== key) {
    heard.dataset.key = key;
    heard.replaceChildren(...(shown ? shown.heard : []).map((line) => {
      const item = el("li", line.kind, line.text);
      if (line.kind === "say") item.append(el("small", "", line.language));
      return item;
    }));
    heard.scrollTop = heard.scrollHeight;
  }

  const controls = panel.querySelector(".controls");
  controls.hidden = !live;
  if (!live) return;
  const can = (action) => live.actions.includes(action);
  const hints = {
    gather: can("say") ? "The line is listening: press keys or say something." : "The line is listening for keys.",
    record: "Recording: leave a message, or hang up.",
    hold: "On hold.",
    dialing: "Ringing the other side…",
  };
  const hint = live.state === "bridged" ? "Connected: you and the other side hear each other."
    : hints[live.awaiting] || "The line is speaking…";
  panel.querySelector(".hint").textContent = hint + (live.digits ? ` Keys so far: ${live.digits}` : "");
  panel.querySelectorAll(".keypad button").forEach((button) => { button.disabled = !can("press"); });
  panel.querySelector(".speech").hidden = !can("say");
  const silence = panel.querySelector(".silence");
  silence.hidden = !can("silence");
  silence.textContent = live.awaiting === "hold" ? "Keep holding" : "Stay silent";
  panel.querySelector(".record").hidden = !can("record");
}
