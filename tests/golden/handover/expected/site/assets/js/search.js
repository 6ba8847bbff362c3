/* opskit search: MiniSearch over window.OPSKIT_SEARCH, one entry per page section
   ({t: page title, u: url, s: top section, a: anchor, h: heading, x: prose, k: tables and code};
   the page's intro has no a/h).
   The index script and MiniSearch load on first use with <script> tags (never fetched),
   so search works from file:// as well as over HTTP. A large index comes in parts
   (window.OPSKIT_SEARCH_PARTS lists them), all loaded on that first use.
   Header box: results as you type in a dropdown; Enter opens search.html?q=...
   search.html: full results for the q parameter. */
(function () {
  'use strict';

  var doc = document;
  var root = doc.documentElement.getAttribute('data-root') || '';
  var DROPDOWN_LIMIT = 8;
  var PAGE_LIMIT = 50;

  /* ------------------------------------------------------------ loading */

  function loadScript(src) {
    if (window.OpskitSite && window.OpskitSite.loadScript) return window.OpskitSite.loadScript(src);
    return new Promise(function (resolve, reject) {
      var s = doc.createElement('script');
      s.src = src;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      doc.head.appendChild(s);
    });
  }

  var enginePromise = null;
  var engineReady = false;   // a large site's index takes seconds to load and build: say so meanwhile
  function engine() {
    if (!enginePromise) {
      var needs = [];
      if (!window.MiniSearch) needs.push(loadScript(root + 'assets/vendor/minisearch/minisearch.min.js'));
      if (!window.OPSKIT_SEARCH && !window.OPSKIT_SEARCH_PARTS) {
        needs.push(loadScript(root + 'assets/search-index.js').then(function () {
          return Promise.all((window.OPSKIT_SEARCH_PARTS || []).map(function (part) { return loadScript(root + part); }));
        }));
      }
      enginePromise = Promise.all(needs).then(buildIndex);
      enginePromise.then(function () { engineReady = true; }, function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function buildIndex() {
    var docs = Array.isArray(window.OPSKIT_SEARCH) ? window.OPSKIT_SEARCH : [];
    var byId = {};
    docs.forEach(function (d) { byId[d.i] = d; });
    var ms = new window.MiniSearch({
      idField: 'i',
      fields: ['t', 'p', 'h', 'x', 'k'],
      extractField: function (d, field) {
        // The page title ranks the page's intro (t); a section carries it weakly (p), so that
        // "StartAutomationExecution patch" finds the patching runbook's section.
        if (field === 't') return d.a ? '' : d.t;
        if (field === 'p') return d.a ? d.t : '';
        return d[field] || '';
      },
      searchOptions: {
        // a page whose title or a heading matches comes before pages that only mention the term
        boost: { t: 8, p: 1.5, h: 5, x: 1, k: 0.7 },
        prefix: function (term) { return term.length >= 3; },
        // Only longer terms are matched loosely, by at most two edits ("StartAutomationExecution"
        // is not "AutomationExecution"); exact words rank before near misses ("patch", "path").
        fuzzy: function (term) { return term.length >= 5 ? 0.2 : false; },
        maxFuzzy: 2,
        weights: { fuzzy: 0.3, prefix: 0.5 },
        combineWith: 'AND'
      }
    });
    ms.addAll(docs.filter(function (d) { return d && d.i != null; }));
    return { ms: ms, byId: byId };
  }

  function run(index, query, limit) {
    var q = String(query || '').trim();
    if (!q) return [];
    var results = index.ms.search(q);
    if (!results.length) results = index.ms.search(q, { combineWith: 'OR' });
    return results.slice(0, limit).map(function (r) {
      return { doc: index.byId[r.id], terms: r.terms || [], queryTerms: r.queryTerms || [], total: results.length };
    }).filter(function (r) { return r.doc; });
  }

  /* ------------------------------------------------------------ result details */

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  function termRegExp(terms) {
    var list = terms.filter(function (t) { return t && t.length > 1; })
      .sort(function (a, b) { return b.length - a.length; })
      .map(escapeRegExp);
    // mark matches at the start of a word only ("patch" in "RunPatchBaseline" is not a match)
    try {
      return list.length ? new RegExp('(?<![\\p{L}\\p{N}])(' + list.join('|') + ')', 'giu') : null;
    } catch (e) {
      return list.length ? new RegExp('(' + list.join('|') + ')', 'gi') : null;
    }
  }

  function highlight(text, re) {
    if (!re) return escapeHtml(text);
    var out = '';
    var last = 0;
    text.replace(re, function (match, _g, offset) {
      out += escapeHtml(text.slice(last, offset)) + '<mark>' + escapeHtml(match) + '</mark>';
      last = offset + match.length;
      return match;
    });
    return out + escapeHtml(text.slice(last));
  }

  function snippet(text, terms, size) {
    text = String(text || '').replace(/\s+/g, ' ').trim();
    if (!text) return '';
    var lower = text.toLowerCase();
    var at = -1;
    terms.forEach(function (t) {
      var i = lower.indexOf(String(t).toLowerCase());
      if (i !== -1 && (at === -1 || i < at)) at = i;
    });
    if (at === -1) return text.length > size ? text.slice(0, size).replace(/\s+\S*$/, '') + ' …' : text;
    var start = Math.max(0, at - Math.floor(size / 3));
    if (start > 0) {
      var space = text.indexOf(' ', start);
      if (space !== -1 && space < at) start = space + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > at) end = back;
    }
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  function describe(result) {
    var d = result.doc;
    var terms = result.terms.concat(result.queryTerms);
    var re = termRegExp(terms);
    return {
      title: d.t,
      section: d.s || '',
      href: root + d.u + (d.a ? '#' + d.a : ''),
      pageHref: root + d.u,
      heading: d.h || '',
      // snippets quote the section's prose; the tables and code are searched, not shown
      snippetHtml: highlight(snippet(d.x, terms, 170), re),
      titleHtml: highlight(d.t, re),
      re: re
    };
  }

  function searchPageHref(q) {
    return root + 'search.html?q=' + encodeURIComponent(q);
  }

  /* ------------------------------------------------------------ header box and dropdown */

  function initDropdown() {
    var input = doc.getElementById('search-input');
    var dropdown = doc.getElementById('search-dropdown');
    if (!input || !dropdown) return;
    var form = input.form;
    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = null;

    function open() { dropdown.hidden = false; input.setAttribute('aria-expanded', 'true'); }
    function close() {
      dropdown.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function setActive(i) {
      options.forEach(function (o, k) {
        o.classList.toggle('is-active', k === i);
        o.setAttribute('aria-selected', k === i ? 'true' : 'false');
      });
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function render(q, results) {
      dropdown.innerHTML = '';
      dropdown.setAttribute('data-query', q);   // the query these results answer
      options = [];
      active = -1;
      if (!results.length) {
        var empty = doc.createElement('p');
        empty.className = 'search-empty';
        empty.textContent = 'No results for “' + q + '”';
        dropdown.appendChild(empty);
        open();
        return;
      }
      results.forEach(function (r, i) {
        var info = describe(r);
        var option = doc.createElement('div');
        option.className = 'search-result';
        option.id = 'search-option-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        var a = doc.createElement('a');
        a.href = info.href;
        a.tabIndex = -1;
        a.innerHTML =
          '<span class="search-result-title">' + info.titleHtml + '</span>' +
          (info.section ? '<span class="search-result-path">' + escapeHtml(info.section) + '</span>' : '') +
          (info.heading ? '<span class="search-result-heading">' + highlight(info.heading, info.re) + '</span>' : '') +
          (info.snippetHtml ? '<span class="search-result-snippet">' + info.snippetHtml + '</span>' : '');
        option.appendChild(a);
        option.addEventListener('mousemove', function () { if (active !== i) setActive(i); });
        dropdown.appendChild(option);
        options.push(option);
      });
      var total = results[0].total;
      var more = doc.createElement('p');
      more.className = 'search-more';
      var link = doc.createElement('a');
      link.href = searchPageHref(q);
      link.textContent = total > results.length ? 'See all ' + total + ' results' : 'Open the search page';
      more.appendChild(link);
      dropdown.appendChild(more);
      open();
    }

    function update() {
      var q = input.value.trim();
      if (q === lastQuery && !dropdown.hidden) return;
      lastQuery = q;
      if (!q) { close(); dropdown.innerHTML = ''; return; }
      if (!engineReady) {
        dropdown.innerHTML = '<p class="search-empty">Loading the search index…</p>';
        open();
      }
      engine().then(function (index) {
        if (input.value.trim() !== q) return;   // a newer query is on its way
        render(q, run(index, q, DROPDOWN_LIMIT));
      }, function () {
        dropdown.innerHTML = '<p class="search-empty">The search index could not be loaded.</p>';
        open();
      });
    }

    input.addEventListener('focus', function () {
      engine();
      if (input.value.trim() && dropdown.childNodes.length) open();
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 60);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown') {
        if (!options.length) return;
        ev.preventDefault();
        if (dropdown.hidden) open();
        setActive(active + 1 >= options.length ? 0 : active + 1);
      } else if (ev.key === 'ArrowUp') {
        if (!options.length) return;
        ev.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (ev.key === 'Escape') {
        if (!dropdown.hidden) { ev.preventDefault(); close(); } else { input.blur(); }
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        if (active >= 0 && options[active] && !dropdown.hidden) {
          window.location.href = options[active].querySelector('a').href;
        } else if (input.value.trim()) {
          window.location.href = searchPageHref(input.value.trim());
        }
      }
    });
    if (form) {
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        if (input.value.trim()) window.location.href = searchPageHref(input.value.trim());
      });
      form.addEventListener('focusout', function (ev) {
        if (!ev.relatedTarget || !form.contains(ev.relatedTarget)) {
          setTimeout(function () { if (!form.contains(doc.activeElement)) close(); }, 0);
        }
      });
    }
    doc.addEventListener('mousedown', function (ev) {
      if (form && !form.contains(ev.target)) close();
    });
  }

  /* ------------------------------------------------------------ search.html */

  function queryParam() {
    var m = /[?&]q=([^&#]*)/.exec(window.location.search || '');
    if (!m) return '';
    try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return m[1]; }
  }

  function initSearchPage() {
    var list = doc.getElementById('search-page-results');
    if (!list) return;
    var status = doc.getElementById('search-page-status');
    var pageInput = doc.getElementById('search-page-input');
    var headerInput = doc.getElementById('search-input');
    var pageForm = pageInput && pageInput.form;
    var q = queryParam();
    if (pageInput) pageInput.value = q;
    if (headerInput && q) headerInput.value = q;
    if (pageForm) {
      pageForm.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var v = pageInput.value.trim();
        if (v) window.location.href = searchPageHref(v);
      });
    }
    if (!q) {
      status.textContent = 'Type words to search for: page titles, headings and text are searched.';
      if (pageInput) pageInput.focus();
      return;
    }
    status.textContent = 'Searching…';
    engine().then(function (index) {
      var results = run(index, q, PAGE_LIMIT);
      var total = results.length ? results[0].total : 0;
      status.textContent = total === 0 ? 'No results for “' + q + '”.'
        : (total === 1 ? '1 result' : total + ' results') + ' for “' + q + '”' + (total > results.length ? ' (showing the first ' + results.length + ')' : '') + '.';
      list.innerHTML = '';
      results.forEach(function (r) {
        var info = describe(r);
        var li = doc.createElement('li');
        li.innerHTML =
          '<a class="result-title" href="' + escapeHtml(info.href) + '">' + info.titleHtml +
          (info.heading ? '<span class="result-heading"> › ' + highlight(info.heading, info.re) + '</span>' : '') + '</a>' +
          (info.section ? '<div class="result-path">' + escapeHtml(info.section) + '</div>' : '') +
          (info.snippetHtml ? '<p class="result-snippet">' + info.snippetHtml + '</p>' : '');
        list.appendChild(li);
      });
    }, function () {
      status.textContent = 'The search index could not be loaded.';
    });
  }

  function start() {
    initDropdown();
    initSearchPage();
  }

  window.OpskitSearch = { engine: engine, run: run };

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
