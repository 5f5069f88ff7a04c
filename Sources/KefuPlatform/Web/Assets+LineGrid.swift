/// #11.3: the line grid of U8 documents. Markup contract: a `table[data-line-grid]` whose `tbody` rows are
/// `tr[data-line]`; a `template#line-template` holding one empty row with `__N__` for its number;
/// `[data-line-add]` adds a row, `[data-line-remove]` removes its row; `data-next-index` on the table numbers new rows.
/// Enter in a grid cell never submits the form: it moves to the next cell, and after the last cell of the last row it
/// adds a row. An item field's typeahead is the shared picker (`data-picker`), not this script.
extension Assets {
    static let lineGridCSS = """
    table.line-grid input[type=text] { width:100%; min-width:6em; }
    table.line-grid td.line-no { color:var(--muted); width:2.5em; }
    table.line-grid tr.has-error td { background:#fff1f1; }
    table.line-grid input[aria-invalid=true] { border-color:var(--bad); outline:1px solid var(--bad); }
    table.line-grid .field-error { color:var(--bad); margin:2px 0 0; font-size:13px; }
    .sr-only { position:absolute; width:1px; height:1px; padding:0; margin:-1px; overflow:hidden; clip:rect(0,0,0,0); white-space:nowrap; border:0; }
    .u8-toolbar button[disabled] { cursor:not-allowed; }
    .u8-toolbar { flex-wrap:wrap; }
    @media screen and (max-width: 700px) { #document-lines, #stock-ledger { display:block; overflow-x:auto; } }
    """

    static let lineGridJS = """
    (function () {
      function cells(row) {
        return Array.prototype.filter.call(row.querySelectorAll('input, select, textarea'), function (el) {
          return el.type !== 'hidden' && !el.disabled && !el.hasAttribute('data-line-extra');
        });
      }
      function renumber(body) {
        Array.prototype.forEach.call(body.querySelectorAll('tr[data-line]'), function (row, i) {
          var no = row.querySelector('.line-no');
          if (no) no.textContent = String(i + 1);
        });
      }
      function addRow(grid) {
        var template = document.getElementById('line-template');
        var body = grid.tBodies[0];
        if (!template || !body) return null;
        var n = parseInt(grid.getAttribute('data-next-index') || '0', 10);
        grid.setAttribute('data-next-index', String(n + 1));
        var holder = document.createElement('tbody');
        holder.innerHTML = template.innerHTML.replace(/__N__/g, String(n));
        var row = holder.querySelector('tr');
        body.appendChild(row);
        renumber(body);
        if (window.kefuPickers) window.kefuPickers(row); // #11.1: the shared item picker on the new line's item field
        row.dispatchEvent(new CustomEvent('line-added', { bubbles: true }));
        return row;
      }
      document.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter' || e.defaultPrevented || e.isComposing) return;
        var field = e.target;
        var row = field.closest ? field.closest('table[data-line-grid] tr[data-line]') : null;
        if (!row) return;
        e.preventDefault();
        var list = cells(row);
        var i = list.indexOf(field);
        if (i >= 0 && i < list.length - 1) { list[i + 1].focus(); return; }
        var next = row.nextElementSibling;
        while (next && !next.hasAttribute('data-line')) next = next.nextElementSibling;
        if (!next) next = addRow(row.closest('table'));
        if (next) { var first = cells(next)[0]; if (first) first.focus(); }
      });
      document.addEventListener('click', function (e) {
        var add = e.target.closest ? e.target.closest('[data-line-add]') : null;
        if (add) {
          var grid = document.querySelector('table[data-line-grid]');
          var row = grid ? addRow(grid) : null;
          if (row) { var first = cells(row)[0]; if (first) first.focus(); }
          return;
        }
        var remove = e.target.closest ? e.target.closest('[data-line-remove]') : null;
        if (!remove) return;
        var line = remove.closest('tr[data-line]');
        var body = line ? line.parentNode : null;
        if (!line || !body) return;
        if (body.querySelectorAll('tr[data-line]').length > 1) {
          body.removeChild(line);
        } else {
          Array.prototype.forEach.call(line.querySelectorAll('input'), function (el) { el.value = ''; });
        }
        renumber(body);
      });
    })();
    """
}
