/// #12 (ISS-06, STO-03): the bin and FEFO cells of a document's line grid. Markup contract (`LineStorageCells` writes
/// it): `table[data-line-storage]` with `data-warehouse`, `data-fefo` ("1" on an issue) and the words to show in
/// `data-text-*`; per line N: `item_N`/`itemText_N`, `qty_N`, the bin picker `lbinText_N` + hidden `lbin_N`, and on an
/// issue the cell `#lfefo_N` holding hidden `lbatchId_N`/`lbatchText_N` and a `.fefo-text`. When a line's item (or
/// quantity, or the form's warehouse `#doc-warehouse`) changes, the script asks `/api/v1/stock/line-proposal`: a
/// receipt's empty bin takes the item's usual bin; an issue shows the batches FEFO takes with an 采用 button (Enter or
/// Space) that writes them into the line — one line per batch when the quantity spans several. A transfer's grid
/// (`data-line-bins`) has two bin pickers per line, bound to its two warehouse selects, and proposes FEFO from its
/// out warehouse (`data-warehouse-select`); it keeps no batch (`data-batch-kept="0"`), so 采用 writes the out bin and
/// quantity of each batch (STO-05), and the generated out document takes that batch FEFO within the bin.
extension Assets {
    static let lineProposalCSS = """
    table.line-grid td.line-fefo { min-width:14em; font-size:13px; }
    table.line-grid td.line-fefo button { margin-left:6px; }
    table.line-grid td.line-bin input[type=text] { min-width:9em; }
    """

