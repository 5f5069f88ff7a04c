import Hummingbird

/// The one stylesheet and the little script every page uses; served with a day of caching.
/// Each concern keeps its rules in its own `Assets+<Concern>.swift` and adds one entry to `cssParts`/`jsParts`.
public enum Assets {
    static let cssParts: [String] = [baseCSS, pickerCSS, searchCSS, navCSS, layoutCSS, printCSS, ticketsCSS, lineGridCSS, documentPrintCSS, stackedTablesCSS, bellCSS, stocktakeCountCSS, itemRequestsCSS, lineProposalCSS, warehouseCheckCSS, signaturePadCSS, rostersCSS, handoverCSS, trainingCSS, rosterEditorCSS, rosterWeekCSS, screenPopCSS, chatCSS]
    static let jsParts: [String] = [baseJS, formFlashJS, pickerJS, navJS, ticketsJS, lineGridJS, bellJS, stocktakeCountJS, lineProposalJS, signaturePadJS, rosterEditorJS, screenPopJS, chatJS]
    static let css = cssParts.joined(separator: "\n")
    static let js = jsParts.joined(separator: "\n")

    public static func register(on router: Router<KefuContext>) {
        router.get("/assets/app.css") { _, _ in serve(css, type: "text/css; charset=utf-8") }
        router.get("/assets/app.js") { _, _ in serve(js, type: "application/javascript; charset=utf-8") }
    }

