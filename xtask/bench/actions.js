// The baseline of `cargo xtask bench`: the improvement actions page written by hand, with
// no framework. It reads the same Graph endpoints as snowcard (every page of
// secureScoreControlProfiles through @odata.nextLink, then secureScores?$top=1), joins
// controlScores to the profiles by controlName, and renders the same row markup, in rank
// order with deprecated actions shown. The address's fragment names Graph and the token:
// actions.html#graph=http://127.0.0.1:8701&token=...
"use strict";

const params = new URLSearchParams(location.hash.slice(1));
const graph = params.get("graph");
const token = params.get("token");

const CATEGORIES = { identity: "Identity", data: "Data", device: "Devices", devices: "Devices",
  apps: "Apps", infrastructure: "Infrastructure" };
const SHARE_ICON = "M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z";
const SVG = "http://www.w3.org/2000/svg";

async function get(url) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function load() {
  const profiles = [];
  let next = `${graph}/v1.0/security/secureScoreControlProfiles`;
  while (next) {
    const page = await get(next);
    profiles.push(...page.value);
    next = page["@odata.nextLink"];
  }
  const scores = await get(`${graph}/v1.0/security/secureScores?$top=1`);
  render(profiles, scores.value[0]);
}

function points(value) {
  return Math.abs(value - Math.round(value)) < 0.005 ? String(Math.round(value)) : value.toFixed(2);
}

function latestState(profile) {
  let latest = null;
  for (const update of profile.controlStateUpdates || []) {
    if (!latest || (update.updatedDateTime || "") >= (latest.updatedDateTime || "")) latest = update;
  }
  return latest ? latest.state : "Default";
}

function status(state, score, max) {
  if (/^ignored$/i.test(state)) return "Risk accepted";
  if (/^thirdparty$/i.test(state)) return "Resolved through third party";
  if (max > 0 && score != null && score >= max - 1e-9) return "Completed";
  return "To address";
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function shareButton(i) {
  const share = element("div", "sc-share");
  const button = element("button", "sc-button sc-icon-button");
  button.type = "button";
  button.id = `sc-share-${i}`;
  button.setAttribute("aria-haspopup", "menu");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", `sc-share-${i}-menu`);
  const svg = document.createElementNS(SVG, "svg");
  for (const [name, value] of [["aria-hidden", "true"], ["viewBox", "0 0 24 24"], ["width", "18"],
    ["height", "18"], ["focusable", "false"]]) svg.setAttribute(name, value);
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", SHARE_ICON);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  button.append(svg, element("span", "sc-visually-hidden", "Share"));
  share.append(button);
  return share;
}

function row(action, i) {
  const li = element("li", "sc-action-row");
  const main = element("div", "sc-action-main");
  const category = CATEGORIES[(action.controlCategory || "").trim().toLowerCase()] || action.controlCategory;
  const max = action.maxScore || 0;
  const achieved = action.score == null ? "–" : points(action.score);
  let where = category;
  if (action.service) where += ` · ${action.service}`;
  where += ` · Max score: ${achieved} / ${points(max)}`;
  let facts = `Status: ${status(latestState(action), action.score, max)}`;
  if (action.rank != null) facts += ` · Rank: ${action.rank}`;
  if (action.userImpact) facts += ` · User impact: ${action.userImpact}`;
  if (action.implementationCost) facts += ` · Implementation cost: ${action.implementationCost}`;
  main.append(element("h3", "sc-action-title", action.title.trim() ? action.title : action.id),
    element("p", "sc-muted", where), element("p", "sc-muted", facts));
  li.append(main, shareButton(i));
  return li;
}

function render(profiles, latest) {
  const scores = new Map();
  for (const control of (latest && latest.controlScores) || []) scores.set(control.controlName, control.score);
  const actions = profiles.map((p) => ({ ...p, score: scores.has(p.id) ? scores.get(p.id) : null }));
  const rank = (a) => (a.rank == null ? Infinity : a.rank);
  const title = (a) => a.title.toLowerCase();
  actions.sort((a, b) => rank(a) - rank(b) || (title(a) < title(b) ? -1 : title(a) > title(b) ? 1 : 0)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const list = element("ul", "sc-actions-list");
  const rows = document.createDocumentFragment();
  actions.forEach((action, i) => rows.append(row(action, i)));
  list.append(rows);
  document.getElementById("snowcard").append(list);
}

load().catch((error) => {
  document.getElementById("snowcard").append(element("p", "sc-field-error", String(error)));
});
