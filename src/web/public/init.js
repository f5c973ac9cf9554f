// GOV.UK and MoJ components enhance themselves here; every page works without this script.
import { initAll as initGovuk } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';

const { document, MutationObserver } = globalThis;

/**
 * GOV.UK Frontend marks a radio that reveals a follow-up question with aria-expanded, which ARIA allows on
 * a checkbox but not on a radio (docs/decisions/0029-conditional-reveals-on-radios.md). Each time it sets it
 * (on load, on a click, on returning to the page), take it off again, keep aria-controls, and say in a status
 * message what the choice revealed.
 */
function announceRevealsOnRadios() {
  const radios = [...document.querySelectorAll('.govuk-radios__input[aria-controls]')];
  if (radios.length === 0) return;
  const status = document.createElement('div');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('role', 'status');
  status.dataset.qa = 'reveal-status';
  (document.querySelector('main') ?? document.body).append(status);

  const expanded = new WeakMap(radios.map((radio) => [radio, radio.checked]));
  const observer = new MutationObserver((mutations) => {
    for (const { target: radio } of mutations) {
      if (!radio.hasAttribute('aria-expanded')) continue;
      const isExpanded = radio.getAttribute('aria-expanded') === 'true';
      radio.removeAttribute('aria-expanded');
      if (isExpanded && !expanded.get(radio)) status.textContent = revealedText(radio);
      expanded.set(radio, isExpanded);
    }
  });
  for (const radio of radios) {
    radio.removeAttribute('aria-expanded');
    observer.observe(radio, { attributes: true, attributeFilter: ['aria-expanded'] });
  }
}

/** "Sent a substitute: 1 more question shown, Substitute", from the radio's label and the revealed labels. */
function revealedText(radio) {
  const target = document.getElementById(radio.getAttribute('aria-controls') ?? '');
  // A question is a legend, or a label outside any fieldset of its own (not a date's "Day" or a radio's option).
  const questions = [...(target?.querySelectorAll('legend, label') ?? [])]
    .filter((element) => element.tagName === 'LEGEND' || !target?.contains(element.closest('fieldset')))
    .map((element) => element.textContent.trim());
  const choice = radio.labels?.[0]?.textContent.trim() ?? 'Your choice';
  if (questions.length === 0) return `${choice}: more information shown`;
  const count = questions.length === 1 ? '1 more question' : `${questions.length} more questions`;
  return `${choice}: ${count} shown, ${questions.join(', ')}`;
}

/**
 * A table's scrolling box (partials/table.njk) takes focus so that it can be scrolled from the keyboard; while the
 * table fits there is nothing to scroll, so the box is no tab stop. A table wider than its box says so above it,
 * as nothing else shows that columns are out of sight. Checked again whenever the box changes size.
 */
function markScrollingTables() {
  const boxes = document.querySelectorAll('.safer-table-wrap');
  if (boxes.length === 0 || !globalThis.ResizeObserver) return;
  const hints = new Map();
  for (const box of boxes) {
    const hint = document.createElement('p');
    hint.className = 'govuk-body-s safer-table-hint';
    hint.dataset.qa = 'table-scrolls';
    hint.textContent = 'This table is wider than the screen: scroll it sideways to see every column.';
    hint.hidden = true;
    box.before(hint);
    hints.set(box, hint);
  }
  const observer = new globalThis.ResizeObserver((entries) => {
    for (const { target: box } of entries) {
      const scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls) box.setAttribute('tabindex', '0');
      else box.removeAttribute('tabindex');
      hints.get(box).hidden = !scrolls;
    }
  });
  for (const box of boxes) observer.observe(box);
}

/**
 * "Sign out" in the header signs out in one click: it sends the sign-out form with the page's own token. Without
 * this script the link opens the sign-out page, whose button does the same.
 */
function signOutInOneClick() {
  const link = document.querySelector('a[data-qa="sign-out"]');
  const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content');
  if (!link || !token) return;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const form = document.createElement('form');
    form.method = 'post';
    form.action = link.getAttribute('href') ?? '/sign-out';
    form.hidden = true;
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = '_csrf';
    field.value = token;
    form.append(field);
    document.body.append(form);
    form.submit();
  });
}

initGovuk();
initMoj();
announceRevealsOnRadios();
markScrollingTables();
signOutInOneClick();
// Browser tests wait for this before they check a page: by now every component has done its work.
document.body.dataset.enhanced = 'true';
