// Starts GOV.UK Frontend's components (error summary focus, radios, navigation toggle) and
// keeps every page to the width of the screen.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

// After a form, its confirmation comes first: an address ending in #history, say, would
// scroll the page past the banner at its top, so the fragment is dropped and the page starts
// at the top (the banner, a role="alert" region, is read out and takes the focus).
const confirmation = document.querySelector(".govuk-notification-banner--success");
if (confirmation && location.hash) {
  history.replaceState(history.state, "", location.pathname + location.search);
  window.scrollTo(0, 0);
  window.addEventListener("load", () => window.scrollTo(0, 0), { once: true });
}

// A table wider than the screen scrolls within its own region, not the whole page. A region
// that does scroll is named after its table and takes the keyboard's focus, so it can be
// scrolled without a mouse; one that fits stays out of the way.
const regions = [...document.querySelectorAll("main table")].map((table) => {
  const parent = table.parentElement;
  if (parent.classList.contains("app-table-scroll")) return parent;
  const region = document.createElement("div");
  region.className = "app-table-scroll";
  table.before(region);
  region.append(table);
  return region;
});

// A table's name: its caption, else the heading before it, else its column headings.
function nameOf(table, region) {
  if (table.caption) return table.caption.textContent.trim();
  for (let before = region.previousElementSibling; before; before = before.previousElementSibling) {
    if (/^H[1-6]$/.test(before.tagName)) return before.textContent.trim();
  }
  return [...table.querySelectorAll("th")].map((th) => th.textContent.trim()).filter(Boolean).join(", ");
}

function markScrolling() {
  const names = new Map();
  for (const region of regions) {
    const table = region.querySelector("table");
    if (region.scrollWidth > region.clientWidth + 1) {
      const name = nameOf(table, region) || "Table";
      const seen = (names.get(name) || 0) + 1;
      names.set(name, seen);
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", `${name}${seen > 1 ? ` (${seen})` : ""}, scrolls sideways`);
      region.tabIndex = 0;
    } else {
      region.removeAttribute("role");
      region.removeAttribute("aria-label");
      region.removeAttribute("tabindex");
    }
  }
}
markScrolling();
window.addEventListener("resize", markScrolling);

initAll();
