// The annotation workspace: selection, keyboard and the side panel.
//
// One delegated click listener on the workspace and one keydown listener on the document,
// whatever the number of figures and claims: no listener per mark or row, and nothing here
// measures layout in a loop. Saves go through htmx (the page works without this script by
// Post/Redirect/Get).

import { selectionSpan } from "./offsets.js";
import { showStatus, watchRequests } from "./status.js";

const htmx = window.htmx;
const root = document.querySelector("[data-workspace]");

const state = { figure: null, claim: null, lastSpan: null, pending: new Set() };

const textBox = () => document.getElementById("article-text");
const editor = () => document.querySelector("[data-editor]");
const overlay = () => document.querySelector("[data-shortcuts]");

function firstMarks() {
  return Array.from(textBox().querySelectorAll("mark[data-figure-id]:not([data-part])"));
}

function setCurrent(kind, id, { scroll = true } = {}) {
  const selector = kind === "figure" ? "figure" : "claim";
  for (const old of document.querySelectorAll(`.is-current-${selector}`)) {
    old.classList.remove(`is-current-${selector}`);
  }
  state[kind] = id;
  if (id == null) return;
  const tag = kind === "figure" ? "mark" : "span";
  const pieces = textBox().querySelectorAll(`${tag}[data-${kind}-id="${id}"]`);
  for (const piece of pieces) piece.classList.add(`is-current-${selector}`);
  const row = document.getElementById(`${kind}-row-${id}`);
  if (row) row.classList.add(`is-current-${selector}`);
  if (scroll) {
    if (pieces[0]) pieces[0].scrollIntoView({ block: "center" });
    if (row) row.scrollIntoView({ block: "nearest" });
  }
}

function moveFigure(step) {
  const marks = firstMarks();
  if (!marks.length) return showStatus("info", "This article has no figures yet.");
  let index = marks.findIndex((m) => m.dataset.figureId === String(state.figure));
  index = index < 0 ? (step > 0 ? 0 : marks.length - 1) : (index + step + marks.length) % marks.length;
  setCurrent("figure", marks[index].dataset.figureId);
}

function moveClaim(step) {
  const rows = Array.from(document.querySelectorAll("[data-claim-list] > li[data-claim-id]"));
  if (!rows.length) return showStatus("info", "This article has no claims yet.");
  let index = rows.findIndex((r) => r.dataset.claimId === String(state.claim));
  index = index < 0 ? (step > 0 ? 0 : rows.length - 1) : (index + step + rows.length) % rows.length;
  setCurrent("claim", rows[index].dataset.claimId);
}

function post(row, url, values) {
  const key = row.id;
  if (state.pending.has(key)) {
    showStatus("pending", "Still saving the previous change…");
    return;
  }
  state.pending.add(key);
  htmx
    .ajax("POST", url, {
      source: row,
      target: row,
      swap: "outerHTML",
      values: { ...values, seen: row.dataset.seen || "" },
    })
    .finally(() => state.pending.delete(key));
}

function figureAction(action, id = state.figure) {
  if (id == null) return showStatus("info", "Pick a figure first (j / k, or click it).");
  const row = document.getElementById(`figure-row-${id}`);
  const button = row && row.querySelector(`[data-figure-action="${action}"]`);
  if (!button) return showStatus("error", "You cannot change figures here.");
  post(row, root.dataset.figureStateUrl, { figure_action: button.value });
}

function toggleTag(tagId, claimId = state.claim) {
  if (claimId == null) return showStatus("info", "Pick a claim first (click it, or [ / ]).");
  const row = document.getElementById(`claim-row-${claimId}`);
  const button = row && row.querySelector(`button[data-tag-id="${tagId}"]`);
  if (!button || button.disabled) return showStatus("error", "You cannot tag claims here.");
  post(row, root.dataset.claimTagUrl, { claim_tag: button.value });
}

function loadEditor(url) {
  htmx.ajax("GET", url, { target: "#editor", swap: "innerHTML" });
}

function closeEditor() {
  const box = editor();
  if (box) box.replaceChildren();
}

function currentSpan() {
  return selectionSpan(textBox()) || state.lastSpan;
}

function fromSelection(urlName) {
  const span = currentSpan();
  if (!span) return showStatus("info", "Select some text in the article first.");
  const url = new URL(root.dataset[urlName], window.location.href);
  url.searchParams.set("start", span.start);
  url.searchParams.set("end", span.end);
  loadEditor(url.pathname + url.search);
}

