/// #11.5: the grouped main menu (areas as disclosure menus), the quick search in the header, breadcrumbs, and the
/// phone menu behind a button.
extension Assets {
    static let navCSS = """
    #main-nav { flex:1; }
    .nav-areas { display:flex; flex-wrap:wrap; gap:4px; list-style:none; margin:0; padding:0; }
    .nav-areas > li { position:relative; }
    .nav-area > summary { list-style:none; cursor:pointer; padding:6px 12px; border-radius:6px; color:var(--ink); user-select:none; min-height:36px; display:flex; align-items:center; }
    .nav-area > summary::-webkit-details-marker { display:none; }
    .nav-area > summary::after { content:"▾"; margin-left:6px; font-size:11px; color:var(--muted); }
    .nav-area.current > summary { background:#e6f0fa; font-weight:600; }
    .nav-area[open] > summary, .nav-area > summary:hover { background:#e6f0fa; }
    .nav-menu { position:absolute; z-index:20; top:100%; left:0; min-width:220px; margin-top:4px; padding:8px; background:#fff;
      border:1px solid var(--line); border-radius:8px; box-shadow:0 6px 20px rgba(31,41,51,.15); }
    .nav-path { margin:0 0 6px; padding:0 8px; font-size:12px; color:var(--muted); }
    .nav-groups, .nav-groups ul { list-style:none; margin:0; padding:0; }
    .nav-group + .nav-group { border-top:1px solid var(--line); margin-top:6px; padding-top:6px; }
    .nav-group-label { display:block; padding:2px 8px; font-size:12px; font-weight:600; color:var(--muted); }
    .nav-menu a { display:block; padding:8px 10px; border-radius:6px; color:var(--ink); white-space:nowrap; min-height:36px; }
    .nav-menu a.active, .nav-menu a:hover, .nav-menu a:focus { background:#e6f0fa; text-decoration:none; }
    .nav-toggle { display:none; }
    .quick-search { margin:0; }
    .quick-search input[type=search] { width:240px; padding:6px 10px; }
    .breadcrumbs ol { display:flex; flex-wrap:wrap; list-style:none; margin:0 0 10px; padding:0; font-size:13px; color:var(--muted); }
    .breadcrumbs li + li::before { content:"›"; padding:0 6px; color:var(--muted); }
    .sr-only { position:absolute; width:1px; height:1px; padding:0; margin:-1px; overflow:hidden; clip:rect(0,0,0,0); white-space:nowrap; border:0; }
    :focus-visible { outline:3px solid #f0b429; outline-offset:2px; }
    @media (max-width: 768px) {
      .topbar { gap:8px; padding:8px 12px; }
      .nav-toggle { display:inline-block; margin-left:auto; padding:6px 12px; min-height:40px; }
      #main-nav { display:none; flex-basis:100%; order:10; }
      .topbar.nav-open #main-nav { display:block; }
      .nav-areas { flex-direction:column; }
      .nav-menu { position:static; box-shadow:none; border:0; margin:0; padding:0 0 0 12px; min-width:0; }
      .nav-area > summary { min-height:44px; }
      .nav-menu a { min-height:44px; display:flex; align-items:center; white-space:normal; }
      .quick-search { flex-basis:100%; order:5; }
      .quick-search input[type=search] { width:100%; }
      .user { flex-basis:100%; order:6; flex-wrap:wrap; font-size:14px; }
    }
    """

    static let navJS = """
    // #11.5: the main menu from the keyboard and by touch. <details> opens with Enter/Space by itself; here: one area
    // open at a time, Esc closes it (focus back on its title), ArrowDown opens it and moves into it, ArrowUp/ArrowDown
    // walk its entries, ArrowLeft/ArrowRight move between areas, a click elsewhere closes it; the phone menu button.
    document.addEventListener('DOMContentLoaded', function () {
      var nav = document.getElementById('main-nav');
      if (!nav) return;
      var areas = Array.prototype.slice.call(nav.querySelectorAll('details[data-nav-area]'));
      function links(area) { return Array.prototype.slice.call(area.querySelectorAll('.nav-menu a')); }
      function closeAll(except) { areas.forEach(function (a) { if (a !== except) a.open = false; }); }
      areas.forEach(function (area, i) {
        var summary = area.querySelector('summary');
        area.addEventListener('toggle', function () { if (area.open) closeAll(area); });
        area.addEventListener('keydown', function (e) {
          var list = links(area), at = list.indexOf(document.activeElement);
          if (e.key === 'Escape') { area.open = false; summary.focus(); e.preventDefault(); return; }
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            if (!list.length) return;
            area.open = true;
            var next = e.key === 'ArrowDown' ? (at + 1) % list.length : (at <= 0 ? list.length - 1 : at - 1);
            list[next].focus(); e.preventDefault(); return;
          }
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            var other = areas[(i + (e.key === 'ArrowRight' ? 1 : areas.length - 1)) % areas.length];
            var wasOpen = area.open;
            area.open = false;
            if (wasOpen && at >= 0) other.open = true;
            other.querySelector('summary').focus(); e.preventDefault();
          }
        });
      });
      document.addEventListener('click', function (e) { if (!nav.contains(e.target)) closeAll(null); });
      var toggle = document.getElementById('nav-toggle'), bar = document.getElementById('topbar');
      if (toggle && bar) toggle.addEventListener('click', function () {
        var open = bar.classList.toggle('nav-open');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    });
    """
}
