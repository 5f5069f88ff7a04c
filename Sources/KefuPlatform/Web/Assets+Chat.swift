/// #16.4 live chat: the visitor's widget (`[data-chat-widget]`) and the agents' desk (`[data-chat-desk]`) over the
/// WebSocket `/chat/ws`. Every message carries a client id and stays pending until the server acknowledges it; on a
/// dropped connection the script reconnects with back-off, says the last seq it saw (the server sends everything
/// after it) and sends the pending messages again (stored once per client id), so nothing is lost.
extension Assets {
    static let chatCSS = """
    .chat-widget { max-width:640px; margin:0 auto; }
    .chat-start label { display:block; margin-top:8px; }
    .chat-start input, .chat-start textarea, .chat-form textarea, #chat-reply textarea { width:100%; box-sizing:border-box; }
    .chat-log { list-style:none; margin:8px 0; padding:8px; max-height:55vh; overflow-y:auto; border:1px solid var(--line); border-radius:6px; background:#fafafa; }
    .chat-log li { margin:6px 0; padding:6px 10px; border-radius:8px; background:#fff; max-width:85%; }
    .chat-log li.chat-visitor { margin-right:auto; }
    .chat-log li.chat-agent { margin-left:auto; background:#e6f0fa; }
    .chat-log li.chat-system { margin:6px auto; background:transparent; color:var(--muted); font-size:13px; text-align:center; }
    .chat-log li.pending { opacity:.6; }
    .chat-log li.failed { border:1px solid var(--bad); }
    .chat-log .who { font-weight:600; }
    .chat-log .body { white-space:pre-wrap; word-break:break-word; }
    .chat-form { display:flex; gap:8px; align-items:flex-end; }
    .chat-form button, .chat-take, #chat-take, #chat-close, #chat-send { min-height:44px; min-width:64px; }
    .chat-desk { display:grid; grid-template-columns:minmax(220px, 1fr) 2fr; gap:12px; }
    @media (max-width: 800px) { .chat-desk { grid-template-columns:1fr; } }
    .chat-list { list-style:none; padding:0; margin:0 0 12px; }
    .chat-list li { padding:8px 4px; border-bottom:1px solid var(--line); }
    .chat-list li.current { background:#fffbe6; }
    .chat-wait { display:block; font-size:12px; color:var(--muted); }
    .visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
    """

