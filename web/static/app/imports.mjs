// Uploads chosen letters one at a time, so each file shows its own progress; without
// this script the form sends them all at once and the page lists the results.
const form = document.querySelector('form[data-module="import-upload"]');
const progress = document.getElementById("upload-progress");

function row(list, name) {
  const item = document.createElement("li");
  item.className = "govuk-!-margin-bottom-2";
  item.textContent = `${name}: waiting`;
  list.append(item);
  return item;
}

function show(item, result, name) {
  item.textContent = "";
  const tag = document.createElement("strong");
  const link = document.createElement("a");
  link.className = "govuk-link";
  if (result.error || !result.id) {
    tag.className = "govuk-tag govuk-tag--red";
    tag.textContent = "Not read";
    item.append(tag, ` ${result.error || result.message || name}`);
    return;
  }
  if (result.recorded_inspection_id) {
    tag.className = "govuk-tag govuk-tag--grey";
    tag.textContent = "Recorded before";
    link.href = `/inspections/${result.recorded_inspection_id}`;
    link.textContent = "this inspection";
    item.append(tag, ` ${result.source}: already recorded as `, link, "; nothing will change");
    return;
  }
  tag.className = "govuk-tag govuk-tag--green";
  tag.textContent = "Read";
  link.href = `/imports/${result.id}`;
  link.textContent = "Check and record";
  const who = result.authority || "no authority named";
  item.append(tag, ` ${result.source}: ${who}, ${result.findings} finding(s). `, link);
}

async function send(file, token) {
  const body = new FormData();
  body.append("csrf_token", token);
  body.append("file", file);
  const response = await fetch("/imports", {
    method: "POST",
    body,
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  const type = response.headers.get("content-type") || "";
  if (response.redirected || !type.includes("application/json")) {
    // Sent to the sign-in page, or refused before the app could answer in JSON.
    const why = response.status === 413 ? "it is over 10 MB" : "your session may have ended";
    return { error: `${file.name}: not read, ${why}; reload the page and try again` };
  }
  return response.json();
}

if (form) {
  form.addEventListener("submit", async (event) => {
    const files = Array.from(form.querySelector('input[type="file"]').files);
    if (files.length === 0) return; // the server says what is missing
    event.preventDefault();
    const token = form.querySelector('input[name="csrf_token"]').value;
    progress.textContent = "";
    const heading = document.createElement("h2");
    heading.className = "govuk-heading-m";
    heading.textContent = `Reading ${files.length} document(s)`;
    const list = document.createElement("ul");
    list.className = "govuk-list";
    list.id = "upload-results";
    progress.append(heading, list);
    const items = files.map((file) => row(list, file.name));
    for (const [index, file] of files.entries()) {
      items[index].textContent = `${file.name}: reading…`;
      show(items[index], await send(file, token), file.name);
    }
    heading.textContent = "What was read";
  });
}
