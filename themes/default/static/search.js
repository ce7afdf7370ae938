// gongkai 搜索页：在浏览器里查 Pagefind 索引（pagefind/），不需要服务器。
// 没有 JavaScript、或从本机文件打开时，页面上的“按栏目和年份查看”照常可用。
(function () {
  'use strict';
  var box = document.getElementById('search');
  if (!box) return;
  var form = box.querySelector('form');
  var input = box.querySelector('#q');
  var status = box.querySelector('.search-status');
  var list = box.querySelector('.search-results');
  var moreRow = box.querySelector('.search-more-row');
  var more = box.querySelector('.search-more');
  var filterRow = box.querySelector('.search-filters');
  var selects = { kind: form.elements.kind, year: form.elements.year };
  var text = box.dataset;
  // The filters' names in the index, as the record pages set them (栏目, 年份).
  var keys = { kind: text.kindKey, year: text.yearKey };
  var PAGE = 10;
  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';

  function say(message) { status.textContent = message; }

  if (location.protocol === 'file:') { say(text.file); return; }

  var root = new URL(text.root, location.href);
  var pagefind;
  var results = [];
  var shown = 0;
  var run = 0;

  function option(select, value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function fillFilters(filters) {
    ['kind', 'year'].forEach(function (name) {
      var select = selects[name];
      var values = Object.keys(filters[keys[name]] || {});
      if (name === 'year') values.sort().reverse(); else values.sort();
      option(select, '', text.all);
      values.forEach(function (v) { option(select, v, v); });
      select.value = params.get(name) || '';
    });
    filterRow.hidden = false;
  }

  function chosenFilters() {
    var f = {};
    ['kind', 'year'].forEach(function (name) {
      if (selects[name].value) f[keys[name]] = selects[name].value;
    });
    return f;
  }

  function item(data) {
    var li = document.createElement('li');
    li.className = 'item';
    var a = document.createElement('a');
    a.className = 'item-title';
    a.href = data.url;
    a.textContent = data.meta.title || data.url;
    li.appendChild(a);
    var meta = document.createElement('p');
    meta.className = 'item-meta';
    [data.meta.kind, data.meta.date].forEach(function (v, i) {
      if (!v) return;
      var s = document.createElement('span');
      s.className = i === 0 ? 'badge' : 'date';
      s.textContent = v;
      meta.appendChild(s);
    });
    li.appendChild(meta);
    var excerpt = document.createElement('p');
    excerpt.className = 'item-summary excerpt';
    // Pagefind's excerpt is the page's text, escaped, with the words found in <mark>.
    excerpt.innerHTML = data.excerpt;
    li.appendChild(excerpt);
    return li;
  }

  function showMore(current) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    moreRow.hidden = shown >= results.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (current !== run) return;
      pages.forEach(function (d) { list.appendChild(item(d)); });
    });
  }

  function search() {
    var q = input.value.trim();
    var current = ++run;
    var filters = chosenFilters();
    var url = new URL(location.href);
    url.search = '';
    if (q) url.searchParams.set('q', q);
    Object.keys(selects).forEach(function (n) { if (selects[n].value) url.searchParams.set(n, selects[n].value); });
    history.replaceState(null, '', url);
    list.textContent = '';
    moreRow.hidden = true;
    if (!q && !Object.keys(filters).length) { say(''); return Promise.resolve(); }
    say(text.busy);
    var options = { filters: filters, sort: q ? undefined : { date: 'desc' } };
    // Chinese has no spaces: 低保 is looked for as written (a phrase), so it
    // does not also find every page with 低 or 保 alone; only when nothing
    // has it as written are the characters looked for apart.
    // A number is only ever looked for whole: part of a phone or ID number
    // shown masked (180****9083) must not answer a search for the full one.
    var phrase = /^[^\s"]+$/.test(q);
    var chinese = /[\u3400-\u9fff]/.test(q);
    var first = pagefind.search(phrase ? '"' + q + '"' : q || null, options);
    return first.then(function (found) {
      if (phrase && chinese && found && !found.results.length) return pagefind.search(q, options);
      return found;
    }).then(function (found) {
      if (current !== run || !found) return;
      results = found.results;
      shown = 0;
      say(results.length ? text.found.replace('{n}', results.length) : text.none);
      return showMore(current);
    });
  }

  import(new URL('pagefind/pagefind.js', root).href).then(function (pf) {
    pagefind = pf;
    return pf.init().then(function () { return pf.filters(); });
  }).then(function (filters) {
    fillFilters(filters);
    form.addEventListener('submit', function (e) { e.preventDefault(); search(); });
    var timer;
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 250); });
    selects.kind.addEventListener('change', search);
    selects.year.addEventListener('change', search);
    more.addEventListener('click', function () { showMore(run); });
    return search();
  }).catch(function () { say(text.failed); });
})();
