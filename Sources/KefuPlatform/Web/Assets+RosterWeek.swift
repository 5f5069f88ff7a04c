/// SHF-01: the roster's week view — a person per row, a day per column; on paper one A4 landscape page.
extension Assets {
    static let rosterWeekCSS = """
    .roster-week { border-collapse:collapse; font-size:14px; min-width:100%; }
    .roster-week th, .roster-week td { border:1px solid var(--line, #ccc); padding:4px 6px; text-align:center; white-space:nowrap; }
    .roster-week tbody th { text-align:left; }
    .roster-week thead small { display:block; font-weight:400; }
    .roster-week .roster-kind { display:block; font-size:11px; }
    .roster-week .roster-holiday { background:#fdecea; }
    .roster-week .roster-adjusted_workday { background:#eef6ff; }
    .roster-week .roster-weekend { background:#f6f6f6; }
    @media print {
      main:has(.roster-week) { page:wide; }
      .roster-week { width:100%; font-size:9pt; }
      .roster-week th, .roster-week td { padding:2px 3px; }
      .roster-week tr { break-inside:avoid; }
      .roster-week .roster-holiday, .roster-week .roster-adjusted_workday, .roster-week .roster-weekend { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
    }
    """
}
