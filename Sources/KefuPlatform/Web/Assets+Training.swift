extension Assets {
    /// #15.4 TRN-01..03: the months-without-training grid (a gap in the warning colour), the attendance sheet's compact
    /// score inputs, the printable sign-in sheet with room to sign, and the qualification flags and certificate alert.
    static let trainingCSS = """
    .gap-cell { display:inline-block; padding:1px 8px; border-radius:10px; font-size:13px; }
    .gap-gap { background:#fdecea; color:var(--bad); font-weight:600; }
    .gap-covered { background:#e6f4ea; color:var(--ok); }
    .gap-open { background:#f0f4f8; color:var(--muted); }
    td.gap-count.flagged { color:var(--bad); font-weight:600; }
    input.attendance-score { width:5em; }
    table.sign-in-sheet td.sign-cell { min-width:10em; height:2.4em; }
    .badge.flagged, .certificates li.cert-expired, .certificates li.cert-expiring { color:var(--bad); }
    .certificates, .plan-lines { margin:0; padding-left:1.1em; }
    #certificate-alerts { border:1px solid var(--bad); background:#fff6f5; padding:8px 14px; margin:10px 0; border-radius:6px; }
    #certificate-alerts h2 { margin:0 0 4px; font-size:16px; color:var(--bad); }
    @media print { table.sign-in-sheet td.sign-cell { height:2.8em; } }
    """
}
