extension Assets {
    /// #12.5 MAT-05: the request's three photos as thumbnails (each links to the full photo), the photo inputs of its form.
    static let itemRequestsCSS = """
    .photo-grid { display:flex; flex-wrap:wrap; gap:12px; margin:8px 0 12px; }
    .photo-grid figure.photo { margin:0; width:180px; }
    .photo-grid img { display:block; width:180px; height:135px; object-fit:cover; border:1px solid var(--line); border-radius:6px; background:#fff; }
    .photo-grid figcaption { font-size:13px; color:var(--muted); margin-top:4px; overflow-wrap:anywhere; }
    fieldset.photo-set { border:1px solid var(--line); border-radius:8px; padding:8px 12px 12px; margin:12px 0; }
    .photo-inputs { display:grid; grid-template-columns:repeat(auto-fit, minmax(220px, 1fr)); gap:8px 16px; }
    .photo-inputs input[type=file] { width:100%; }
    form.photo-upload { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin:6px 0; }
    form.photo-upload label { margin:0; }
    .list-head { justify-content:space-between; }
    """
}
