/// #11.3, #11.5: printed documents and the daily 流水账 (LED-06): the number, lines, totals, 制单人 / 审核人 and
/// signature lines on paper; toolbars, navigation, buttons and forms are not printed. `.print-only` shows only on paper;
/// `.print-landscape` pages (wide tables) print on A4 landscape.
extension Assets {
    static let documentPrintCSS = """
    @media screen { .print-only { display:none !important; } }
    .signatures { display:flex; flex-wrap:wrap; gap:12px 32px; margin-top:2em; }
    .signature { display:inline-flex; align-items:flex-end; gap:6px; }
    .signature-line { display:inline-block; min-width:9em; border-bottom:1px solid var(--ink); height:1.4em; }
    tfoot tr td, tr.ledger-opening td, tr.ledger-total td { font-weight:600; background:#f8fafc; }
    @media print {
      .no-print, header.topbar, nav, .u8-toolbar, button, form.inline, .flash-notice, .pager, template { display:none !important; }
      table { width:100%; border-collapse:collapse; font-size:12px; }
      th, td { border:1px solid #999; padding:3px 5px; }
      tr, td { page-break-inside:avoid; }
      thead { display:table-header-group; } tfoot { display:table-row-group; }
    }
    @page { size: A4; margin: 12mm; }
    @page landscape { size: A4 landscape; margin: 10mm; }
    .print-landscape { page: landscape; }
    """
}
