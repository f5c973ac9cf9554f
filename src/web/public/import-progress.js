// The progress of a crime data upload, checked again every few seconds while the page is open: the table is
// replaced in place and the summary (a live region) changes only when there is news, so a screen reader is not
// interrupted for nothing. Once every file is done the page is loaded again to show the outcome.
const region = globalThis.document.querySelector('[data-import-progress]');

async function check() {
  const response = await globalThis.fetch(globalThis.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const page = new globalThis.DOMParser().parseFromString(await response.text(), 'text/html');
  if (!page.querySelector('[data-import-progress]')) {
    globalThis.location.reload();
    return;
  }
  const summary = region.querySelector('[data-import-summary]');
  const newSummary = page.querySelector('[data-import-summary]');
  if (summary && newSummary && summary.textContent !== newSummary.textContent) summary.textContent = newSummary.textContent;
  const files = globalThis.document.querySelector('[data-import-files]');
  const newFiles = page.querySelector('[data-import-files]');
  if (files && newFiles) files.replaceChildren(...newFiles.childNodes);
}

if (region) {
  const seconds = Number(region.dataset.pollSeconds) || 2;
  const next = () => globalThis.setTimeout(() => check().finally(next), seconds * 1000);
  next();
}
