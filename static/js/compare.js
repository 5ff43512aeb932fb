// The side-by-side comparison: an aligned figure, hovered or focused, lights up its partner
// in the other column; "Show" scrolls to a change's figures; j / k move between the changes.
// Event delegation only, so the fragment htmx swaps in after a decision works unchanged.
import { watchRequests } from "./status.js";

const PARTNER = "is-partner";
const CURRENT = "is-current";

function marksOfPair(pair) {
  return document.querySelectorAll(`.compare-text mark[data-pair="${CSS.escape(pair)}"]`);
}

function light(mark, on) {
  if (!mark || !mark.dataset.pair) return;
  for (const other of marksOfPair(mark.dataset.pair)) other.classList.toggle(PARTNER, on);
}

for (const type of ["mouseover", "focusin"]) {
  document.addEventListener(type, (event) => light(event.target.closest("mark[data-pair]"), true));
}
for (const type of ["mouseout", "focusout"]) {
  document.addEventListener(type, (event) => light(event.target.closest("mark[data-pair]"), false));
}

function show(item) {
  for (const old of document.querySelectorAll(`.${CURRENT}`)) old.classList.remove(CURRENT);
  item.classList.add(CURRENT);
  const ids = (item.dataset.figureIds || "").split(/\s+/).filter(Boolean);
  const marks = ids.map((id) => document.getElementById(`figure-${id}`)).filter(Boolean);
  for (const mark of marks) mark.classList.add(CURRENT);
  if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  item.focus({ preventScroll: true });
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-show]");
  const item = link && link.closest("[data-change]");
  if (!item) return;
  event.preventDefault();
  show(item);
});

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest("input, select, textarea")) return;
  if (event.key !== "j" && event.key !== "k") return;
  const items = [...document.querySelectorAll("[data-change]")];
  if (!items.length) return;
  const at = items.findIndex((item) => item.classList.contains(CURRENT));
  const next = event.key === "j" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
  show(items[at < 0 ? 0 : next]);
  event.preventDefault();
});

if (window.htmx) watchRequests(window.htmx);
