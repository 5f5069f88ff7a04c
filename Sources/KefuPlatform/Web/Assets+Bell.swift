/// #11.4: the bell opens the latest notifications in place; each opens its record (marked read on the way, through
/// `/notifications/{id}/open`), and "all notifications" leads to the bell's page. Without script the bell is a plain
/// link to that page; on that page it stays one.
extension Assets {
    static let bellCSS = """
    #bell-menu { position:fixed; top:52px; right:12px; z-index:50; width:min(360px, calc(100vw - 24px)); max-height:70vh; overflow:auto;
      background:#fff; border:1px solid var(--line); border-radius:8px; box-shadow:0 6px 24px rgba(0,0,0,.12); padding:8px 12px; color:var(--ink); }
    #bell-menu ol { list-style:none; margin:0; padding:0; }
    #bell-menu li.notification { padding:6px 0 6px 8px; border-bottom:1px solid var(--line); }
    #bell-menu li.notification .body { font-size:12px; color:var(--muted); }
    #bell-menu .bell-empty { color:var(--muted); padding:8px 0; }
    #bell-menu #bell-all { display:block; padding-top:8px; text-align:right; }
    """

    static let bellJS = """
    document.addEventListener('DOMContentLoaded', function () {
      var bell = document.getElementById('bell');
      if (!bell || !bell.dataset.listUrl) return;
      var menu = null;
      function close() {
        if (!menu) return;
        menu.parentNode.removeChild(menu);
        menu = null;
        bell.setAttribute('aria-expanded', 'false');
      }
      function entry(n) {
        var li = document.createElement('li');
        li.className = 'notification' + (n.readAt ? '' : ' unread');
        li.dataset.id = n.id;
        var title = document.createElement('strong');
        var open = document.createElement(n.link ? 'a' : 'span');
        if (n.link) open.href = '/notifications/' + encodeURIComponent(n.id) + '/open';
        open.textContent = n.title;
        title.appendChild(open);
        var body = document.createElement('div');
        body.className = 'body';
        body.textContent = n.body;
        li.appendChild(title);
        li.appendChild(body);
        return li;
      }
      bell.setAttribute('aria-haspopup', 'true');
      bell.setAttribute('aria-expanded', 'false');
      bell.addEventListener('click', function (e) {
        if (location.pathname === bell.getAttribute('href')) return;
        e.preventDefault();
        if (menu) { close(); return; }
        menu = document.createElement('div');
        menu.id = 'bell-menu';
        menu.setAttribute('role', 'region');
        menu.setAttribute('aria-label', bell.getAttribute('aria-label') || '');
        var list = document.createElement('ol');
        list.id = 'notification-list';
        menu.appendChild(list);
        var all = document.createElement('a');
        all.id = 'bell-all';
        all.href = bell.getAttribute('href');
        all.textContent = bell.dataset.allLabel || '';
        menu.appendChild(all);
        document.body.appendChild(menu);
        // Right under the bell, wherever the header put it (on a phone it sits lower, in the opened menu row).
        menu.style.top = Math.max(8, Math.round(bell.getBoundingClientRect().bottom + 6)) + 'px';
        bell.setAttribute('aria-expanded', 'true');
        var shown = menu;
        fetch(bell.dataset.listUrl, { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) {
            if (menu !== shown) return;
            var items = (data && data.items) || [];
            if (items.length === 0) {
              var none = document.createElement('li');
              none.className = 'bell-empty';
              none.textContent = bell.dataset.emptyLabel || '';
              list.appendChild(none);
            }
            items.forEach(function (n) { list.appendChild(entry(n)); });
            var first = list.querySelector('a');
            if (first) first.focus();
          })
          .catch(function () {});
      });
      document.addEventListener('click', function (e) {
        if (menu && !menu.contains(e.target) && !bell.contains(e.target)) close();
      });
      document.addEventListener('keydown', function (e) {
        if (e.key === 'Escape' && menu) { close(); bell.focus(); }
      });
    });
    """
}
