/// #11.5: printing: only the record itself — its number, status and facts — without the header, menus, buttons or
/// forms; A4, and A4 landscape for wide tables (eight columns or more).
extension Assets {
    static let printCSS = """
    @page { size:A4 portrait; margin:12mm; }
    @page wide { size:A4 landscape; margin:10mm; }
    .print-only { display:none; }
    @media print {
      .topbar, #main-nav, .breadcrumbs, .quick-search, .nav-toggle, #bell, form, button, .button, .pager, .tabs, .toolbar, .no-print,
      [data-print], [data-back], .flash-notice { display:none !important; }
      /* A row of actions may also carry the record's number and status (the ticket's): those print, the controls not. */
      .actions { display:block; }
      .print-only { display:block; }
      body { background:#fff; font-size:11pt; color:#000; }
      main { max-width:none; padding:0; }
      .card { border:0; padding:0; margin-bottom:8mm; }
      a { color:inherit; text-decoration:none; }
      table { display:table; overflow:visible; font-size:9.5pt; }
      th, td { white-space:normal; padding:3px 5px; }
      thead { display:table-header-group; }
      tr, li { break-inside:avoid; }
      .two-col { display:block; }
      main:has(table th:nth-child(8)) { page:wide; }
      .badge { border:1px solid #999; background:none !important; }
    }
    """
}