// Correcting a span: the open form's start and end become the selected text's (or the last
// selection's), in code points, so a figure or claim is re-spanned with the mouse.
function useSelection(form) {
  const span = currentSpan();
  if (!form || !span) return showStatus("info", "Select the right text in the article first.");
  form.querySelector("input[name=start]").value = span.start;
  form.querySelector("input[name=end]").value = span.end;
  const chosen = Array.from(textBox().textContent).slice(span.start, span.end).join("");
  showStatus("info", `Span set to ${span.start}–${span.end}: “${chosen}”. Save to apply.`);
}

function toggleHelp(show) {
  const box = overlay();
  box.hidden = show === undefined ? !box.hidden : !show;
  if (!box.hidden) box.querySelector("button").focus();
}

function submitEditor() {
  const form = document.querySelector("[data-editor] form[data-editor-form]");
  if (!form) return false;
  // A form swapped in a moment ago is wired by htmx when the swap settles; make sure it is
  // before submitting, so the save goes through htmx rather than a full page post.
  htmx.process(form);
  form.requestSubmit();
  return true;
}

function typing(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return false;
}

function tagKeyToggle(key) {
  // With the claim form open, a tag key ticks its box; otherwise it tags the current claim.
  const box = document.querySelector(`[data-editor] input[data-tag-key="${CSS.escape(key)}"]`);
  if (box) {
    box.checked = !box.checked;
    return true;
  }
  const tag = document.querySelector(`[data-tag-key-map] [data-key="${CSS.escape(key)}"]`);
  if (tag) {
    toggleTag(tag.dataset.tagId);
    return true;
  }
  return false;
}

const COMMANDS = {
  j: () => moveFigure(1),
  k: () => moveFigure(-1),
  c: () => figureAction("confirm"),
  x: () => figureAction("reject"),
  e: () => {
    if (state.figure == null) return showStatus("info", "Pick a figure first (j / k).");
    const link = document.querySelector(`#figure-row-${state.figure} [data-load-editor]`);
    if (link) loadEditor(link.getAttribute("href"));
  },
  n: () => fromSelection("newClaimUrl"),
  f: () => fromSelection("newFigureUrl"),
  l: () => {
    if (state.claim == null) return showStatus("info", "Pick a claim first (click it, or [ / ]).");
    const row = document.getElementById(`claim-row-${state.claim}`);
    if (row && row.dataset.linkUrl) loadEditor(row.dataset.linkUrl);
  },
  "]": () => moveClaim(1),
  "[": () => moveClaim(-1),
  "?": () => toggleHelp(),
};

function onKey(event) {
  const key = event.key;
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && (key === "Enter" || key.toLowerCase() === "s")) {
    if (submitEditor()) event.preventDefault();
    return;
  }
  if (key === "Escape") {
    if (!overlay().hidden) toggleHelp(false);
    else closeEditor();
    return;
  }
  if (ctrl || event.altKey || typing(event.target)) return;
  if (!overlay().hidden && key !== "?") return;
  const command = COMMANDS[key];
  if (command) {
    event.preventDefault();
    command();
  } else if (tagKeyToggle(key)) {
    event.preventDefault();
  }
}