    static let chatJS = """
    // #16.4 live chat (visitor widget and agents' desk) over /chat/ws.
    (function () {
      function T(lang, zh, en) { return lang === 'en' ? en : zh; }
      function uid() { return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }
      function wsURL() { return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/chat/ws'; }
      function show(el, text) { if (!el) return; el.textContent = text || ''; el.hidden = !text; }
      // One connection with reconnect and back-off; `hello` builds the first frame, `onFrame` takes the server's frames.
      function Channel(hello, onFrame, onStatus) {
        var ws = null, delay = 500, stopped = false, self = this;
        this.pending = [];
        this.send = function (obj) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(obj)); };
        this.stop = function () { stopped = true; if (ws) ws.close(); };
        function open() {
          if (stopped) return;
          onStatus('connecting');
          ws = new WebSocket(wsURL());
          ws.onopen = function () {
            delay = 500;
            ws.send(JSON.stringify(hello()));
            self.pending.forEach(function (p) { ws.send(JSON.stringify(p)); });
            onStatus('open');
          };
          ws.onmessage = function (e) { var f; try { f = JSON.parse(e.data); } catch (x) { return; } onFrame(f); };
          ws.onclose = function () {
            ws = null;
            if (stopped) return;
            onStatus('closed');
            setTimeout(open, delay);
            delay = Math.min(delay * 2, 15000);
          };
        }
        open();
      }
      function appendMessage(log, m, names) {
        if (log.querySelector('li[data-seq="' + m.seq + '"]')) return;
        var mine = log.querySelector('li.pending[data-client="' + m.clientId + '"]');
        if (mine) mine.remove();
        var li = document.createElement('li');
        li.className = 'chat-' + m.author;
        li.dataset.seq = m.seq;
        var who = document.createElement('span'); who.className = 'who';
        who.textContent = m.author === 'visitor' ? names.visitor : (m.author === 'agent' ? (m.agentName || names.agent) : names.system);
        var body = document.createElement('div'); body.className = 'body'; body.textContent = m.body;
        li.appendChild(who); li.appendChild(body);
        log.appendChild(li);
        log.scrollTop = log.scrollHeight;
      }
      function appendPending(log, p, author, names) {
        var li = document.createElement('li');
        li.className = 'chat-' + author + ' pending';
        li.dataset.client = p.clientId;
        var who = document.createElement('span'); who.className = 'who'; who.textContent = author === 'visitor' ? names.visitor : names.agent;
        var body = document.createElement('div'); body.className = 'body'; body.textContent = p.body;
        li.appendChild(who); li.appendChild(body);
        log.appendChild(li);
        log.scrollTop = log.scrollHeight;
      }

      // The visitor's widget.
      document.addEventListener('DOMContentLoaded', function () {
        var root = document.querySelector('[data-chat-widget]');
        if (!root) return;
        var lang = root.dataset.lang, code = root.dataset.code, key = 'kefu_chat_' + code;
        var room = document.getElementById('chat-room'), log = document.getElementById('chat-log');
        var status = document.getElementById('chat-status'), error = document.getElementById('chat-error');
        var input = document.getElementById('chat-input'), form = document.getElementById('chat-form');
        var names = { visitor: T(lang, '我', 'Me'), agent: T(lang, '客服', 'Agent'), system: '' };
        var saved = null;
        try { saved = JSON.parse(localStorage.getItem(key) || 'null'); } catch (x) { saved = null; }
        var channel = null;
        function save() { localStorage.setItem(key, JSON.stringify(saved)); }
        function enter() {
          var start = document.getElementById('chat-start');
          if (start) start.hidden = true;
          room.hidden = false;
          // `seen`: the last seq this page shows; a reconnect asks for what came after it (a new page asks for all).
          var seen = 0;
          channel = new Channel(function () { return { type: 'hello', token: saved.token, after: seen }; }, function (f) {
            if (f.type === 'message') {
              appendMessage(log, f, names);
              seen = Math.max(seen, f.seq);
            } else if (f.type === 'ack') {
              channel.pending = channel.pending.filter(function (p) { return p.clientId !== f.clientId; });
            } else if (f.type === 'state') {
              if (f.state === 'waiting') show(status, T(lang, '已连接，正在等待客服接入…', 'Connected; waiting for an agent…'));
              else if (f.state === 'active') show(status, T(lang, '客服 ' + (f.agentName || '') + ' 正在为您服务', (f.agentName || 'An agent') + ' is with you'));
              else if (f.state === 'closed') {
                show(status, T(lang, '对话已结束，感谢您的咨询。', 'The chat has ended. Thank you.'));
                form.hidden = true;
                channel.stop();
                localStorage.removeItem(key);
                document.getElementById('chat-new').hidden = false;
              }
            } else if (f.type === 'error') {
              show(error, lang === 'en' ? f.en : f.zh);
              if (f.clientId) {
                channel.pending = channel.pending.filter(function (p) { return p.clientId !== f.clientId; });
                var li = log.querySelector('li.pending[data-client="' + f.clientId + '"]');
                if (li) { li.classList.remove('pending'); li.classList.add('failed'); }
              }
              if (f.code === 'bad_token') { channel.stop(); localStorage.removeItem(key); document.getElementById('chat-new').hidden = false; }
            }
          }, function (s) {
            if (s === 'closed' || s === 'connecting') show(status, T(lang, '连接中断，正在重新连接…', 'Connection lost; reconnecting…'));
          });
        }
        function sendText() {
          var text = input.value.trim();
          if (!text || !channel) return;
          var p = { type: 'send', clientId: uid(), body: text };
          channel.pending.push(p);
          appendPending(log, p, 'visitor', names);
          channel.send(p);
          input.value = '';
          show(error, '');
        }
        form.addEventListener('submit', function (e) { e.preventDefault(); sendText(); });
        input.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendText(); } });
        document.getElementById('chat-new').addEventListener('click', function () { location.reload(); });
        function startForm(id, done) {
          var f = document.getElementById(id);
          if (!f) return;
          f.addEventListener('submit', function (e) {
            e.preventDefault();
            var err = document.getElementById('chat-start-error');
            show(err, '');
            fetch('/api/v1/chat/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' },
              body: JSON.stringify({ orgUnitCode: code, name: document.getElementById('chat-name').value,
                                     contact: document.getElementById('chat-contact').value, message: document.getElementById('chat-first').value }) })
              .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
              .then(function (res) {
                if (!res.ok) { show(err, (res.j.error && res.j.error.message) || T(lang, '提交失败', 'Could not send')); return; }
                done(res.j);
              })
              .catch(function () { show(err, T(lang, '网络错误，请重试', 'Network error; please try again')); });
          });
        }
        startForm('chat-start', function (j) {
          if (j.offline) { location.reload(); return; }
          saved = { token: j.visitorToken, sessionId: j.sessionId };
          save();
          enter();
        });
        startForm('chat-leave', function (j) {
          document.getElementById('chat-leave').hidden = true;
          show(document.getElementById('chat-left'), T(lang, '您的留言已登记（工单 ' + j.ticketNumber + '），我们会尽快联系您。',
                                                        'Your message is recorded (ticket ' + j.ticketNumber + '); we will get back to you.'));
        });
        if (saved && saved.token && root.dataset.open === '1') enter();
      });

      // The agents' desk.
      document.addEventListener('DOMContentLoaded', function () {
        var root = document.querySelector('[data-chat-desk]');
        if (!root) return;
        var lang = root.dataset.lang, sessionId = root.dataset.session, after = parseInt(root.dataset.after || '0', 10);
        var error = document.getElementById('chat-error'), log = document.getElementById('chat-log');
        var names = { visitor: (document.getElementById('chat-title') || {}).firstChild ? document.getElementById('chat-title').firstChild.textContent.trim() : '',
                      agent: T(lang, '我', 'Me'), system: '' };
        var channel = new Channel(function () { return { type: 'hello' }; }, function (f) {
          if (f.type === 'hello' && sessionId) channel.send({ type: 'watch', sessionId: sessionId, after: after });
          else if (f.type === 'message' && f.sessionId === sessionId && log) { appendMessage(log, f, names); after = Math.max(after, f.seq); }
          else if (f.type === 'ack') channel.pending = channel.pending.filter(function (p) { return p.clientId !== f.clientId; });
          else if (f.type === 'taken') location.href = '/chats?id=' + encodeURIComponent(f.sessionId);
          else if (f.type === 'closed') {
            var done = document.getElementById('chat-done');
            done.textContent = '';
            done.appendChild(document.createTextNode(T(lang, '对话已结束，已记录到工单 ', 'The chat has ended, recorded in ticket ')));
            var a = document.createElement('a'); a.href = '/tickets/' + f.ticketId; a.id = 'chat-ticket-link'; a.textContent = f.ticketNumber || f.ticketId;
            done.appendChild(a);
            done.hidden = false;
            ['chat-reply', 'chat-end'].forEach(function (id) { var el = document.getElementById(id); if (el) el.hidden = true; });
          } else if (f.type === 'state' && f.sessionId === sessionId) {
            var st = document.getElementById('chat-state');
            if (st) st.textContent = { waiting: T(lang, '等待接入', 'Waiting'), active: T(lang, '对话中', 'In progress'), closed: T(lang, '已结束', 'Ended') }[f.state] || f.state;
          } else if (f.type === 'error') {
            show(error, lang === 'en' ? f.en : f.zh);
            if (f.clientId) channel.pending = channel.pending.filter(function (p) { return p.clientId !== f.clientId; });
          }
        }, function () {});
        document.addEventListener('click', function (e) {
          var t = e.target.closest ? e.target.closest('[data-take]') : null;
          if (!t) return;
          e.preventDefault();
          show(error, '');
          channel.send({ type: 'take', sessionId: t.dataset.take });
        });
        var reply = document.getElementById('chat-reply'), body = document.getElementById('comment-body');
        if (reply && body) {
          reply.addEventListener('submit', function (e) {
            e.preventDefault();
            var text = body.value.trim();
            if (!text) return;
            var p = { type: 'send', clientId: uid(), body: text };
            channel.pending.push(p);
            appendPending(log, p, 'agent', names);
            channel.send(p);
            body.value = '';
            body.focus();
          });
          body.addEventListener('keydown', function (e) {
            if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.isComposing) { e.preventDefault(); reply.requestSubmit ? reply.requestSubmit() : reply.submit(); }
          });
        }
        var end = document.getElementById('chat-end');
        if (end) end.addEventListener('submit', function (e) {
          e.preventDefault();
          var ticketId = document.getElementById('chat-join').value;
          channel.send(ticketId ? { type: 'close', sessionId: sessionId, ticketId: ticketId } : { type: 'close', sessionId: sessionId });
        });
        // The queue: refreshed every 3 s from the API (the cookie reads), the wait shown in minutes.
        function minutes(since) { var m = Math.max(0, Math.floor((Date.now() - since) / 60000)); return T(lang, '已等待 ' + m + ' 分钟', 'waiting ' + m + ' min'); }
        function refreshWaits() { document.querySelectorAll('.chat-wait[data-since]').forEach(function (el) { el.textContent = minutes(parseInt(el.dataset.since, 10)); }); }
        refreshWaits();
        setInterval(function () {
          fetch('/api/v1/chat/sessions?state=waiting', { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
            if (!j) return;
            var queue = document.getElementById('chat-queue');
            var list = document.getElementById('chat-queue-list');
            var empty = document.getElementById('chat-queue-empty');
            if (!list) { list = document.createElement('ul'); list.id = 'chat-queue-list'; list.className = 'chat-list'; (empty || queue.querySelector('h2')).after(list); }
            if (empty) empty.remove();
            list.textContent = '';
            j.items.forEach(function (s) {
              var li = document.createElement('li'); li.dataset.session = s.id; li.dataset.state = s.state;
              var a = document.createElement('a'); a.href = '/chats?id=' + encodeURIComponent(s.id); a.textContent = s.visitorName;
              var c = document.createElement('span'); c.className = 'hint'; c.textContent = ' ' + s.contact;
              var w = document.createElement('span'); w.className = 'chat-wait'; w.dataset.since = String(Date.parse(s.createdAt));
              var b = document.createElement('button'); b.type = 'button'; b.className = 'chat-take'; b.dataset.take = s.id; b.textContent = T(lang, '接入', 'Take');
              li.appendChild(a); li.appendChild(c); li.appendChild(w); li.appendChild(b);
              list.appendChild(li);
            });
            document.getElementById('chat-queue-count').textContent = String(j.items.length);
            refreshWaits();
          }).catch(function () {});
        }, 3000);
      });
    })();
    """
}
