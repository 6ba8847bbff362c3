/* opskit site behaviour: sidebar tree, mobile menu, tabs, code blocks (copy,
   highlighting, line numbers), on-page table of contents, keyboard shortcuts.
   No framework, no modules, no fetch: works from file:// as well as over HTTP. */
(function () {
  'use strict';

  var doc = document;
  var html = doc.documentElement;
  var root = html.getAttribute('data-root') || '';
  var pageUrl = normalizeUrl(html.getAttribute('data-page-url') || '');

  /* ------------------------------------------------------------ helpers */

  function normalizeUrl(u) {
    u = String(u || '').split('#')[0].split('?')[0].replace(/^\.\//, '').replace(/^\/+/, '');
    return u.replace(/(^|\/)index\.html$/, '$1');
  }

  function el(tag, attrs, text) {
    var node = doc.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] != null) node.setAttribute(k, attrs[k]);
      }
    }
    if (text != null) node.textContent = text;
    return node;
  }

  var scriptPromises = {};
  /* Load a script by adding a <script> tag: works from file:// (no fetch). */
  function loadScript(src) {
    if (!scriptPromises[src]) {
      scriptPromises[src] = new Promise(function (resolve, reject) {
        var s = el('script', { src: src });
        s.async = false;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error('could not load ' + src)); };
        doc.head.appendChild(s);
      });
    }
    return scriptPromises[src];
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode, file:// policy */ }
  }

  var chevron = '<svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14"><path d="M6 3.5L10.5 8 6 12.5" stroke="currentColor" stroke-width="1.8" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';

  /* ------------------------------------------------------------ sidebar tree */

  function findPath(nodes, target, trail) {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var here = trail.concat([n]);
      if (n.u != null && normalizeUrl(n.u) === target) return here;
      if (n.c && n.c.length) {
        var found = findPath(n.c, target, here);
        if (found) return found;
      }
    }
    return null;
  }

  var navCounter = 0;
  function buildList(nodes, openSet, current, isRoot) {
    var ul = el('ul', isRoot ? { 'class': 'nav-tree' } : null);
    nodes.forEach(function (n) {
      var li = el('li');
      var row = el('div', { 'class': 'nav-row' });
      var hasChildren = n.c && n.c.length > 0;
      var link;
      if (n.u != null) {
        link = el('a', { href: root + n.u, 'data-url': n.u }, n.t);
        if (n === current) link.setAttribute('aria-current', 'page');
      } else {
        link = el('a', { href: '#', role: 'button', 'data-group': 'true' }, n.t);
      }
      row.appendChild(link);
      li.appendChild(row);
      if (hasChildren) {
        var id = 'nav-sub-' + (++navCounter);
        var open = openSet.indexOf(n) !== -1;
        var toggle = el('button', {
          type: 'button', 'class': 'nav-toggle', 'aria-controls': id,
          'aria-expanded': open ? 'true' : 'false', 'aria-label': n.t + ': show or hide pages'
        });
        toggle.innerHTML = chevron;
        row.appendChild(toggle);
        var sub = buildList(n.c, openSet, current, false);
        sub.id = id;
        if (!open) sub.hidden = true;
        li.appendChild(sub);
        if (n.u == null) {
          link.addEventListener('click', function (ev) { ev.preventDefault(); toggle.click(); });
        }
      }
      ul.appendChild(li);
    });
    return ul;
  }

  function initSidebar() {
    var container = doc.querySelector('#sidebar .sidebar-inner');
    var data = window.OPSKIT_NAV;
    if (!container || !Array.isArray(data) || !data.length) return;
    var path = findPath(data, pageUrl, []) || [];
    var current = path.length ? path[path.length - 1] : null;
    var tree = buildList(data, path, current, true);
    var fallback = container.querySelector('.nav-branch');
    if (fallback) container.replaceChild(tree, fallback); else container.appendChild(tree);

    tree.addEventListener('click', function (ev) {
      var btn = ev.target.closest('.nav-toggle');
      if (!btn) return;
      var sub = doc.getElementById(btn.getAttribute('aria-controls'));
      var expanded = btn.getAttribute('aria-expanded') === 'true';
      btn.setAttribute('aria-expanded', expanded ? 'false' : 'true');
      if (sub) sub.hidden = expanded;
    });

    var active = tree.querySelector('a[aria-current="page"]');
    if (active) {
      var rect = active.getBoundingClientRect();
      var box = container.getBoundingClientRect();
      if (rect.bottom > box.bottom - 40 || rect.top < box.top) {
        container.scrollTop += rect.top - box.top - container.clientHeight / 3;
      }
    }
  }

  /* ------------------------------------------------------------ mobile menu */

  function initMenu() {
    var toggle = doc.querySelector('.menu-toggle');
    var sidebar = doc.getElementById('sidebar');
    var backdrop = doc.querySelector('.sidebar-backdrop');
    if (!toggle || !sidebar) return;
    function setOpen(open, restoreFocus) {
      doc.body.classList.toggle('nav-open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      toggle.setAttribute('aria-label', open ? 'Hide navigation' : 'Show navigation');
      if (backdrop) backdrop.hidden = !open;
      if (open) {
        var target = sidebar.querySelector('a[aria-current="page"]') || sidebar.querySelector('a');
        if (target) target.focus({ preventScroll: false });
      } else if (restoreFocus) {
        toggle.focus();
      }
    }
    toggle.addEventListener('click', function () {
      setOpen(!doc.body.classList.contains('nav-open'), false);
    });
    if (backdrop) backdrop.addEventListener('click', function () { setOpen(false, true); });
    var inner = sidebar.querySelector('.sidebar-inner');
    if (inner) {
      var close = el('button', { type: 'button', 'class': 'sidebar-close', 'aria-label': 'Hide navigation' });
      close.innerHTML = '<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg><span>Close</span>';
      close.addEventListener('click', function () { setOpen(false, true); });
      inner.insertBefore(close, inner.firstChild);
    }
    doc.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape' && doc.body.classList.contains('nav-open')) setOpen(false, true);
    });
    var wide = window.matchMedia('(min-width: 900px)');
    var onChange = function () { if (wide.matches) setOpen(false, false); };
    if (wide.addEventListener) wide.addEventListener('change', onChange);
  }

  /* ------------------------------------------------------------ tabs (WAI-ARIA tabs pattern) */

  function tabsOf(container) {
    var list = container.querySelector(':scope > .tab-list');
    return list ? Array.prototype.slice.call(list.querySelectorAll(':scope > [role="tab"]')) : [];
  }

  function selectTab(container, tab, focus) {
    tabsOf(container).forEach(function (t) {
      var selected = t === tab;
      t.setAttribute('aria-selected', selected ? 'true' : 'false');
      t.setAttribute('tabindex', selected ? '0' : '-1');
      var panel = doc.getElementById(t.getAttribute('aria-controls'));
      if (panel) panel.hidden = !selected;
    });
    if (focus) tab.focus();
  }

  function selectKeyInGroup(group, key, except) {
    var all = doc.querySelectorAll('.tabs[data-group-id]');
    for (var i = 0; i < all.length; i++) {
      var c = all[i];
      if (c === except || c.getAttribute('data-group-id') !== group) continue;
      var match = tabsOf(c).filter(function (t) { return t.getAttribute('data-tab-key') === key; })[0];
      if (match) selectTab(c, match, false);
    }
  }

  function activate(container, tab, focus) {
    var group = container.getAttribute('data-group-id');
    var key = tab.getAttribute('data-tab-key');
    // keep the clicked tab where it is on screen while groups above it change height
    var before = tab.getBoundingClientRect().top;
    selectTab(container, tab, focus);
    if (group && key) {
      selectKeyInGroup(group, key, container);
      storageSet('opskit-tab-' + group, key);
      var shift = tab.getBoundingClientRect().top - before;
      if (Math.abs(shift) > 1) window.scrollBy(0, shift);
    }
  }

  function initTabs() {
    var containers = doc.querySelectorAll('.tabs');
    Array.prototype.forEach.call(containers, function (container) {
      var tabs = tabsOf(container);
      if (!tabs.length) return;
      tabs.forEach(function (t) {
        var panel = doc.getElementById(t.getAttribute('aria-controls'));
        if (panel) {
          panel.setAttribute('data-tab-label', t.textContent.trim());
          if (!panel.hasAttribute('tabindex')) panel.setAttribute('tabindex', '0');
        }
      });
      var list = container.querySelector(':scope > .tab-list');
      list.addEventListener('click', function (ev) {
        var tab = ev.target.closest('[role="tab"]');
        if (tab && list.contains(tab)) activate(container, tab, false);
      });
      list.addEventListener('keydown', function (ev) {
        var tab = ev.target.closest('[role="tab"]');
        if (!tab) return;
        var all = tabsOf(container);
        var i = all.indexOf(tab);
        var next = null;
        switch (ev.key) {
          case 'ArrowRight': next = all[(i + 1) % all.length]; break;
          case 'ArrowLeft': next = all[(i - 1 + all.length) % all.length]; break;
          case 'Home': next = all[0]; break;
          case 'End': next = all[all.length - 1]; break;
          default: return;
        }
        ev.preventDefault();
        activate(container, next, true);
      });
      var group = container.getAttribute('data-group-id');
      var saved = group ? storageGet('opskit-tab-' + group) : null;
      if (saved) {
        var match = tabs.filter(function (t) { return t.getAttribute('data-tab-key') === saved; })[0];
        if (match) selectTab(container, match, false);
      }
    });
  }

  /* ------------------------------------------------------------ code blocks */

  var PLAIN = { '': 1, text: 1, txt: 1, plain: 1, plaintext: 1, none: 1, output: 1, log: 1 };
  var ALIASES = { sh: 'bash', zsh: 'bash', shell: 'bash', console: 'shell', yml: 'yaml', ps: 'powershell', ps1: 'powershell', pwsh: 'powershell', js: 'javascript', ts: 'typescript', py: 'python', jsonc: 'json' };

  function languageOf(code) {
    var m = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(code.className || '');
    return m ? m[1].toLowerCase() : '';
  }

  function parseRanges(spec) {
    var set = {};
    String(spec || '').split(',').forEach(function (part) {
      var m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
      if (!m) return;
      var a = parseInt(m[1], 10), b = m[2] ? parseInt(m[2], 10) : a;
      if (b < a) { var t = a; a = b; b = t; }
      for (var i = a; i <= b && i - a < 10000; i++) set[i] = true;
    });
    return set;
  }

  /* Split (possibly highlighted) code HTML into lines, closing and re-opening
     <span>s that cross a line break, so every line is balanced. */
  function splitLines(markup) {
    var lines = [];
    var stack = [];
    var current = '';
    var re = /(<\/?[a-zA-Z][^>]*>)|([^<]+)/g;
    var m;
    while ((m = re.exec(markup)) !== null) {
      if (m[1]) {
        if (m[1].charAt(1) === '/') stack.pop(); else if (!/\/>$/.test(m[1])) stack.push(m[1]);
        current += m[1];
      } else {
        var parts = m[2].split('\n');
        for (var i = 0; i < parts.length; i++) {
          if (i > 0) {
            current += new Array(stack.length + 1).join('</span>');
            lines.push(current);
            current = stack.join('');
          }
          current += parts[i];
        }
      }
    }
    lines.push(current);
    // a trailing newline leaves an empty last line: drop it (its text is empty)
    if (lines.length > 1 && lines[lines.length - 1].replace(/<[^>]*>/g, '') === '') lines.pop();
    return lines;
  }

  function applyLines(pre) {
    if (pre.getAttribute('data-lines-done') === 'true') return;
    var numbers = pre.getAttribute('data-line-numbers') === 'true';
    var hlSpec = pre.getAttribute('data-highlight-lines');
    if (!numbers && !hlSpec) return;
    var code = pre.querySelector('code') || pre;
    var text = code.textContent;
    var endsWithNewline = /\n$/.test(text);
    var lines = splitLines(code.innerHTML);
    var start = parseInt(pre.getAttribute('data-line-start') || '1', 10);
    if (isNaN(start)) start = 1;
    var marked = parseRanges(hlSpec);
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var n = i + 1;
      var cls = 'line' + (marked[n] ? ' is-highlighted' : '');
      var nl = (i < lines.length - 1 || endsWithNewline) ? '\n' : '';
      out.push('<span class="' + cls + '" data-line="' + (start + i) + '">' + lines[i] + nl + '</span>');
    }
    code.innerHTML = out.join('');
    if (numbers) {
      pre.classList.add('has-line-numbers');
      pre.style.setProperty('--ln-width', String(start + lines.length - 1).length + 'ch');
    }
    pre.setAttribute('data-lines-done', 'true');
  }

  function codeText(block) {
    var code = block.querySelector('pre code') || block.querySelector('pre');
    return code ? code.textContent.replace(/\n$/, '') : '';
  }

  function copyWithTextarea(text) {
    var ta = el('textarea', { readonly: '', 'aria-hidden': 'true', tabindex: '-1' });
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.top = '0';
    ta.style.left = '-9999px';
    ta.style.opacity = '0';
    doc.body.appendChild(ta);
    var active = doc.activeElement;
    ta.select();
    ta.setSelectionRange(0, text.length);
    var ok = false;
    try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
    doc.body.removeChild(ta);
    if (active && active.focus) active.focus();
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext !== false) {
      // some browsers leave writeText pending when permission is not granted: time out to the fallback
      var timeout = new Promise(function (resolve) { setTimeout(function () { resolve('timeout'); }, 1500); });
      return Promise.race([navigator.clipboard.writeText(text).then(function () { return true; }), timeout])
        .then(function (r) { return r === true ? true : copyWithTextarea(text); }, function () {
          return copyWithTextarea(text);
        });
    }
    return Promise.resolve(copyWithTextarea(text));
  }

  var live;
  function announce(message) {
    if (!live) {
      live = el('div', { 'class': 'visually-hidden', role: 'status', 'aria-live': 'polite' });
      doc.body.appendChild(live);
    }
    live.textContent = '';
    setTimeout(function () { live.textContent = message; }, 30);
  }

  function onCopyClick(button) {
    var block = button.closest('.code-block');
    if (!block) return;
    var text = codeText(block);
    copyText(text).then(function (ok) {
      if (!ok) {
        button.textContent = 'Press Ctrl+C';
        var pre = block.querySelector('pre');
        var range = doc.createRange();
        range.selectNodeContents(pre);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
      button.setAttribute('data-copied', 'true');
      button.textContent = 'Copied';
      announce('Copied to the clipboard');
      clearTimeout(button._opskitTimer);
      button._opskitTimer = setTimeout(function () {
        button.removeAttribute('data-copied');
        button.textContent = 'Copy';
      }, 2000);
    });
  }

  function initCodeBlocks() {
    var pres = doc.querySelectorAll('main pre');
    var toHighlight = [];
    var needPowershell = false;
    Array.prototype.forEach.call(pres, function (pre) {
      if (pre.classList.contains('directive-unknown')) return;
      var code = pre.querySelector(':scope > code');
      if (!code) return;
      var block = pre.parentElement;
      if (!block.classList.contains('code-block')) {
        block = el('div', { 'class': 'code-block' });
        pre.parentNode.insertBefore(block, pre);
        block.appendChild(pre);
      }
      if (!block.querySelector(':scope > .copy-button')) {
        var btn = el('button', { type: 'button', 'class': 'copy-button', 'aria-label': 'Copy code' }, 'Copy');
        block.insertBefore(btn, pre);
      }
      var lang = languageOf(code);
      lang = ALIASES[lang] || lang;
      if (!PLAIN[lang]) {
        toHighlight.push({ pre: pre, code: code, lang: lang });
        if (lang === 'powershell') needPowershell = true;
      } else {
        applyLines(pre);
      }
    });

    doc.addEventListener('click', function (ev) {
      var button = ev.target.closest && ev.target.closest('.copy-button');
      if (button) onCopyClick(button);
    });

    if (!toHighlight.length) return;
    /* a document that carries no highlighter (the package's single file: nothing outside it) */
    if (html.getAttribute('data-highlight') === 'none') {
      toHighlight.forEach(function (item) { applyLines(item.pre); });
      return;
    }
    var base = root + 'assets/vendor/highlight/';
    var ready = loadScript(base + 'highlight.min.js');
    if (needPowershell) ready = ready.then(function () { return loadScript(base + 'languages/powershell.min.js'); });
    ready.then(function () {
      var hljs = window.hljs;
      hljs.configure({ ignoreUnescapedHTML: true });
      toHighlight.forEach(function (item) {
        if (hljs.getLanguage(item.lang)) {
          try {
            var result = hljs.highlight(item.code.textContent, { language: item.lang, ignoreIllegals: true });
            item.code.innerHTML = result.value;
            item.code.classList.add('hljs');
          } catch (e) { /* leave the block as it is */ }
        }
        applyLines(item.pre);
      });
      scheduleScrollRegions();
    }, function () {
      toHighlight.forEach(function (item) { applyLines(item.pre); });
    });
  }

  /* ------------------------------------------------------------ headings and table of contents */

  function initHeadingAnchors() {
    var heads = doc.querySelectorAll('.content h2[id], .content h3[id], .content h4[id]');
    Array.prototype.forEach.call(heads, function (h) {
      if (h.querySelector('.heading-anchor')) return;
      var a = el('a', { 'class': 'heading-anchor', href: '#' + h.id, 'aria-label': 'Link to this section' }, '#');
      h.appendChild(a);
    });
  }

  /* The folded contents (phones): a chosen heading closes the list, so the heading is in view. */
  function initFoldedToc() {
    var folded = doc.querySelector('.toc-folded');
    if (!folded) return;
    folded.addEventListener('click', function (ev) {
      if (ev.target.closest && ev.target.closest('a[href^="#"]')) folded.open = false;
    });
  }

  function initToc() {
    var links = doc.querySelectorAll('.toc a[data-toc-id]');
    if (!links.length) return;
    var items = [];
    Array.prototype.forEach.call(links, function (a) {
      var target = doc.getElementById(a.getAttribute('data-toc-id'));
      if (target) items.push({ link: a, target: target });
    });
    if (!items.length) return;
    var activeLink = null;
    var scheduled = false;
    function update() {
      scheduled = false;
      var offset = 90;
      var current = items[0];
      for (var i = 0; i < items.length; i++) {
        if (items[i].target.getBoundingClientRect().top - offset <= 0) current = items[i]; else break;
      }
      if ((window.innerHeight + window.scrollY) >= doc.documentElement.scrollHeight - 2) current = items[items.length - 1];
      if (current.link !== activeLink) {
        if (activeLink) activeLink.classList.remove('is-active');
        current.link.classList.add('is-active');
        activeLink = current.link;
      }
    }
    window.addEventListener('scroll', function () {
      if (!scheduled) { scheduled = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    update();
  }

  /* ------------------------------------------------------------ printing */

  function initPrint() {
    var opened = [];
    window.addEventListener('beforeprint', function () {
      opened = [];
      Array.prototype.forEach.call(doc.querySelectorAll('details:not([open])'), function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener('afterprint', function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  /* ------------------------------------------------------------ keyboard shortcuts */

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
  }

  function initShortcuts() {
    doc.addEventListener('keydown', function (ev) {
      var input = doc.getElementById('search-input');
      if (!input) return;
      var ctrlK = (ev.ctrlKey || ev.metaKey) && !ev.altKey && (ev.key === 'k' || ev.key === 'K');
      var slash = ev.key === '/' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !isTyping(ev.target);
      if (ctrlK || slash) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  /* ------------------------------------------------------------ colour theme */

  /* auto -> light -> dark -> auto. The choice is stored, and layout.mustache's head script
     applies it on the next page before it paints. */
  var THEMES = ['auto', 'light', 'dark'];
  var THEME_LABEL = { auto: 'automatic', light: 'light', dark: 'dark' };

  function applyTheme(choice) {
    if (choice === 'auto') html.removeAttribute('data-theme'); else html.setAttribute('data-theme', choice);
    var light = doc.querySelector('link[data-theme-light]');
    var dark = doc.querySelector('link[data-theme-dark]');
    if (light) light.media = choice === 'auto' ? 'print, (prefers-color-scheme: light)' : (choice === 'light' ? 'all' : 'print');
    if (dark) dark.media = choice === 'auto' ? 'screen and (prefers-color-scheme: dark)' : (choice === 'dark' ? 'screen' : 'not all');
  }

  function initTheme() {
    var button = doc.querySelector('.theme-toggle');
    if (!button) return;
    function show(choice) {
      var next = THEMES[(THEMES.indexOf(choice) + 1) % THEMES.length];
      button.setAttribute('data-theme-choice', choice);
      button.setAttribute('aria-label', 'Colour theme: ' + THEME_LABEL[choice] + ' (click for ' + THEME_LABEL[next] + ')');
      button.title = button.getAttribute('aria-label');
    }
    var stored = storageGet('opskit-theme');
    show(stored === 'light' || stored === 'dark' ? stored : 'auto');
    button.hidden = false;
    button.addEventListener('click', function () {
      var choice = THEMES[(THEMES.indexOf(button.getAttribute('data-theme-choice')) + 1) % THEMES.length];
      if (choice === 'auto') {
        try { window.localStorage.removeItem('opskit-theme'); } catch (e) { /* private mode */ }
      } else {
        storageSet('opskit-theme', choice);
      }
      applyTheme(choice);
      show(choice);
    });
  }

  /* 404.html, served at any depth, finds the site root from the one the site's pages remember
     (outputs/site/not_found_page.cpp). */
  function rememberRoot() {
    if (!/^https?:$/.test(window.location.protocol) || pageUrl === '404.html') return;
    try { storageSet('opskit-root', new URL(root || './', doc.baseURI).href); } catch (e) { /* old browser */ }
  }

  /* ------------------------------------------------------------ wide generated views */

  /* On a phone a view's rows become cards: each cell shows its column's header (CSS: td::before). */
  function initDataTables() {
    Array.prototype.forEach.call(doc.querySelectorAll('table.data-table'), function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
      Array.prototype.forEach.call(table.querySelectorAll('tbody tr'), function (tr) {
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          if (cell.tagName === 'TD' && heads[i] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', heads[i]);
        });
      });
    });
  }

  /* ------------------------------------------------------------ keyboard access and names */

  /* A block that scrolls (a long code line, a wide table) must be reachable by keyboard to be
     scrolled without a mouse (WCAG 2.1.1): while, and only while, it overflows it takes focus
     (tabindex=0) and has a name. Checked again when the window, a tab or a details changes. */
  var SCROLLERS = 'main pre, main .table-scroll, main .content table';

  function scrollName(box) {
    if (box.tagName === 'PRE') {
      var lang = languageOf(box.querySelector('code') || box);
      return 'Code' + (lang ? ' (' + lang + ')' : '') + ', scrolls sideways';
    }
    var caption = box.querySelector('caption');
    return (caption ? caption.textContent.trim() : 'Table') + ', scrolls sideways';
  }

  function updateScrollRegions() {
    Array.prototype.forEach.call(doc.querySelectorAll(SCROLLERS), function (box) {
      var style = window.getComputedStyle(box);
      var scrollable = /(auto|scroll)/.test(style.overflowX + style.overflowY) &&
        (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1);
      var marked = box.hasAttribute('data-scroll-region');
      if (scrollable && !marked) {
        if (box.hasAttribute('tabindex')) return;  /* focusable already, by its author */
        box.setAttribute('data-scroll-region', '');
        box.setAttribute('tabindex', '0');
        /* a table keeps its own role; the others become named regions */
        if (box.tagName !== 'TABLE') box.setAttribute('role', 'region');
        if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', scrollName(box));
      } else if (!scrollable && marked) {
        ['data-scroll-region', 'tabindex', 'role', 'aria-label'].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }

  var scrollCheck = false;
  function scheduleScrollRegions() {
    if (scrollCheck) return;
    scrollCheck = true;
    window.requestAnimationFrame(function () { scrollCheck = false; updateScrollRegions(); });
  }

  /* Markdown task lists ("- [ ] step") come as checkboxes without a label: name each by its item. */
  function initTaskLists() {
    Array.prototype.forEach.call(doc.querySelectorAll('main li > input[type="checkbox"]'), function (box) {
      if ((box.labels && box.labels.length) || box.hasAttribute('aria-label') || box.hasAttribute('aria-labelledby')) return;
      var text = box.parentElement.textContent.replace(/\s+/g, ' ').trim();
      box.setAttribute('aria-label', text.slice(0, 160) || 'Task');
    });
  }

  function initScrollRegions() {
    updateScrollRegions();
    window.addEventListener('resize', scheduleScrollRegions);
    doc.addEventListener('toggle', scheduleScrollRegions, true);
    doc.addEventListener('click', function (ev) {
      if (ev.target.closest && ev.target.closest('[role="tab"]')) scheduleScrollRegions();
    });
  }

  /* ------------------------------------------------------------ start */

  window.OpskitSite = { loadScript: loadScript, normalizeUrl: normalizeUrl, root: root };

  function start() {
    initTheme();
    rememberRoot();
    initDataTables();
    initSidebar();
    initMenu();
    initTabs();
    initHeadingAnchors();
    initCodeBlocks();
    initTaskLists();
    initScrollRegions();
    initToc();
    initFoldedToc();
    initPrint();
    initShortcuts();
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
