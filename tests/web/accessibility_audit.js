// Run in the page: labels, headings and the language, as a screen reader would need them.
(() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("html has no lang");
  if (!document.title.trim()) problems.push("page has no title");
  const h1 = document.querySelectorAll("h1");
  if (h1.length !== 1) problems.push(`${h1.length} h1 headings`);
  let last = 0;
  for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5")) {
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) problems.push(`heading ${h.tagName} "${h.textContent.trim()}" skips a level`);
    last = level;
  }
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden") continue;
    const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.getAttribute("aria-label");
    if (!labelled) problems.push(`field ${el.name} has no label`);
  }
  for (const link of document.querySelectorAll("a")) {
    if (!link.textContent.trim() && !link.getAttribute("aria-label")) problems.push(`empty link to ${link.href}`);
  }
  return problems;
})
