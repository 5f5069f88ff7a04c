extension Assets {
    /// #14.1 WO-02, WO-07: the work order's door clock and the signature pad (touch and mouse through pointer events).
    static let signaturePadCSS = """
    .signature-pad { display:block; width:100%; max-width:600px; height:auto; aspect-ratio:600/220; background:#fff; border:2px dashed var(--line); border-radius:6px; touch-action:none; cursor:crosshair; }
    .signature-pad:focus { outline:2px solid var(--brand); }
    .signature-image { background:#fff; border:1px solid var(--line); max-width:100%; }
    .door-clock { display:inline-block; margin-left:8px; padding:2px 8px; border-radius:4px; background:#e8f3ff; }
    .door-clock.late { background:#fde8e8; color:var(--bad); }
    .badge.late { background:#fde8e8; color:var(--bad); }
    .wo-steps form.wo-step { margin:0 0 12px; }
    .wo-steps form.wo-step button[type=submit] { min-height:44px; min-width:120px; }
    .tabs { display:flex; gap:12px; margin:0 0 8px; } .tabs .tab.active { font-weight:700; text-decoration:underline; }
    dd.pre { white-space:pre-wrap; }
    """

    static let signaturePadJS = """
    // #14.1 WO-07: draw the requester's signature on the canvas (pointer events: finger, pen or mouse), clear it, and
    // send it as a PNG in the form's hidden "image" field; an empty pad is not sent.
    document.querySelectorAll('canvas[data-signature-pad]').forEach(function (canvas) {
      var form = canvas.closest('form'), field = form.querySelector('input[name=image]');
      var ctx = canvas.getContext('2d'), drawing = false, drawn = false, last = null;
      ctx.lineWidth = 3; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#111';
      function at(e) { var r = canvas.getBoundingClientRect(); return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height }; }
      canvas.addEventListener('pointerdown', function (e) { e.preventDefault(); drawing = true; last = at(e); if (canvas.setPointerCapture) { try { canvas.setPointerCapture(e.pointerId); } catch (x) {} }
        ctx.beginPath(); ctx.arc(last.x, last.y, 1.5, 0, 2 * Math.PI); ctx.fill(); drawn = true; });
      canvas.addEventListener('pointermove', function (e) { if (!drawing) return; e.preventDefault(); var p = at(e);
        ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(p.x, p.y); ctx.stroke(); last = p; drawn = true; });
      ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (t) { canvas.addEventListener(t, function () { drawing = false; }); });
      var clear = form.querySelector('[data-signature-clear]');
      if (clear) clear.addEventListener('click', function () { ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; field.value = ''; });
      form.addEventListener('submit', function (e) {
        var empty = form.querySelector('#wo-signature-empty');
        if (!drawn) { e.preventDefault(); if (empty) { empty.textContent = form.getAttribute('data-empty-message'); empty.hidden = false; } canvas.focus(); return; }
        field.value = canvas.toDataURL('image/png');
      });
    });
    // WO-02: the 5-minute door clock counts down to the due moment (server time at render, then this device's clock).
    document.querySelectorAll('[data-due]').forEach(function (clock) {
      var due = Number(clock.getAttribute('data-due')), skew = Number(clock.getAttribute('data-now')) - Date.now();
      var left = clock.querySelector('#door-clock-left');
      function tick() { var s = Math.round((due - (Date.now() + skew)) / 1000), a = Math.abs(s);
        left.textContent = (s < 0 ? '-' : '') + Math.floor(a / 60) + ':' + String(a % 60).padStart(2, '0');
        if (s < 0) { clock.classList.add('late'); clock.setAttribute('data-late', '1'); } }
      tick(); setInterval(tick, 1000);
    });
    """
}
