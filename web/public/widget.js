/*! Bình Yên — nút "Hỏi trợ lý ảo" cho mọi trang web (Công an TP Hà Nội).
 * Nhúng bằng một thẻ:
 *   <script src="https://HOST/widget.js" async></script>
 * Tùy chọn trên thẻ: data-position="right|left", data-title="Hỏi trợ lý ảo", data-color="#8e1111".
 * Không phụ thuộc thư viện nào; giao diện nằm trong Shadow DOM nên không ảnh hưởng CSS của trang nhúng
 * (và ngược lại). Khung chat là iframe tới HOST/chat-embed (trang này được phép nhúng theo WIDGET_ALLOWED_ORIGINS).
 */
(function () {
  'use strict';
  if (window.__binhYenWidget) return;
  window.__binhYenWidget = true;

  var script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var attr = function (name) {
    return (script.getAttribute('data-' + name) || '').trim();
  };
  var left = attr('position') === 'left';
  var title = attr('title').slice(0, 40) || 'Hỏi trợ lý ảo';
  var color = /^(#[0-9a-f]{3,8}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$/i.test(attr('color')) ? attr('color') : '#8e1111';
  // Kept in this tab's sessionStorage on the host page: whether the panel is open, and the conversation
  // (id + token) started in the frame — browsers often deny storage to a cross-site frame.
  var KEY = 'binh-yen-widget-open';
  var CONV = 'binh-yen-widget-conversation';
  var store = function (key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) {
      /* storage blocked: nothing is remembered */
    }
  };
  var stored = function (key) {
    try {
      return sessionStorage.getItem(key);
    } catch (e) {
      return null;
    }
  };
  var remember = function (open) {
    store(KEY, open ? '1' : '0');
  };
  var remembered = function () {
    return stored(KEY) === '1';
  };

  var host = document.createElement('div');
  host.setAttribute('data-binh-yen-widget', '');
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var side = left ? 'left' : 'right';

  var style = document.createElement('style');
  style.textContent =
    ':host{all:initial}' +
    '*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}' +
    '.by-btn{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483000;display:flex;align-items:center;gap:8px;' +
    'min-height:52px;padding:0 20px 0 16px;border:0;border-radius:26px;background:' + color + ';color:#fff;' +
    'font-size:16px;font-weight:600;line-height:1;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.28)}' +
    '.by-btn:hover{filter:brightness(1.08)}' +
    '.by-btn:focus-visible,.by-x:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}' +
    '.by-btn svg{width:24px;height:24px;flex:none}' +
    '.by-panel{position:fixed;bottom:84px;' + side + ':20px;z-index:2147483001;width:400px;height:min(640px,calc(100vh - 104px));' +
    'display:flex;flex-direction:column;background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.3)}' +
    '.by-panel[hidden]{display:none}' +
    '.by-head{display:flex;align-items:center;gap:8px;min-height:48px;padding:0 6px 0 16px;background:' + color + ';color:#fff}' +
    '.by-head strong{flex:1;font-size:16px}' +
    '.by-x{width:44px;height:44px;border:0;border-radius:8px;background:transparent;color:#fff;font-size:26px;line-height:1;cursor:pointer}' +
    '.by-x:hover{background:rgba(255,255,255,.16)}' +
    'iframe{flex:1;width:100%;border:0;background:#fff}' +
    '@media (max-width:600px){.by-panel{inset:0;width:auto;height:auto;border-radius:0}' +
    '.by-btn{bottom:16px;' + side + ':16px}}' +
    '@media (prefers-reduced-motion:no-preference){.by-panel{animation:by-in .16s ease-out}}' +
    '@keyframes by-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}' +
    '@media print{.by-btn,.by-panel{display:none}}';

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'by-btn';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'by-panel');
  button.innerHTML =
    '<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
    '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z"/><path d="M8.5 11h.01M12 11h.01M15.5 11h.01"/></svg>';
  var label = document.createElement('span');
  label.textContent = title;
  button.appendChild(label);

  var panel = document.createElement('div');
  panel.className = 'by-panel';
  panel.id = 'by-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  var head = document.createElement('div');
  head.className = 'by-head';
  var heading = document.createElement('strong');
  heading.textContent = title;
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'by-x';
  close.setAttribute('aria-label', 'Đóng khung trò chuyện');
  close.textContent = '×';
  head.appendChild(heading);
  head.appendChild(close);
  panel.appendChild(head);

  var frame = null;
  function setOpen(open, focus) {
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/chat-embed';
      frame.title = 'Trợ lý ảo Bình Yên — Công an TP Hà Nội';
      // Location sharing, voice input and the copy buttons run inside the frame.
      frame.setAttribute('allow', 'geolocation; microphone; clipboard-write');
      frame.setAttribute('referrerpolicy', 'strict-origin');
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    button.hidden = open && window.matchMedia('(max-width: 600px)').matches;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    remember(open);
    if (focus) (open ? frame : button).focus();
  }

  button.addEventListener('click', function () {
    setOpen(panel.hidden, true);
  });
  close.addEventListener('click', function () {
    setOpen(false, true);
  });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') setOpen(false, true);
  });
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || !frame || e.source !== frame.contentWindow || !e.data) return;
    var kind = e.data.binhYen;
    if (kind === 'close') setOpen(false, true);
    else if (kind === 'ready') {
      var conversation = null;
      try {
        conversation = JSON.parse(stored(CONV) || 'null');
      } catch (err) {
        conversation = null;
      }
      frame.contentWindow.postMessage({ binhYen: 'restore', conversation: conversation }, origin);
    } else if (kind === 'conversation') {
      var c = e.data.conversation;
      store(CONV, c && typeof c.id === 'string' && typeof c.token === 'string' ? JSON.stringify({ id: c.id, token: c.token }) : null);
    }
  });

  root.appendChild(style);
  root.appendChild(button);
  root.appendChild(panel);
  (document.body || document.documentElement).appendChild(host);
  if (remembered()) setOpen(true, false);
})();
