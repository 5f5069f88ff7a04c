/// #11.4: the ticket page's one form (keyboard shortcuts, usual phrases), the live queue (server-sent events) and the
/// printed ticket.
extension Assets {
    static let ticketsCSS = """
    .ticket-head { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-bottom:6px; }
    .handle-form .grid { margin-bottom:4px; }
    .shortcut-help { margin-left:8px; }
    .queue-counts { display:flex; flex-wrap:wrap; gap:6px; margin:0 0 12px; padding:0; list-style:none; }
    .queue-counts a { display:inline-block; padding:4px 10px; border:1px solid var(--line); border-radius:14px; background:#fff; color:var(--ink); }
    .queue-counts a.active { border-color:var(--brand); background:#e6f0fa; }
    .queue-counts .count { font-weight:700; margin-left:4px; }
    .queue-counts .count.hot { color:var(--bad); }
    .live-state { font-size:12px; color:var(--muted); }
    tr.ticket-row.fresh td { background:#fffbe6; }
    @media print {
      .no-print, .handle-form, #forward-form, #escalate-form, #take-form, #owner-form, button { display:none !important; }
      .ticket-head { display:flex !important; } .ticket-head .badge { border:1px solid #999; }
      .two-col { display:block; } ol.timeline li { break-inside:avoid; }
    }
    """

    static let ticketsJS = """
    // #11.4 ticket page: Ctrl+Enter sends the one form; r / n choose reply / internal note, s the status (outside fields).
    document.addEventListener('DOMContentLoaded', function () {
      var form = document.querySelector('form[data-ticket-shortcuts]');
      if (!form) return;
      var body = document.getElementById('comment-body');
      var mode = document.getElementById('comment-visibility');
      var status = document.getElementById('status-select');
      document.addEventListener('keydown', function (e) {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && form.contains(document.activeElement)) {
          e.preventDefault();
          if (form.requestSubmit) form.requestSubmit(); else form.submit();
          return;
        }
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        var t = e.target, tag = t && t.tagName;
        if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
        if (e.key === 'r' || e.key === 'n') {
          e.preventDefault();
          if (mode) mode.value = e.key === 'r' ? 'public' : 'internal';
          if (body) body.focus();
        } else if (e.key === 's' && status) {
          e.preventDefault();
          status.focus();
        }
      });
      var phrases = form.querySelector('select[data-phrase-into]');
      function insert(text) {
        if (!text || !body) return;
        var start = body.selectionStart || 0, end = body.selectionEnd || 0;
        body.value = body.value.slice(0, start) + text + body.value.slice(end);
        body.focus();
        body.selectionStart = body.selectionEnd = start + text.length;
      }
      if (phrases && body) phrases.addEventListener('change', function () {
        insert(phrases.value);
        phrases.value = '';
      });
      // #16 item 5: Ctrl+/ from the reply box finds a template by its code or title; Enter inserts it at the cursor,
      // Escape goes back without inserting.
      var search = form.querySelector('input[data-phrase-search]');
      if (search && phrases && body) {
        body.addEventListener('keydown', function (e) {
          if ((e.ctrlKey || e.metaKey) && e.key === '/') { e.preventDefault(); search.focus(); search.select(); }
        });
        search.addEventListener('keydown', function (e) {
          if (e.key === 'Escape') { e.preventDefault(); search.value = ''; body.focus(); return; }
          if (e.key !== 'Enter') return;
          e.preventDefault();
          var typed = search.value.trim().toLowerCase();
          if (!typed) { body.focus(); return; }
          var options = Array.prototype.slice.call(phrases.querySelectorAll('option')).filter(function (o) { return o.value; });
          var found = options.filter(function (o) { return (o.dataset.code || '').toLowerCase() === typed; })[0]
            || options.filter(function (o) { return (o.dataset.title || '').toLowerCase() === typed; })[0]
            || options.filter(function (o) { return o.textContent.toLowerCase().indexOf(typed) >= 0; })[0];
          if (!found) { search.setAttribute('aria-invalid', 'true'); return; }
          search.removeAttribute('aria-invalid');
          search.value = '';
          insert(found.value);
        });
      }
    });
    // #11.4 live queue: the server says when the viewer's queues change (server-sent events); the page then fetches
    // itself and swaps the counts and the rows, keeping whatever is typed in the search form.
    document.addEventListener('DOMContentLoaded', function () {
      var live = document.querySelector('[data-live-queue]');
      if (!live || !window.EventSource) return;
      var state = document.getElementById('live-state');
      var source = new EventSource(live.dataset.liveQueue);
      var busy = false, again = false;
      function refresh() {
        if (busy) { again = true; return; }
        busy = true;
        fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (!html) return;
            var doc = new DOMParser().parseFromString(html, 'text/html');
            var known = {};
            document.querySelectorAll('tr.ticket-row').forEach(function (tr) { known[tr.dataset.id] = true; });
            document.querySelectorAll('[data-live-part]').forEach(function (part) {
              var fresh = part.id && doc.getElementById(part.id);
              if (fresh) part.innerHTML = fresh.innerHTML;
            });
            document.querySelectorAll('tr.ticket-row').forEach(function (tr) { if (!known[tr.dataset.id]) tr.classList.add('fresh'); });
            document.body.dataset.liveUpdates = String(Number(document.body.dataset.liveUpdates || '0') + 1);
          })
          .catch(function () {})
          .then(function () { busy = false; if (again) { again = false; refresh(); } });
      }
      source.addEventListener('queue', refresh);
      // On every (re)connect: what changed before the stream's first look, or while it was down, is fetched too.
      source.addEventListener('ready', function (e) {
        var drawn = document.getElementById('queue-stamp');
        var now = null;
        try { now = JSON.parse(e.data).stamp; } catch (err) {}
        if (!drawn || !now || drawn.dataset.stamp !== now) refresh();
      });
      source.addEventListener('open', function () { if (state) state.textContent = state.dataset.on || ''; });
      source.addEventListener('error', function () { if (state) state.textContent = state.dataset.off || ''; });
    });
    """
}
