// gongkai serve: reloads the page when the site changes, and shows the
// problems over the page when a saved record has errors. Only in preview.
(function () {
  var overlay = null;

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) e.setAttribute('style', style);
    return e;
  }

  function show(problems) {
    if (overlay) overlay.remove();
    overlay = null;
    if (!problems.length) return;
    overlay = el('section', null,
      'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;color:#1b1b1b;' +
      'font:18px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;padding:1rem 1.25rem;border-top:6px solid #b00020');
    overlay.id = 'gongkai-errors';
    overlay.setAttribute('role', 'alert');
    overlay.appendChild(el('h2', '保存的内容有 ' + problems.length + ' 个错误，网页暂未更新', 'margin:0 0 .5rem;color:#b00020;font-size:22px'));
    overlay.appendChild(el('p', '改正后保存，这里会自动消失。下面仍是上一次正确的网站。', 'margin:0 0 1rem'));
    var list = el('ol', null, 'padding-left:1.4rem;margin:0');
    problems.forEach(function (p) {
      var item = el('li', null, 'margin:0 0 1rem');
      item.appendChild(el('div', p.location + (p.field ? '  字段 ' + p.field : ''), 'font-family:monospace;color:#4a4a4a'));
      item.appendChild(el('div', p.message, 'font-weight:700'));
      if (p.help) item.appendChild(el('div', '→ ' + p.help));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = el('button', '先看网页', 'font-size:18px;padding:.3rem 1rem;margin-top:.5rem');
    close.onclick = function () { overlay.remove(); overlay = null; };
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  var source = new EventSource('/__gongkai/events');
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('errors', function (e) { show(JSON.parse(e.data)); });
})();
