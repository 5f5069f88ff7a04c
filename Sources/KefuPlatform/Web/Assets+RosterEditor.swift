/// #15 leftovers (SHF-01): the full-month roster editor. Markup contract: `form[data-roster-editor]` holds
/// `select.roster-cell` with `data-row`/`data-col`; arrow keys move between cells (the select's own arrow behaviour is
/// replaced), typing a shift code (`option[data-code]`, several letters within a second) picks it, Delete/Backspace
/// clears. On a phone the grid scrolls sideways with the person column sticky.
extension Assets {
    static let rosterEditorCSS = """
    .roster-editor-scroll { overflow-x:auto; -webkit-overflow-scrolling:touch; margin:8px 0 16px; max-width:100%; }
    .roster-editor { border-collapse:separate; border-spacing:0; font-size:13px; }
    .roster-editor th, .roster-editor td { border:1px solid var(--line); padding:2px; text-align:center; white-space:nowrap; }
    .roster-editor thead th small { display:block; font-weight:400; color:var(--muted, #666); }
    .roster-editor .roster-kind { display:block; font-size:11px; font-weight:600; }
    .roster-editor .roster-person { position:sticky; left:0; z-index:1; background:#fff; text-align:left; padding:2px 8px; min-width:6em; }
    .roster-editor thead .roster-person { z-index:2; }
    .roster-editor select.roster-cell { min-width:3.5em; min-height:32px; font-size:13px; }
    .roster-editor select.roster-cell:focus { outline:3px solid var(--accent, #1a73e8); outline-offset:-2px; }
    .roster-editor .roster-holiday { background:#fdecea; }
    .roster-editor .roster-adjusted_workday { background:#eef6ff; }
    .roster-editor .roster-weekend { background:#f6f6f6; }
    .roster-editor td[data-swapped=true] select, .roster-editor td[data-leave=true] select { font-weight:700; }
    .roster-editor td.roster-cell-refused { background:#ffd7d2; outline:2px solid #c5221f; }
    """
    static let rosterEditorJS = """
    (function () {
      var form = document.querySelector('form[data-roster-editor]');
      if (!form) return;
      var typed = '', typedAt = 0;
      function cell(row, col) { return form.querySelector('select.roster-cell[data-row="' + row + '"][data-col="' + col + '"]'); }
      form.addEventListener('keydown', function (e) {
        var el = e.target;
        if (!el.matches || !el.matches('select.roster-cell')) return;
        var row = +el.getAttribute('data-row'), col = +el.getAttribute('data-col');
        var moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
        if (moves[e.key]) {
          e.preventDefault();
          var next = cell(row + moves[e.key][0], col + moves[e.key][1]);
          if (next) next.focus();
          return;
        }
        if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); el.value = ''; el.dispatchEvent(new Event('change', { bubbles: true })); return; }
        if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return;
        e.preventDefault();
        var now = Date.now();
        typed = (now - typedAt < 1000 ? typed : '') + e.key.toUpperCase();
        typedAt = now;
        var options = Array.prototype.slice.call(el.options);
        var exact = options.filter(function (o) { return (o.getAttribute('data-code') || '').toUpperCase() === typed; })[0];
        var prefix = options.filter(function (o) { return (o.getAttribute('data-code') || '').toUpperCase().indexOf(typed) === 0; })[0];
        var pick = exact || prefix;
        if (!pick) { typed = e.key.toUpperCase(); pick = options.filter(function (o) { return (o.getAttribute('data-code') || '').toUpperCase().indexOf(typed) === 0; })[0]; }
        if (pick) { el.value = pick.value; el.dispatchEvent(new Event('change', { bubbles: true })); }
      });
      var refused = form.querySelector('.roster-cell-refused select');
      if (refused) refused.focus();
    })();
    """
}
