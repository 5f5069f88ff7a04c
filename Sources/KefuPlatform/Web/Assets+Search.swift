/// #11.1: the search page's groups of hits.
extension Assets {
    static let searchCSS = """
    .search-field { flex:1; min-width:240px; }
    ul.search-hits { list-style:none; margin:0; padding:0; }
    ul.search-hits li { padding:6px 0; border-bottom:1px solid var(--line); }
    ul.search-hits li:last-child { border-bottom:0; }
    .search-number { font-weight:600; font-variant-numeric:tabular-nums; margin-right:6px; }
    """
}
