// Consistency findings: selecting a finding highlights its figures in the article text.
//
// Findings are list items with data-finding and data-figure-ids="3 6"; figures in the text
// are <mark data-figure-id="3"> (a figure cut by an overlapping claim has several pieces).
// Everything is wired by event delegation, so lists swapped in by htmx work unchanged.

const SELECTED = "is-selected";
const HIGHLIGHT = "finding-highlight";

function clearSelection() {
  for (const mark of document.querySelectorAll(`mark.${HIGHLIGHT}`)) {
    mark.classList.remove(HIGHLIGHT);
  }
  for (const item of document.querySelectorAll(`[data-finding].${SELECTED}`)) {
    item.classList.remove(SELECTED);
    const button = item.querySelector("[data-finding-select]");
    if (button) button.setAttribute("aria-pressed", "false");
  }
}

export function figureMarks(item) {
  const ids = (item.dataset.figureIds || "").split(/\s+/).filter(Boolean);
  return ids.flatMap((id) => [
    ...document.querySelectorAll(`mark[data-figure-id="${CSS.escape(id)}"]`),
  ]);
}

// Select `item` (or unselect it when it already is): toggles the classes, scrolls the first
// figure into view.
export function selectFinding(item) {
  const wasSelected = item.classList.contains(SELECTED);
  clearSelection();
  if (wasSelected) return;
  item.classList.add(SELECTED);
  const button = item.querySelector("[data-finding-select]");
  if (button) button.setAttribute("aria-pressed", "true");
  const marks = figureMarks(item);
  for (const mark of marks) mark.classList.add(HIGHLIGHT);
  if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-finding-select]");
  const item = button && button.closest("[data-finding]");
  if (!item) return;
  event.preventDefault();
  selectFinding(item);
});

// A figure confirmed, corrected or rejected, a claim or link saved elsewhere in the
// workspace: check the article again.
document.addEventListener("htmx:afterRequest", (event) => {
  const panel = document.getElementById("findings-panel");
  const detail = event.detail || {};
  const verb = detail.requestConfig && detail.requestConfig.verb;
  if (!panel || !window.htmx || !detail.successful || !verb || verb === "get") return;
  if (panel.contains(detail.elt)) return;
  window.htmx.trigger(panel, "cd-findings-refresh");
});

// Arriving from the collection report with ?finding=<key>: select it once the list is in.
let preselect = new URLSearchParams(window.location.search).get("finding");
document.addEventListener("htmx:afterSettle", () => {
  if (!preselect) return;
  const item = [...document.querySelectorAll("[data-finding]")].find(
    (el) => el.dataset.findingKey === preselect,
  );
  if (item) {
    preselect = null;
    selectFinding(item);
  }
});
