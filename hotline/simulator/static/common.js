// What every part of the page shares: the app's URLs, element building, and posting an action.
export const urls = document.body.dataset;  // sendUrl, stateUrl, callUrl, actUrl

let refresh = () => {};

/** Run `fn` after every action, to show its effect at once rather than at the next poll. */
export function afterActions(fn) { refresh = fn; }

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** POST `body` as JSON from a phone's card; a refusal shows on the card. True when it went. */
export async function post(card, url, body) {
  const error = card.querySelector(".error");
  error.textContent = "";
  let ok = false;
  try {
    const reply = await fetch(url, {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body || {}),
    });
    ok = reply.ok;
    if (!ok) error.textContent = (await reply.json().catch(() => ({}))).error || reply.statusText;
  } catch (e) { error.textContent = "Could not reach the server."; }
  refresh();
  return ok;
}
