// The error-code page's behaviour: the language switch and the search filter. It holds no
// catalog data: every text it shows or searches is already in the page, escaped by the renderer.
'use strict';
(function () {
  const root = document.documentElement;
  const search = document.getElementById('search');
  const locale = document.getElementById('locale');
  const noMatch = document.getElementById('no-match');
  const localized = Array.from(document.querySelectorAll('[data-l]'));
  const sections = Array.from(document.querySelectorAll('section[data-category]'));

  // Lowercase, with `_` read as a space, so `qr expired` finds ERR_QR_EXPIRED.
  const normalize = (text) => text.toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ').trim();

  function filter() {
    const query = normalize(search.value);
    let shown = 0;
    for (const section of sections) {
      let inSection = 0;
      for (const row of section.querySelectorAll('tbody > tr')) {
        const message = Array.from(row.querySelectorAll('td.message > [data-l]'))
          .find((el) => el.dataset.l === root.lang);
        const text = [row.id, row.dataset.status, message ? message.textContent : ''].join(' ');
        row.hidden = !normalize(text).includes(query);
        if (!row.hidden) inSection += 1;
      }
      section.hidden = inSection === 0;
      shown += inSection;
    }
    noMatch.hidden = shown > 0;
  }

  function showLocale(tag) {
    for (const el of localized) el.hidden = el.dataset.l !== tag;
    root.lang = tag;
    const title = document.querySelector('h1 > [data-l]:not([hidden])');
    if (title) document.title = title.textContent;
    filter();
  }

  search.addEventListener('input', filter);
  locale.addEventListener('change', () => showLocale(locale.value));

  const asked = new URLSearchParams(window.location.search).get('lang');
  const option = Array.from(locale.options).find((o) => o.value === asked);
  if (option) locale.value = option.value;
  document.querySelector('.controls').hidden = false;
  showLocale(locale.value);
})();
