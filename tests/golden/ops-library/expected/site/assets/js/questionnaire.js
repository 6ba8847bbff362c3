/* opskit questionnaire form (the ::questionnaire view): answers saved in this browser as they
   are typed, progress per section, export and import as JSON and CSV, print.
   No framework, no fetch, no request of any kind: works from file:// as well as over HTTP.
   Does nothing on pages without <form class="questionnaire">. */
(function () {
  'use strict';

  var form = document.querySelector('form.questionnaire');
  if (!form) return;

  var version = form.getAttribute('data-questionnaire-version') || '';
  var storageKey = 'opskit-answers-' + version;
  var fileStem = 'opskit-answers-' + (version.replace(/[^A-Za-z0-9._-]+/g, '-') || 'questionnaire');
  var statusBox = form.querySelector('.questionnaire-status');
  var importInput = form.querySelector('input[type="file"][data-action="import"]');

  /* ------------------------------------------------------------ the questions, from the HTML */

  var questions = [];
  var byId = {};
  Array.prototype.forEach.call(form.querySelectorAll('.question[data-question]'), function (el) {
    var section = el.closest('.questionnaire-section');
    var q = {
      id: el.getAttribute('data-question'),
      type: el.getAttribute('data-type'),
      states: (el.getAttribute('data-states') || '').split(/\s+/).filter(Boolean),
      section: section ? section.getAttribute('data-section') : '',
      el: el
    };
    questions.push(q);
    byId[q.id] = q;
  });

  function controls(q, state) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + q.id + '.' + state + '"]'));
  }

  /* One answer slot's value: a string (single, scale, text), a number, an array of strings
     (multiple), or null when unanswered. */
  function readSlot(q, state) {
    var list = controls(q, state);
    if (q.type === 'single' || q.type === 'scale') {
      var checked = list.filter(function (c) { return c.checked; })[0];
      return checked ? checked.value : null;
    }
    if (q.type === 'multiple') {
      var values = list.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      return values.length ? values : null;
    }
    var input = list[0];
    if (!input) return null;
    if (q.type === 'number') {
      if (input.value === '') return null;
      var n = Number(input.value);
      return isFinite(n) ? n : null;
    }
    return input.value.trim() === '' ? null : input.value;
  }

  /* Sets one slot; returns false when the value does not fit the question (not an option). */
  function writeSlot(q, state, value) {
    var list = controls(q, state);
    if (!list.length) return false;
    if (q.type === 'single' || q.type === 'scale') {
      var wanted = value == null ? null : String(value);
      var found = false;
      list.forEach(function (c) {
        c.checked = wanted !== null && c.value === wanted;
        if (c.checked) found = true;
      });
      return wanted === null || found;
    }
    if (q.type === 'multiple') {
      var wantedList = value == null ? [] : (Array.isArray(value) ? value : [value]).map(String);
      var matched = 0;
      list.forEach(function (c) {
        c.checked = wantedList.indexOf(c.value) !== -1;
        if (c.checked) matched++;
      });
      return matched === wantedList.length;
    }
    if (q.type === 'number') {
      if (value == null || value === '') { list[0].value = ''; return true; }
      var n = Number(value);
      if (!isFinite(n)) { list[0].value = ''; return false; }
      list[0].value = String(n);
      return true;
    }
    list[0].value = value == null ? '' : String(value);
    return true;
  }

  function clearControls() {
    questions.forEach(function (q) {
      q.states.forEach(function (state) { writeSlot(q, state, null); });
    });
  }

  /* { "ts-01": { "current": ..., "future": ... }, ... } with answered slots only. */
  function collect() {
    var answers = {};
    questions.forEach(function (q) {
      var entry = {};
      var any = false;
      q.states.forEach(function (state) {
        var v = readSlot(q, state);
        if (v !== null) { entry[state] = v; any = true; }
      });
      if (any) answers[q.id] = entry;
    });
    return answers;
  }

  /* Replaces the form's answers; returns counts of what fitted and what did not. */
  function apply(answers) {
    var result = { applied: 0, unknown: [], rejected: [] };
    clearControls();
    if (!answers || typeof answers !== 'object') return result;
    Object.keys(answers).forEach(function (id) {
      var q = byId[id];
      var entry = answers[id];
      if (!q) { result.unknown.push(id); return; }
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) { result.rejected.push(id); return; }
      q.states.forEach(function (state) {
        if (!(state in entry) || entry[state] == null) return;
        if (writeSlot(q, state, entry[state])) result.applied++;
        else result.rejected.push(id + '.' + state);
      });
    });
    return result;
  }

  function answerDocument(answers) {
    return { questionnaire_version: version, exported_at: new Date().toISOString(), answers: answers || collect() };
  }

  /* ------------------------------------------------------------ storage */

  var storageWarned = false;
  function save() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(answerDocument()));
    } catch (e) {
      if (!storageWarned) {
        storageWarned = true;
        setStatus('This browser does not let the page save answers: export them before you leave the page.', 'error');
      }
    }
  }

  function restore() {
    var text = null;
    try { text = window.localStorage.getItem(storageKey); } catch (e) { return; }
    if (!text) return;
    try {
      var saved = JSON.parse(text);
      var result = apply(saved && saved.answers);
      if (result.applied) setStatus('Restored ' + plural(result.applied, 'answer') + ' saved in this browser.');
    } catch (e) {
      setStatus('The answers saved in this browser could not be read; the form starts empty.', 'error');
    }
  }

  /* ------------------------------------------------------------ progress */

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function updateProgress() {
    var given = {};
    var total = {};
    questions.forEach(function (q) {
      var answered = 0;
      q.states.forEach(function (state) { if (readSlot(q, state) !== null) answered++; });
      given[q.section] = (given[q.section] || 0) + answered;
      total[q.section] = (total[q.section] || 0) + q.states.length;
      q.el.classList.toggle('is-answered', answered === q.states.length && answered > 0);
      q.el.classList.toggle('is-partly-answered', answered > 0 && answered < q.states.length);
    });
    Array.prototype.forEach.call(form.querySelectorAll('.questionnaire-section[data-section]'), function (section) {
      var id = section.getAttribute('data-section');
      var n = given[id] || 0;
      var max = total[id] || 0;
      var bar = section.querySelector('progress');
      if (bar) { bar.max = Math.max(max, 1); bar.value = n; }
      var text = n + ' of ' + plural(max, 'answer') + ' given';
      Array.prototype.forEach.call(form.querySelectorAll('[data-progress-for="' + id + '"]'), function (span) {
        span.textContent = text;
      });
      section.classList.toggle('is-complete', max > 0 && n === max);
    });
  }

  /* ------------------------------------------------------------ status line */

  var statusTimer = null;
  function setStatus(message, kind) {
    if (!statusBox) return;
    statusBox.textContent = message;
    statusBox.setAttribute('data-kind', kind || 'info');
    clearTimeout(statusTimer);
    if (kind !== 'error') statusTimer = setTimeout(function () { statusBox.textContent = ''; }, 8000);
  }

  /* ------------------------------------------------------------ export */

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  function exportJson() {
    var doc = answerDocument();
    download(fileStem + '.json', 'application/json', JSON.stringify(doc, null, 2) + '\n');
    setStatus('Exported ' + plural(countSlots(doc.answers), 'answer') + ' as ' + fileStem + '.json.');
  }

  function csvField(v) {
    var s = String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function exportCsv() {
    var answers = collect();
    var rows = [['id', 'state', 'value'], ['questionnaire_version', '', version]];
    questions.forEach(function (q) {
      var entry = answers[q.id];
      if (!entry) return;
      q.states.forEach(function (state) {
        if (!(state in entry)) return;
        var v = entry[state];
        rows.push([q.id, state, Array.isArray(v) ? v.join(' | ') : v]);
      });
    });
    var text = rows.map(function (r) { return r.map(csvField).join(','); }).join('\r\n') + '\r\n';
    download(fileStem + '.csv', 'text/csv', text);
    setStatus('Exported ' + plural(rows.length - 2, 'answer') + ' as ' + fileStem + '.csv.');
  }

  function countSlots(answers) {
    var n = 0;
    Object.keys(answers).forEach(function (id) { n += Object.keys(answers[id]).length; });
    return n;
  }

  /* ------------------------------------------------------------ import */

  /* RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
  function parseCsv(text) {
    var rows = [];
    var row = [];
    var field = '';
    var quoted = false;
    text = text.replace(/^\uFEFF/, '');
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
        } else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { row.push(field); field = ''; }
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(field); field = '';
        rows.push(row); row = [];
      } else field += c;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows.filter(function (r) { return r.length > 1 || r[0] !== ''; });
  }

  function answersFromCsv(text) {
    var rows = parseCsv(text);
    var header = (rows.shift() || []).map(function (h) { return h.trim().toLowerCase(); });
    var col = { id: header.indexOf('id'), state: header.indexOf('state'), value: header.indexOf('value') };
    if (col.id < 0 || col.state < 0 || col.value < 0) throw new Error('a CSV export needs the columns id, state and value');
    var result = { questionnaire_version: null, answers: {} };
    rows.forEach(function (r) {
      var id = (r[col.id] || '').trim();
      var state = (r[col.state] || '').trim();
      var value = r[col.value] == null ? '' : r[col.value];
      if (id === 'questionnaire_version') { result.questionnaire_version = value.trim(); return; }
      if (!id || !state || value === '') return;
      var q = byId[id];
      var v = value;
      if (q && q.type === 'multiple') v = value.split(' | ').map(function (s) { return s.trim(); }).filter(Boolean);
      else if (q && q.type === 'number') v = Number(value);
      (result.answers[id] = result.answers[id] || {})[state] = v;
    });
    return result;
  }

  function importText(name, text) {
    var doc;
    var isCsv = /\.csv$/i.test(name) || !/^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
    try {
      doc = isCsv ? answersFromCsv(text) : JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      setStatus('Could not import ' + name + ': ' + e.message, 'error');
      return;
    }
    if (!doc || typeof doc !== 'object' || !doc.answers || typeof doc.answers !== 'object' || Array.isArray(doc.answers)) {
      setStatus('Could not import ' + name + ': it has no "answers" object (export a file from this form to see the format).', 'error');
      return;
    }
    var result = apply(doc.answers);
    save();
    updateProgress();
    var message = 'Imported ' + plural(result.applied, 'answer') + ' from ' + name + '.';
    var kind = 'info';
    if (doc.questionnaire_version && doc.questionnaire_version !== version) {
      message += ' The file answers questionnaire version ' + doc.questionnaire_version + ', this form is version ' + version + '.';
      kind = 'error';
    }
    if (result.unknown.length) {
      message += ' Skipped unknown questions: ' + result.unknown.join(', ') + '.';
      kind = 'error';
    }
    if (result.rejected.length) {
      message += ' Skipped answers that are not options of their question: ' + result.rejected.join(', ') + '.';
      kind = 'error';
    }
    setStatus(message, kind);
  }

  function importFile(file) {
    if (!file) return;
    var done = function (text) { importText(file.name, text); if (importInput) importInput.value = ''; };
    if (file.text) {
      file.text().then(done, function (e) { setStatus('Could not read ' + file.name + ': ' + e.message, 'error'); });
    } else {
      var reader = new FileReader();
      reader.onload = function () { done(String(reader.result)); };
      reader.onerror = function () { setStatus('Could not read ' + file.name + '.', 'error'); };
      reader.readAsText(file);
    }
  }

  /* ------------------------------------------------------------ print and clear */

  /* A textarea prints only its visible rows: print a copy of the whole text instead. */
  function preparePrint() {
    Array.prototype.forEach.call(form.querySelectorAll('textarea'), function (area) {
      var copy = area.nextElementSibling;
      if (!copy || !copy.classList.contains('question-print-text')) {
        copy = document.createElement('div');
        copy.className = 'question-print-text';
        copy.setAttribute('aria-hidden', 'true');
        area.parentNode.insertBefore(copy, area.nextSibling);
      }
      copy.textContent = area.value;
    });
  }

  function clearAll() {
    if (!window.confirm('Clear every answer in this form? Export them first if you need them.')) return;
    clearControls();
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing saved */ }
    updateProgress();
    setStatus('All answers cleared.');
  }

  /* ------------------------------------------------------------ wiring */

  function onEdit(event) {
    if (event.target === importInput) return;
    if (!event.target.name) return;
    save();
    updateProgress();
  }

  form.addEventListener('input', onEdit);
  form.addEventListener('change', function (event) {
    if (event.target === importInput) importFile(importInput.files && importInput.files[0]);
    else onEdit(event);
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button || !form.contains(button)) return;
    var action = button.getAttribute('data-action');
    if (action === 'export-json') exportJson();
    else if (action === 'export-csv') exportCsv();
    else if (action === 'print') { preparePrint(); window.print(); }
    else if (action === 'clear') clearAll();
  });
  window.addEventListener('beforeprint', preparePrint);

  restore();
  updateProgress();
  form.classList.add('is-ready');
})();
