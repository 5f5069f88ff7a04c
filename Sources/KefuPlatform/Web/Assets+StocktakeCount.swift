/// #12.1: the tablet count page. Markup contract: `[data-count-search]` filters `[data-count-card]` by their
/// `data-search` text; Enter in a `[data-count-input]` moves to the next visible card's count instead of sending the form.
/// Cards and fields are sized for a finger (at least 48 px high), numbers get the decimal keypad (`inputmode`).
extension Assets {
    static let stocktakeCountCSS = """
    .count-search input { width:100%; font-size:1.25rem; min-height:48px; padding:8px 12px; box-sizing:border-box; }
    .count-cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(280px, 1fr)); gap:12px; margin:12px 0; }
    .count-card { border:1px solid var(--line, #ccc); border-radius:8px; padding:12px; background:#fff; }
    .count-card[hidden] { display:none; }
    .count-card .count-item { font-size:1.1rem; margin-bottom:6px; }
    .count-card .count-field { display:block; margin-top:8px; }
    .count-card input, .count-card select { display:block; width:100%; min-height:48px; font-size:1.25rem; box-sizing:border-box; }
    .count-actions { position:sticky; bottom:0; background:#fff; padding:8px 0; display:flex; gap:12px; }
    .count-actions .count-save, .count-actions .button { min-height:52px; font-size:1.2rem; padding:0 24px; }
    tr.stocktake-row.overdue td { background:#fff6e5; }
    form.inline { display:inline-flex; gap:4px; align-items:center; }
    """

    static let stocktakeCountJS = """
    (function () {
      var search = document.querySelector('[data-count-search]');
      if (!search) return;
      var cards = Array.prototype.slice.call(document.querySelectorAll('[data-count-card]'));
      search.addEventListener('input', function () {
        var q = search.value.trim().toLowerCase();
        cards.forEach(function (c) { c.hidden = q !== '' && (c.getAttribute('data-search') || '').indexOf(q) < 0; });
      });
      search.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        var first = cards.filter(function (c) { return !c.hidden; })[0];
        if (first) first.querySelector('[data-count-input]').focus();
      });
      document.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter' || !e.target.matches || !e.target.matches('[data-count-input]')) return;
        e.preventDefault();
        var visible = cards.filter(function (c) { return !c.hidden; });
        var i = visible.indexOf(e.target.closest('[data-count-card]'));
        var next = visible[i + 1];
        if (next) next.querySelector('[data-count-input]').focus();
      });
    })();
    """
}
