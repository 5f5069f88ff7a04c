/// #16.3 (CH-01): the screen pop. Every staff page carries `#screen-pop` (PageShell); the script listens to
/// `/telephony/live` (server-sent events; 204 for a user without an extension, and EventSource stops) and shows the
/// caller's number, customer and open tickets while a call rings or is answered on the agent's extension. Escape
/// dismisses it, Enter opens the first link (the newest open ticket, else the customer's calls); after `answered` a
/// button turns the call into a ticket. No framework; large touch targets for a tablet.
extension Assets {
    static let screenPopCSS = """
    #screen-pop { position:fixed; right:12px; bottom:12px; z-index:50; width:min(380px, calc(100vw - 24px)); background:#fff;
      border:2px solid var(--brand); border-radius:10px; box-shadow:0 6px 24px rgba(0,0,0,.2); padding:12px 14px; }
    #screen-pop[hidden] { display:none; }
    #screen-pop h2 { margin:0 0 6px; font-size:18px; }
    #screen-pop .pop-number { font-size:22px; font-weight:700; letter-spacing:1px; }
    #screen-pop ul { margin:6px 0; padding-left:18px; }
    #screen-pop a, #screen-pop button { min-height:40px; display:inline-flex; align-items:center; }
    #screen-pop .pop-actions { display:flex; flex-wrap:wrap; gap:8px; margin-top:8px; }
    @media print { #screen-pop { display:none !important; } }
    """

    static let screenPopJS = """
    // #16.3 screen pop: a call ringing or answered on my extension (server-sent events from /telephony/live).
    document.addEventListener('DOMContentLoaded', function () {
      var box = document.getElementById('screen-pop');
      if (!box || !window.EventSource) return;
      var en = (document.documentElement.lang || '').indexOf('en') === 0;
      function t(zh, e) { return en ? e : zh; }
      function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
      var csrf = box.innerHTML;
      var shown = null, dismissed = null;
      function hide() { box.hidden = true; box.innerHTML = ''; shown = null; }
      function show(call) {
        var key = call.id + ':' + call.state;
        if (dismissed === key) return;
        shown = key;
        var html = '<h2 id="screen-pop-title">' + (call.state === 'ringing' ? t('来电', 'Incoming call') : t('通话中', 'On the call')) + '</h2>';
        html += '<div class="pop-number" id="screen-pop-number">' + esc(call.callerNumber) + '</div>';
        var first = null;
        if (call.customer) {
          html += '<p id="screen-pop-customer">' + esc(call.customer.name) + '</p>';
        } else {
          html += '<p id="screen-pop-customer" class="muted">' + t('未登记的来电号码', 'Number not in the register') + '</p>';
        }
        if (call.openTickets && call.openTickets.length) {
          html += '<p>' + t('未结工单', 'Open tickets') + '</p><ul id="screen-pop-tickets">';
          call.openTickets.forEach(function (k, i) {
            html += '<li><a href="/tickets/' + encodeURIComponent(k.id) + '"' + (i === 0 ? ' data-pop-primary' : '') + '>' + esc(k.number) + ' ' + esc(k.subject) + '</a></li>';
          });
          html += '</ul>';
        } else {
          html += '<p class="muted" id="screen-pop-no-tickets">' + t('没有未结工单', 'No open tickets') + '</p>';
        }
        html += '<div class="pop-actions">';
        if (call.customer) {
          html += '<a href="/telephony/calls?customerId=' + encodeURIComponent(call.customer.id) + '"' + (call.openTickets && call.openTickets.length ? '' : ' data-pop-primary') + ' id="screen-pop-calls">' + t('来电记录', 'Calls') + '</a>';
        }
        if (call.state === 'answered' && !call.ticketId) {
          html += '<form method="post" action="/telephony/calls/' + encodeURIComponent(call.id) + '/ticket" class="inline">' + csrf +
                  '<button type="submit" id="screen-pop-create">' + t('由此来电建工单', 'Create a ticket from this call') + '</button></form>';
        }
        if (call.ticketId) {
          html += '<a href="/tickets/' + encodeURIComponent(call.ticketId) + '" id="screen-pop-ticket">' + t('本次来电的工单', "This call's ticket") + '</a>';
        }
        html += '<button type="button" class="link" id="screen-pop-close">' + t('关闭 (Esc)', 'Dismiss (Esc)') + '</button></div>';
        box.innerHTML = html;
        box.hidden = false;
        box.setAttribute('data-call-id', call.id);
        box.setAttribute('data-state', call.state);
        document.getElementById('screen-pop-close').addEventListener('click', function () { dismissed = key; hide(); });
      }
      function onEvent(ev) {
        var d = {};
        try { d = JSON.parse(ev.data); } catch (e) { return; }
        if (d.call) show(d.call); else if (shown) hide();
      }
      var es = new EventSource(box.getAttribute('data-live-url'));
      es.addEventListener('ready', onEvent);
      es.addEventListener('call', onEvent);
      document.addEventListener('keydown', function (e) {
        if (box.hidden) return;
        if (e.key === 'Escape') { dismissed = shown; hide(); return; }
        if (e.key === 'Enter') {
          var tag = (e.target && e.target.tagName) || '';
          if (/^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(tag) && !box.contains(e.target)) return;
          if (box.contains(e.target) && /^(BUTTON|A)$/.test(tag)) return;
          var a = box.querySelector('[data-pop-primary]');
          if (a) { e.preventDefault(); window.location.href = a.getAttribute('href'); }
        }
      });
    });
    """
}
