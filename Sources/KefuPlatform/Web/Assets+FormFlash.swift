extension Assets {
    /// #11.2: a refused form comes back filled. The shell carries the flash (`#form-flash`: the form's action, the
    /// field at fault, the typed values as JSON); this refills the form with that action (never hidden fields such as the
    /// CSRF token, never passwords) and moves the message from the top of the page to under its field.
    static let formFlashJS = """
    document.addEventListener('DOMContentLoaded', function () {
      var flash = document.getElementById('form-flash');
      var message = document.getElementById('form-flash-message');
      if (!flash) return;
      var values = {};
      try { values = JSON.parse(flash.dataset.values || '{}'); } catch (e) { values = {}; }
      var form = null;
      var forms = document.querySelectorAll('form');
      for (var i = 0; i < forms.length; i++) {
        var action = forms[i].getAttribute('action');
        if (!action) continue;
        var path = new URL(action, window.location.href).pathname;
        if (path === flash.dataset.action) { form = forms[i]; break; }
      }
      if (!form) return;
      var controls = form.elements;
      for (var j = 0; j < controls.length; j++) {
        var el = controls[j];
        if (!el.name || el.type === 'hidden' || el.type === 'password' || el.type === 'submit' || el.type === 'button' || el.type === 'file') continue;
        var has = Object.prototype.hasOwnProperty.call(values, el.name);
        if (el.type === 'checkbox' || el.type === 'radio') {
          el.checked = has && values[el.name] === el.value;
        } else if (has) {
          el.value = values[el.name];
        }
      }
      form.setAttribute('data-refilled', '');
      var field = flash.dataset.field;
      var control = field ? controls.namedItem(field) : null;
      if (control && control.length !== undefined && !control.tagName) control = control[0];
      // A refusal of the whole form that the page already shows beside the form is not shown twice.
      if (!control && message) {
        var boxes = document.querySelectorAll('.flash-error');
        for (var k = 0; k < boxes.length; k++) {
          if (boxes[k] !== message && boxes[k].textContent.trim() === message.textContent.trim()) { message.parentNode.removeChild(message); break; }
        }
      }
      if (!control || !message) return;
      var holder = control.closest('.field') || control.parentNode;
      var existing = holder.querySelector('.field-error');
      if (existing) { message.parentNode.removeChild(message); } else {
        message.className = 'field-error';
        message.id = (control.id || field) + '-error';
        holder.appendChild(message);
      }
      holder.classList.add('has-error');
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', (existing || message).id);
      control.focus();
    });
    """
}