    static let lineProposalJS = """
    (function () {
      function grid() { return document.querySelector('table[data-line-storage]'); }
      function say(g, key) { return g.getAttribute('data-text-' + key) || ''; }
      function warehouse(g) {
        var sel = document.getElementById(warehouseSelect(g));
        return sel && sel.tagName === 'SELECT' ? sel.value : (g.getAttribute('data-warehouse') || '');
      }
      function warehouseSelect(g) { return g.getAttribute('data-warehouse-select') || 'doc-warehouse'; }
      function part(row, prefix) { return document.getElementById(prefix + row.getAttribute('data-line')); }
      function binURL(w) { return '/api/v1/bins/search?warehouseId=' + encodeURIComponent(w); }
      function itemRef(row) {
        var id = part(row, 'item_'), text = part(row, 'itemText_');
        var v = id ? id.value.trim() : '';
        // Typed, not picked: the hidden field holds the text; its first word is the item code (#11.3).
        if (text && v === text.value.trim()) v = v.split(/[\\s\\u3000]+/)[0] || '';
        return v;
      }
      function clearBatch(g, row) {
        var id = part(row, 'lbatchId_'), label = part(row, 'lbatchText_'), cell = part(row, 'lfefo_');
        if (id) id.value = '';
        if (label) label.value = '';
        if (cell) {
          var text = cell.querySelector('.fefo-text'); if (text) text.textContent = '';
          var b = cell.querySelector('[data-fefo-accept]'); if (b) b.parentNode.removeChild(b);
        }
      }
      function clearAutoBin(row) {
        var text = part(row, 'lbinText_'), id = part(row, 'lbin_');
        if (text && text.getAttribute('data-auto') === '1') { text.value = ''; text.removeAttribute('data-auto'); if (id) id.value = ''; }
      }
      var asked = {};
      function propose(row) {
        var g = grid(); if (!g || !row) return;
        var w = warehouse(g), item = itemRef(row), qty = part(row, 'qty_');
        if (!w || !item) return;
        var url = '/api/v1/stock/line-proposal?warehouseId=' + encodeURIComponent(w) + '&itemId=' + encodeURIComponent(item);
        if (qty && qty.value.trim()) url += '&quantity=' + encodeURIComponent(qty.value.trim());
        var key = row.getAttribute('data-line'), mine = (asked[key] || 0) + 1;
        asked[key] = mine;
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (p) { if (p && asked[key] === mine) show(g, row, p); })
          .catch(function () {});
      }
      function describe(g, take) {
        var s = say(g, 'batch') + ' ' + (take.batchNo || '—');
        if (take.expiryDate) s += ' · ' + say(g, 'expiry') + ' ' + take.expiryDate;
        return s + ' · ' + say(g, 'bin') + ' ' + (take.binLocation || say(g, 'loose')) + ' × ' + take.quantity;
      }
      function show(g, row, p) {
        var binText = part(row, 'lbinText_'), binId = part(row, 'lbin_');
        if (g.getAttribute('data-fefo') !== '1') {
          if (binText && binId && !binText.value.trim() && p.usualBin) {
            binText.value = p.usualBin.location; binId.value = p.usualBin.id; binText.setAttribute('data-auto', '1');
          }
          return;
        }
        var cell = part(row, 'lfefo_'); if (!cell) return;
        clearBatch(g, row);
        var text = cell.querySelector('.fefo-text');
        if (!p.takes || p.takes.length === 0) { text.textContent = say(g, 'none'); return; }
        var s = say(g, 'fefo') + p.takes.map(function (t) { return describe(g, t); }).join('；');
        if (Number(p.shortfall) > 0) s += '；' + say(g, 'short').replace('{0}', String(p.shortfall));
        text.textContent = s;
        var b = document.createElement('button');
        b.type = 'button'; b.className = 'link'; b.id = 'lfefo-accept_' + row.getAttribute('data-line');
        b.setAttribute('data-fefo-accept', ''); b.setAttribute('data-line-extra', '');
        b.textContent = say(g, 'accept');
        b.addEventListener('click', function () { accept(g, row, p); });
        b.addEventListener('keydown', function (e) {
          if (e.key === 'Enter') { e.preventDefault(); accept(g, row, p); } // before the grid's Enter-moves-on
        });
        cell.appendChild(b);
      }
      function take(g, row, t) {
        var label = (t.batchNo || '—') + (t.expiryDate ? ' · ' + t.expiryDate : '');
        var batchId = part(row, 'lbatchId_'), batchText = part(row, 'lbatchText_');
        if (batchId) batchId.value = t.batchId || '';
        if (batchText) batchText.value = t.batchId ? label : '';
        part(row, 'qty_').value = String(t.quantity);
        var binText = part(row, 'lbinText_'), binId = part(row, 'lbin_');
        if (binText && binId) { binText.value = t.binLocation || ''; binId.value = t.binId || ''; binText.removeAttribute('data-auto'); }
        var text = part(row, 'lfefo_').querySelector('.fefo-text');
        text.textContent = say(g, 'accepted') + '：' + say(g, 'batch') + ' ' + label + (t.binLocation ? ' · ' + t.binLocation : '');
      }
      function accept(g, row, p) {
        var b = part(row, 'lfefo_').querySelector('[data-fefo-accept]');
        if (b) b.parentNode.removeChild(b);
        take(g, row, p.takes[0]);
        var after = row, add = document.querySelector('[data-line-add]');
        for (var i = 1; i < p.takes.length && add; i++) {
          add.click();
          var rows = g.tBodies[0].querySelectorAll('tr[data-line]');
          var fresh = rows[rows.length - 1];
          after.parentNode.insertBefore(fresh, after.nextSibling);
          part(fresh, 'item_').value = part(row, 'item_').value;
          part(fresh, 'itemText_').value = part(row, 'itemText_').value;
          ['ltobinText_', 'ltobin_'].forEach(function (p) { var a = part(row, p), c = part(fresh, p); if (a && c) c.value = a.value; });
          take(g, fresh, p.takes[i]);
          after = fresh;
        }
        Array.prototype.forEach.call(g.tBodies[0].querySelectorAll('tr[data-line]'), function (r, k) {
          var no = r.querySelector('.line-no'); if (no) no.textContent = String(k + 1);
        });
        var next = part(row, 'lremark_'); if (next) next.focus();
      }
      // A warehouse select bound to bin pickers (`data-bin-of`: the document's warehouse, a transfer's two ends):
      // the pickers search the newly chosen warehouse and forget a bin of the old one; new lines (the template) too.
      function rebind(select) {
        var bound = 'input[data-bin-of="' + select.id + '"]';
        Array.prototype.forEach.call(document.querySelectorAll(bound), function (b) {
          b.setAttribute('data-picker', binURL(select.value)); b.value = ''; b.removeAttribute('data-auto');
          var hidden = document.getElementById(b.getAttribute('data-picker-value')); if (hidden) hidden.value = '';
        });
        var tpl = document.getElementById('line-template');
        if (tpl && tpl.content) Array.prototype.forEach.call(tpl.content.querySelectorAll(bound), function (b) { b.setAttribute('data-picker', binURL(select.value)); });
      }
      document.addEventListener('change', function (e) {
        var el = e.target;
        if (el.tagName === 'SELECT' && el.id) rebind(el);
        var g = grid(); if (!g) return;
        if (el.id === warehouseSelect(g)) {
          Array.prototype.forEach.call(g.tBodies[0].querySelectorAll('tr[data-line]'), function (row) { clearBatch(g, row); propose(row); });
          return;
        }
        var row = el.closest ? el.closest('table[data-line-storage] tr[data-line]') : null;
        if (!row) return;
        var name = el.id.replace(/_[^_]*$/, '_');
        if (name === 'item_' || name === 'itemText_') { clearAutoBin(row); clearBatch(g, row); propose(row); }
        else if (name === 'qty_' && g.getAttribute('data-fefo') === '1') { clearBatch(g, row); propose(row); }
      });
    })();
    """
}
