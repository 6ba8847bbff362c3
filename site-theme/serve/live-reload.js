/* opskit serve's live reload. Only `opskit serve` loads it (it adds the <script> to every page it
   serves); a built site carries the file but never runs it.
   - Listens to /__opskit/events: when a newer build than this page's is announced, reloads,
     keeping the scroll position (kept in sessionStorage across the reload).
   - Shows the build's problems (/__opskit/problems) over the page: file, line, column, message
     and rule, as plain text, with nothing that opens anything outside the browser. */
(function () {
  'use strict';

  var me = document.currentScript;
  var generation = me ? me.getAttribute('data-generation') : null;
  var SCROLL_KEY = 'opskit-serve-scroll:' + location.pathname;
  var OVERLAY_ID = 'opskit-serve-problems';

  /* ------------------------------------------------ scroll position */

  var saved = null;
  try { saved = sessionStorage.getItem(SCROLL_KEY); sessionStorage.removeItem(SCROLL_KEY); } catch (e) { /* storage off */ }
  if (saved !== null) {
    var y = parseInt(saved, 10);
    if (!isNaN(y)) {
      var restore = function () { window.scrollTo(0, y); };
      restore();
      window.addEventListener('load', restore);
    }
  }

  function reload() {
    try { sessionStorage.setItem(SCROLL_KEY, String(window.scrollY)); } catch (e) { /* storage off */ }
    location.reload();
  }

  /* ------------------------------------------------ problems overlay */

  var CSS =
    ':host{all:initial}' +
    '.box{position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:45vh;overflow:auto;z-index:2147483647;' +
    'background:#1e1e1e;color:#f3f3f3;border-left:6px solid #e5534b;border-radius:6px;padding:.75rem 1rem;' +
    'font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 6px 24px rgba(0,0,0,.35)}' +
    '.box.warnings{border-left-color:#d29922}' +
    '.head{display:flex;justify-content:space-between;align-items:center;gap:1rem;font-weight:bold;margin-bottom:.4rem}' +
    'button{font:inherit;background:#444;color:#fff;border:0;border-radius:4px;padding:.15rem .6rem;cursor:pointer}' +
    'ol{margin:0;padding-left:1.4rem}li{margin:.2rem 0;white-space:pre-wrap;word-break:break-word}' +
    '.where{color:#9cdcfe}.error{color:#ff7b72}.warning{color:#e3b341}.rule{color:#a0a0a0}' +
    '.stale{color:#ffa657;margin-bottom:.4rem}';

  function text(tag, cls, value) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    node.textContent = value; // never innerHTML: messages quote sources
    return node;
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showProblems(report) {
    removeOverlay();
    var shown = (report.problems || []).filter(function (p) { return p.severity === 'error' || p.severity === 'warning'; });
    if (!shown.length && !report.stale) return;
    var errors = shown.filter(function (p) { return p.severity === 'error'; }).length;
    var host = document.createElement('div');
    host.id = OVERLAY_ID;
    host.setAttribute('role', 'alert');
    var shadow = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = CSS;
    shadow.appendChild(style);
    var box = document.createElement('div');
    box.className = errors ? 'box' : 'box warnings';
    var head = document.createElement('div');
    head.className = 'head';
    head.appendChild(text('span', '', 'opskit: ' + errors + ' error(s), ' + (shown.length - errors) + ' warning(s)'));
    var close = text('button', '', 'Close');
    close.type = 'button';
    close.addEventListener('click', removeOverlay);
    head.appendChild(close);
    box.appendChild(head);
    if (report.stale) box.appendChild(text('div', 'stale', 'The project could not be built: this is the last good build.'));
    var list = document.createElement('ol');
    shown.forEach(function (p) {
      var item = document.createElement('li');
      var where = (p.file || '(project)') + (p.line ? ':' + p.line + (p.column ? ':' + p.column : '') : '');
      item.appendChild(text('span', 'where', where));
      item.appendChild(document.createTextNode(' '));
      item.appendChild(text('span', p.severity, p.severity));
      item.appendChild(document.createTextNode(': ' + p.message + ' '));
      item.appendChild(text('span', 'rule', '[' + p.rule + ']'));
      list.appendChild(item);
    });
    box.appendChild(list);
    shadow.appendChild(box);
    document.body.appendChild(host);
  }

  function loadProblems() {
    fetch('/__opskit/problems', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (report) {
        if (generation !== null && String(report.generation) !== generation) return reload();
        showProblems(report);
      })
      .catch(function () { /* the server is gone: the event stream retries */ });
  }

  /* ------------------------------------------------ build events */

  var events = new EventSource('/__opskit/events');
  events.addEventListener('build', function (e) {
    if (e.data !== generation) reload();
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loadProblems);
  else loadProblems();
})();
