extension Assets {
    /// #15.1 SHF-01: the month's duty roster as a calendar grid: holidays (放假) and 调休上班 days tinted, swapped shifts
    /// marked; on a phone the grid keeps its seven columns and scrolls sideways; printed on one landscape page.
    static let rostersCSS = """
    .roster-scroll { overflow-x:auto; -webkit-overflow-scrolling:touch; margin:8px 0 16px; }
    .roster-grid { border-collapse:collapse; min-width:760px; width:100%; table-layout:fixed; }
    .roster-grid th, .roster-grid td { border:1px solid var(--line); vertical-align:top; padding:4px 6px; }
    .roster-grid ul { list-style:none; margin:2px 0 0; padding:0; font-size:13px; }
    .roster-grid li.roster-entry { overflow-wrap:anywhere; }
    .roster-grid li[data-swapped=true] { font-weight:600; }
    .roster-date { font-weight:600; }
    td.roster-holiday { background:#fdecea; }
    td.roster-adjusted_workday { background:#eef6ff; }
    td.roster-weekend { background:#f6f6f6; }
    td.roster-blank { background:transparent; border:none; }
    .grid.one-column { grid-template-columns:1fr; }
    @media print { .roster-scroll { overflow:visible; } .roster-grid { min-width:0; font-size:11px; } @page { size:landscape; } }
    """
}
