/// #11.5: on a phone (≤ 600 px) a list table (`DataTable`, class `stack`) becomes a column of cards: each row a card, each
/// cell a line led by its column's label (`data-label`); nothing scrolls sideways. Wider screens keep the table.
extension Assets {
    static let stackedTablesCSS = """
    @media (max-width: 600px) {
      table.stack { display:block; overflow:visible; background:transparent; }
      table.stack thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
      table.stack tbody, table.stack tfoot, table.stack tr, table.stack td { display:block; width:100%; }
      table.stack tr { background:#fff; border:1px solid var(--line); border-radius:8px; margin:0 0 10px; padding:6px 10px; }
      table.stack td { border:0; padding:4px 0; white-space:normal; overflow-wrap:anywhere; display:grid; grid-template-columns:minmax(84px, 38%) 1fr; gap:8px; }
      table.stack td::before { content:attr(data-label); color:var(--muted); font-size:13px; font-weight:600; }
      table.stack td[data-label=""] { grid-template-columns:1fr; }
      table.stack td[data-label=""]::before { display:none; }
      table.stack tr:hover td { background:transparent; }
      table.stack tfoot tr { font-weight:600; border-width:2px; }
    }
    """
}
