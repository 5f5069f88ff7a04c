extension Assets {
    /// #15.2 shift handover and announcements: the unread announcements at shift start stand out; the log's parts and
    /// head read as label/value pairs, one column on a phone; the announcement's text keeps its line breaks.
    static let handoverCSS = """
    .handover-unread { border:2px solid var(--accent, #1f6feb); background:#eef5ff; padding:8px 12px; border-radius:6px; margin:8px 0; }
    .handover-unread h2 { margin:0 0 4px; font-size:1rem; }
    .handover-head, .handover-parts { display:grid; grid-template-columns:repeat(auto-fit, minmax(220px, 1fr)); gap:6px 16px; margin:8px 0; }
    .handover-head dt, .handover-parts dt { font-weight:600; }
    .handover-head dd, .handover-parts dd { margin:0; white-space:pre-wrap; }
    .announcement-body { white-space:pre-wrap; }
    @media (max-width: 600px) { .handover-head, .handover-parts { grid-template-columns:1fr; } }
    """
}
