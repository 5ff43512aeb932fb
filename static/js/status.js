// The status line: what was saved, and above all what was not.
//
// Every save goes through htmx. A refused stale edit (409) or an invalid form (422) comes
// back as a fragment to swap in, with the reason in a "cd-message" event from the server;
// any other failure (403, 500, no network) is reported here, so no failed save is silent.

export function showStatus(level, text) {
  const box = document.querySelector("[data-status]");
  if (!box) return;
  box.textContent = text;
  box.dataset.level = level;
  box.hidden = false;
}

function describeFailure(xhr) {
  if (xhr.status === 403) return "you do not have permission to make this change";
  if (xhr.status === 404) return "it no longer exists (reload the page)";
  if (xhr.status === 400) return xhr.responseText.slice(0, 200) || "the request was not understood";
  return `the server answered ${xhr.status} ${xhr.statusText}`.trim();
}

export function watchRequests(htmx) {
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    // Stale: the current version replaces what the page showed; the reason comes as an event.
    { code: "409", swap: true },
    // Invalid: the form comes back with its errors marked.
    { code: "422", swap: true },
    { code: "[45]..", swap: false, error: true },
  ];
  htmx.config.allowEval = false;
  htmx.config.includeIndicatorStyles = false;

  document.addEventListener("cd-message", (event) => {
    showStatus(event.detail.level, event.detail.text);
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") {
      showStatus("pending", "Saving…");
    }
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const xhr = event.detail.xhr;
    if (xhr && xhr.status === 422) {
      showStatus("error", "Not saved: correct the fields marked in the form and save again.");
    }
  });
  document.addEventListener("htmx:responseError", (event) => {
    showStatus("error", `Not saved: ${describeFailure(event.detail.xhr)}.`);
  });
  for (const name of ["htmx:sendError", "htmx:timeout"]) {
    document.addEventListener(name, () => {
      showStatus(
        "error",
        "Not saved: the server could not be reached. Nothing was lost on this page; try again.",
      );
    });
  }
}
