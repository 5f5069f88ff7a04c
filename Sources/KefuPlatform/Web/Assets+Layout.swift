/// #11.5: tablet (≤ 1024 px) and phone (≤ 600 px) layouts: the page never scrolls sideways; a wide table scrolls
/// inside its own box; two-column pages, fact lists and toolbars stack; touch targets at least 40 px high.
extension Assets {
    static let layoutCSS = """
    img, svg, canvas, .chart { max-width:100%; height:auto; }
    main { overflow-wrap:anywhere; }
    h1 > label, h2 > label, h3 > label { display:inline; font:inherit; color:inherit; margin:0; }
    ul.inline-list { display:inline; list-style:none; margin:0; padding:0; } ul.inline-list li { display:inline; }
    ul.inline-list li + li::before { content:" · "; color:var(--muted); }
    .home-grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(min(440px, 100%), 1fr)); gap:16px; }
    .home-part h2 { margin-top:0; } .home-part .more { margin:8px 0 0; font-size:13px; } td.num { text-align:right; }
    @media (max-width: 1024px) {
      main { padding:16px; }
      table { display:block; max-width:100%; overflow-x:auto; -webkit-overflow-scrolling:touch; }
      th, td { white-space:nowrap; }
      td .body, td.wrap { white-space:normal; }
      .two-col { grid-template-columns:1fr; }
    }
    @media (max-width: 600px) {
      body { font-size:16px; }
      main { padding:10px; }
      h1 { font-size:19px; }
      .card { padding:12px; }
      .grid { grid-template-columns:1fr; }
      dl.facts { grid-template-columns:1fr; } dl.facts dd { margin-bottom:6px; }
      .toolbar, .actions { flex-direction:column; align-items:stretch; }
      .toolbar .field, .toolbar button, .actions button, .actions .button, .actions form { width:100%; }
      .tabs a { flex:1 1 auto; text-align:center; }
      button, .button, select, input[type=text], input[type=tel], input[type=email], input[type=password], input[type=search] { min-height:40px; }
      .months { grid-template-columns:1fr; }
      .login { margin:4vh auto; padding:0 12px; }
    }
    """
}
