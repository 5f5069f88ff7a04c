/// #11.1: the typeahead picker. Any field that points to a record carries this markup (keep it exactly, other pages
/// emit it; `FormControls.picker` writes it):
///
///     <input type="text" data-picker="/api/v1/search?kinds=ticket" data-picker-value="ID-OF-HIDDEN" value="HUMAN NUMBER">
///     <input type="hidden" id="ID-OF-HIDDEN" name="ticketId" value="uuid">
///
/// As the user types, the script asks the `data-picker` URL with `&q=<text>&limit=8` and lists the answer's `items`
/// (`{kind,id,number,title,detail}`, the search API's hits) under the field, number and name on each line. Arrows move,
/// Enter picks (and does not send the form), Esc closes, a tap or click picks. Picking writes the hit's `number` (or
/// its title when it has none) into the visible field and its `id` into the hidden one. Typed text that was not picked
/// goes into the hidden field as typed, so the server resolves the human number (ticket number, customer number or
/// phone, username) itself: without script, or when the user types a whole number and sends, the form still works.
extension Assets {
    static let pickerCSS = """
    .picker { position:relative; display:block; }
    .picker-list { position:absolute; z-index:40; left:0; right:0; top:100%; margin:2px 0 0; padding:4px 0; list-style:none;
      background:#fff; border:1px solid #bcccdc; border-radius:6px; box-shadow:0 6px 18px rgba(31,41,51,.15); max-height:320px; overflow-y:auto; }
    .picker-list li { padding:8px 10px; cursor:pointer; display:flex; gap:8px; align-items:baseline; min-height:36px; }
    .picker-list li[aria-selected=true], .picker-list li:hover { background:#e6f0fa; }
    .picker-list .picker-number { font-weight:600; white-space:nowrap; font-variant-numeric:tabular-nums; }
    .picker-list .picker-title { flex:1; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
    .picker-list .picker-detail { color:var(--muted); font-size:12px; white-space:nowrap; }
    .picker-list li.picker-empty { color:var(--muted); cursor:default; }
    @media print { .picker-list { display:none !important; } }
    """

    static let pickerJS = """
    // #11.1 typeahead picker: input[data-picker] + the hidden input named by data-picker-value.
    (function () {
      var counter = 0;
      function setup(input) {
        if (input.dataset.pickerReady) return;
        input.dataset.pickerReady = '1';
        var hidden = document.getElementById(input.dataset.pickerValue);
        var wrap = document.createElement('span');
        wrap.className = 'picker';
        input.parentNode.insertBefore(wrap, input);
        wrap.appendChild(input);
        var list = document.createElement('ul');
        list.className = 'picker-list';
        list.id = (input.id || 'picker-' + (++counter)) + '-options';
        list.setAttribute('role', 'listbox');
        list.hidden = true;
        wrap.appendChild(list);
        input.setAttribute('autocomplete', 'off');
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-controls', list.id);
        input.setAttribute('aria-expanded', 'false');
        var items = [], active = -1, timer = null, asked = 0;

        function close() {
          list.hidden = true; list.innerHTML = ''; items = []; active = -1;
          input.setAttribute('aria-expanded', 'false');
          input.removeAttribute('aria-activedescendant');
        }
        function highlight(i) {
          var nodes = list.querySelectorAll('li[role=option]');
          if (nodes.length === 0) return;
          active = (i + nodes.length) % nodes.length;
          for (var k = 0; k < nodes.length; k++) nodes[k].setAttribute('aria-selected', k === active ? 'true' : 'false');
          input.setAttribute('aria-activedescendant', nodes[active].id);
          nodes[active].scrollIntoView({ block: 'nearest' });
        }
        function pick(i) {
          var hit = items[i];
          if (!hit) return;
          input.value = hit.number || hit.title;
          if (hidden) {
            hidden.value = hit.id;
            hidden.dispatchEvent(new Event('change', { bubbles: true }));
          }
          input.dispatchEvent(new CustomEvent('picker:picked', { bubbles: true, detail: hit }));
          close();
        }
        function span(cls, text) {
          var s = document.createElement('span'); s.className = cls; s.textContent = text || ''; return s;
        }
        function show(found) {
          items = found; list.innerHTML = ''; active = -1;
          if (items.length === 0) {
            var none = document.createElement('li');
            none.className = 'picker-empty';
            none.textContent = input.dataset.pickerNone || (document.documentElement.lang === 'en' ? 'Nothing found' : '未找到');
            list.appendChild(none);
          }
          items.forEach(function (hit, i) {
            var li = document.createElement('li');
            li.id = list.id + '-' + i;
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', 'false');
            li.dataset.index = String(i);
            li.dataset.id = hit.id;
            li.appendChild(span('picker-number', hit.number || ''));
            li.appendChild(span('picker-title', hit.title));
            if (hit.detail) li.appendChild(span('picker-detail', hit.detail));
            list.appendChild(li);
          });
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
          if (items.length > 0) highlight(0);
        }
        function ask() {
          var q = input.value.trim();
          if (q.length === 0) { close(); return; }
          var url = input.dataset.picker;
          url += (url.indexOf('?') >= 0 ? '&' : '?') + 'q=' + encodeURIComponent(q) + '&limit=8';
          var mine = ++asked;
          fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (data) {
              if (mine !== asked || document.activeElement !== input) return; // a newer question, or the user left
              show(data && data.items ? data.items : []);
            })
            .catch(function () {});
        }
        input.addEventListener('input', function () {
          // Typed, not picked: the server reads the human number from the hidden field (#11.1).
          if (hidden) hidden.value = input.value.trim();
          clearTimeout(timer);
          timer = setTimeout(ask, 150);
        });
        input.addEventListener('keydown', function (e) {
          var open = !list.hidden && items.length > 0;
          if (e.key === 'ArrowDown') { e.preventDefault(); if (open) highlight(active + 1); else ask(); }
          else if (e.key === 'ArrowUp') { if (open) { e.preventDefault(); highlight(active - 1); } }
          else if (e.key === 'Enter') { if (open && active >= 0) { e.preventDefault(); pick(active); } }
          else if (e.key === 'Escape') { if (!list.hidden) { e.preventDefault(); close(); } }
          else if (e.key === 'Tab') { close(); }
        });
        // mousedown/touch keeps the focus in the field; the click (a tap on touch screens) picks.
        list.addEventListener('mousedown', function (e) { e.preventDefault(); });
        list.addEventListener('click', function (e) {
          var li = e.target.closest ? e.target.closest('li[role=option]') : null;
          if (li) pick(Number(li.dataset.index));
        });
        input.addEventListener('blur', function () { setTimeout(close, 150); });
      }
      function setupAll(root) {
        var inputs = (root || document).querySelectorAll('input[data-picker]');
        for (var i = 0; i < inputs.length; i++) setup(inputs[i]);
      }
      document.addEventListener('DOMContentLoaded', function () { setupAll(document); });
      // Pages that add lines (the document grid) call this for the new fields.
      window.kefuPickers = setupAll;
    })();
    """
}