    static func serve(_ body: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static let baseCSS = """
    :root { --ink:#1f2933; --muted:#616e7c; --line:#d9e2ec; --bg:#f5f7fa; --brand:#0b6bcb; --warn:#b44d12; --bad:#c81e1e; --ok:#1f7a3a; }
    * { box-sizing: border-box; }
    body { margin:0; font: 15px/1.55 -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif; color:var(--ink); background:var(--bg); }
    a { color:var(--brand); text-decoration:none; } a:hover { text-decoration:underline; }
    .topbar { display:flex; flex-wrap:wrap; gap:12px 20px; align-items:center; padding:10px 20px; background:#fff; border-bottom:1px solid var(--line); }
    .brand { font-weight:700; color:var(--ink); }
    .user { display:flex; gap:12px; align-items:center; color:var(--muted); }
    form.inline { display:inline; margin:0; }
    button.link { background:none; border:0; color:var(--brand); cursor:pointer; padding:0; font:inherit; }
    main { max-width:1200px; margin:0 auto; padding:20px; }
    h1 { font-size:22px; margin:0 0 12px; } h2 { font-size:17px; margin:20px 0 8px; }
    .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px; margin-bottom:16px; }
    .grid { display:grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap:12px 16px; }
    .two-col { display:grid; grid-template-columns: 2fr 1fr; gap:16px; }
    @media (max-width: 900px) { .two-col { grid-template-columns: 1fr; } }
    label { display:block; font-size:13px; color:var(--muted); margin-bottom:4px; }
    input[type=text], input[type=tel], input[type=email], input[type=password], input[type=search], input[type=datetime-local], select, textarea {
      width:100%; padding:8px 10px; border:1px solid #bcccdc; border-radius:6px; font:inherit; background:#fff; }
    input:focus, select:focus, textarea:focus { outline:2px solid #7fb3e8; border-color:var(--brand); }
    textarea { min-height:90px; resize:vertical; }
    .field { margin-bottom:12px; }
    .hint { font-size:12px; color:var(--muted); }
    .field.has-error input, .field.has-error select, .field.has-error textarea { border-color:var(--bad); }
    .field-error { color:var(--bad); font-size:13px; margin:4px 0 0; }
    button, .button { display:inline-block; padding:8px 16px; border-radius:6px; border:1px solid var(--brand); background:var(--brand); color:#fff; font:inherit; cursor:pointer; }
    button.secondary, .button.secondary { background:#fff; color:var(--brand); }
    .actions { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
    table { width:100%; border-collapse:collapse; background:#fff; }
    th, td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
    th { font-size:13px; color:var(--muted); font-weight:600; background:#fafbfc; }
    tr:hover td { background:#f8fbff; }
    .badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; background:#e4e7eb; }
    .status-new { background:#e6f0fa; } .status-open { background:#fff3c4; } .status-pending_customer, .status-pending_internal { background:#f0e6fa; }
    .status-resolved { background:#e3f9e5; } .status-closed { background:#e4e7eb; color:var(--muted); }
    .prio-urgent { background:#ffe3e3; color:var(--bad); } .prio-high { background:#fff3c4; color:var(--warn); }
    .flash-error { color:var(--bad); background:#ffe3e3; padding:8px 12px; border-radius:6px; }
    .flash-notice { color:var(--ok); background:#e3f9e5; padding:8px 12px; border-radius:6px; }
    .empty { color:var(--muted); padding:24px; text-align:center; background:#fff; border:1px dashed var(--line); border-radius:8px; }
    .tabs { display:flex; gap:4px; margin-bottom:12px; flex-wrap:wrap; }
    .tabs a { padding:6px 12px; border-radius:6px; background:#fff; border:1px solid var(--line); color:var(--ink); }
    .tabs a.active { background:var(--brand); color:#fff; border-color:var(--brand); }
    .toolbar { display:flex; flex-wrap:wrap; gap:8px; align-items:flex-end; margin-bottom:12px; }
    .toolbar .field { margin:0; }
    ol.timeline { list-style:none; padding:0; margin:0; }
    ol.timeline li { border-left:3px solid var(--line); padding:6px 12px; margin-bottom:8px; background:#fff; }
    ol.timeline li.internal { border-left-color:#f0b429; background:#fffbea; }
    ol.timeline li.public-comment { border-left-color:var(--brand); }
    .meta { font-size:12px; color:var(--muted); }
    .body { white-space:pre-wrap; word-break:break-word; }
    dl.facts { display:grid; grid-template-columns:auto 1fr; gap:4px 12px; margin:0; } dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; }
    td.overdue, td.short { color:var(--bad); font-weight:600; }
    .months { display:grid; grid-template-columns:repeat(auto-fill, minmax(210px, 1fr)); gap:12px; margin-bottom:16px; }
    table.month { font-size:12px; text-align:center; } table.month caption { font-weight:600; } table.month td, table.month th { padding:2px; }
    .day.weekend { background:#eef2f7; color:var(--muted); } .day.holiday { background:#fde2e2; color:var(--bad); }
    .day.adjusted_workday { background:#fff3c4; font-weight:600; } .legend .day { padding:1px 6px; border-radius:4px; }
    #bell { position:relative; text-decoration:none; } #bell-count { background:var(--bad); color:#fff; border-radius:9px; font-size:11px; padding:0 5px; margin-left:2px; }
    ol.plain { list-style:none; padding:0; } li.notification.unread { border-left:3px solid var(--brand); }
    .chart { background:#fff; border:1px solid var(--line); border-radius:8px; margin-bottom:16px; max-width:100%; }
    .pager { display:flex; gap:12px; align-items:center; margin-top:12px; }
    .lookup { font-size:13px; margin-top:4px; color:var(--ok); min-height:1em; }
    .login { max-width:360px; margin:10vh auto; }
    """

    static let baseJS = """
    // #10.11: the pages carry no inline script (Content-Security-Policy); these attributes stand in for it.
    // data-print: print the page; data-back: go back one page; form[data-confirm]: ask before sending.
    document.addEventListener('click', function (e) {
      var el = e.target.closest ? e.target.closest('[data-print],[data-back]') : null;
      if (!el) return;
      e.preventDefault();
      if (el.hasAttribute('data-print')) window.print(); else history.back();
    });
    document.addEventListener('submit', function (e) {
      var form = e.target;
      if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
    }, true);
    // The bell: unread notifications, refreshed every minute.
    document.addEventListener('DOMContentLoaded', function () {
      var bell = document.getElementById('bell');
      var count = document.getElementById('bell-count');
      if (!bell || !count) return;
      function refresh() {
        fetch(bell.dataset.countUrl, { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) {
            if (!data) return;
            count.textContent = data.unread > 99 ? '99+' : String(data.unread);
            count.hidden = data.unread === 0;
          })
          .catch(function () {});
      }
      refresh();
      setInterval(refresh, 60000);
    });
    // Customer lookup by phone number as the agent types (new-ticket form).
    document.addEventListener('DOMContentLoaded', function () {
      var phone = document.getElementById('customer-phone');
      var out = document.getElementById('customer-lookup');
      if (!phone || !out) return;
      var timer = null;
      phone.addEventListener('input', function () {
        clearTimeout(timer);
        var value = phone.value.replace(/[^0-9+]/g, '');
        if (value.length < 7) { out.textContent = ''; return; } // #10.6: whole numbers only
        timer = setTimeout(function () {
          fetch('/api/v1/customers/lookup?phone=' + encodeURIComponent(value), { credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (data) {
              if (!data || !data.items || data.items.length === 0) { out.textContent = out.dataset.none || ''; return; }
              var c = data.items[0];
              out.textContent = (out.dataset.found || '') + ' ' + c.name + (c.phone ? ' · ' + c.phone : '');
              var name = document.getElementById('customer-name');
              if (name && !name.value && data.items.length === 1 && c.phone === value) name.value = c.name;
              var email = document.getElementById('customer-email');
              if (email && !email.value && c.email && data.items.length === 1 && c.phone === value) email.value = c.email;
            })
            .catch(function () {});
        }, 200);
      });
    });
    """
}