function onClick(event) {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const command = target.closest("[data-command]");
  if (command) {
    const name = command.dataset.command;
    if (name === "new-claim") fromSelection("newClaimUrl");
    else if (name === "new-figure") fromSelection("newFigureUrl");
    else if (name === "help") toggleHelp();
    else if (name === "close-editor") closeEditor();
    else if (name === "use-selection") useSelection(command.closest("form"));
    event.preventDefault();
    return;
  }
  const action = target.closest("[data-figure-action]");
  if (action) {
    event.preventDefault();
    const row = action.closest("[data-figure-id]");
    setCurrent("figure", row.dataset.figureId, { scroll: false });
    figureAction(action.dataset.figureAction, row.dataset.figureId);
    return;
  }
  const tagButton = target.closest("button[name=claim_tag]");
  if (tagButton) {
    event.preventDefault();
    const row = tagButton.closest("[data-claim-id]");
    setCurrent("claim", row.dataset.claimId, { scroll: false });
    toggleTag(tagButton.dataset.tagId, row.dataset.claimId);
    return;
  }
  const load = target.closest("[data-load-editor]");
  if (load) {
    event.preventDefault();
    const row = load.closest("[data-claim-id], [data-figure-id]");
    if (row && row.dataset.claimId) setCurrent("claim", row.dataset.claimId, { scroll: false });
    if (row && row.dataset.figureId) setCurrent("figure", row.dataset.figureId, { scroll: false });
    loadEditor(load.getAttribute("href"));
    return;
  }
  const pick = target.closest("[data-pick-source]");
  if (pick) {
    pickSource(pick);
    return;
  }
  const goFigure = target.closest("[data-goto-figure]");
  if (goFigure) {
    event.preventDefault();
    setCurrent("figure", goFigure.dataset.gotoFigure);
    return;
  }
  const goClaim = target.closest("[data-goto-claim]");
  if (goClaim) {
    event.preventDefault();
    setCurrent("claim", goClaim.dataset.gotoClaim);
    return;
  }
  if (textBox().contains(target) && window.getSelection().isCollapsed) {
    const mark = target.closest("mark[data-figure-id]");
    if (mark) setCurrent("figure", mark.dataset.figureId, { scroll: false });
    const claim = target.closest("span[data-claim-id]");
    if (claim) setCurrent("claim", claim.dataset.claimId, { scroll: false });
    return;
  }
  const row = target.closest("[data-claim-list] > li[data-claim-id]");
  if (row) setCurrent("claim", row.dataset.claimId, { scroll: false });
}

function pickSource(button) {
  const select = document.querySelector(`[data-editor] select[name="${button.dataset.field}"]`);
  if (!select) return;
  let option = Array.from(select.options).find((o) => o.value === button.dataset.pickSource);
  if (!option) {
    option = new Option(button.dataset.name, button.dataset.pickSource);
    select.add(option);
  }
  select.value = option.value;
  const results = button.closest("[data-source-results]");
  if (results) results.replaceChildren();
  select.focus();
}

let selectionFrame = 0;
function onSelectionChange() {
  if (selectionFrame) return;
  selectionFrame = requestAnimationFrame(() => {
    selectionFrame = 0;
    const box = textBox();
    const span = box ? selectionSpan(box) : null;
    const info = document.querySelector("[data-selection-info]");
    if (span) {
      state.lastSpan = span;
      if (info) {
        const chars = span.end - span.start;
        info.textContent = `${chars} character${chars === 1 ? "" : "s"} selected (${span.start}–${span.end})`;
      }
    } else if (info && !document.activeElement?.closest("[data-editor]")) {
      info.textContent = "";
    }
  });
}

function onServerEvents() {
  document.addEventListener("cd-figure", (event) => {
    const { id, state: figureState } = event.detail;
    for (const mark of textBox().querySelectorAll(`mark[data-figure-id="${id}"]`)) {
      mark.classList.remove("figure--suggested", "figure--confirmed", "figure--rejected");
      mark.classList.add(`figure--${figureState}`);
    }
  });
  document.addEventListener("cd-select-figure", (event) => {
    state.lastSpan = null;
    requestAnimationFrame(() => setCurrent("figure", String(event.detail.id)));
  });
  document.addEventListener("cd-select-claim", (event) => {
    state.lastSpan = null;
    requestAnimationFrame(() => setCurrent("claim", String(event.detail.id)));
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    // Rows swapped in after a save keep the current-figure/claim highlight.
    const target = event.detail.target;
    if (target && target.id && target.id.startsWith("figure-row-") && state.figure != null) {
      setCurrent("figure", state.figure, { scroll: false });
    } else if (target && target.id && target.id.startsWith("claim-row-") && state.claim != null) {
      setCurrent("claim", state.claim, { scroll: false });
    } else if (target && target.id === "editor") {
      const box = target.querySelector("[data-editor-box]");
      if (box) {
        box.tabIndex = -1;
        box.focus({ preventScroll: true });
        box.scrollIntoView({ block: "nearest" });
      }
    }
  });
}

if (root && htmx) {
  watchRequests(htmx);
  root.addEventListener("click", onClick);
  overlay().addEventListener("click", onClick);
  // A command button keeps the text selection: no focus move on mouse down.
  root.addEventListener("mousedown", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-command]")) {
      event.preventDefault();
    }
  });
  document.addEventListener("keydown", onKey);
  document.addEventListener("selectionchange", onSelectionChange);
  onServerEvents();
  root.dataset.ready = "true";
}
