/* gongshi search (DESIGN.md, Site). Runs the query in the page's address
   (?q=) on load against the index the build wrote under search/: places
   (loaded whole) and the persons whose names start alike (one shard per
   script, loaded only when the query needs it). The index is JavaScript
   loaded with <script src>, since a page opened from file:// may not
   fetch. Tibetan is split into syllables at the characters the build
   splits at (src/render/search.rs). No framework, no build step, ES5. */
(function () {
  'use strict';
  var box = document.getElementById('search');
  if (!box) { return; }
  var CAP = 50;
  var KEY_CHARS = 8;
  var ENDS = /[\u0F0B-\u0F12\u0F14 \t\n\r\u00A0\u3000]+/;
  var ENDS_LAST = /[\u0F0B-\u0F12\u0F14 \t\n\r\u00A0\u3000]$/;
  var root = box.getAttribute('data-root') || '';
  var pageLang = box.getAttribute('data-lang') === 'bo' ? 1 : 0;
  var htmlLang = ['zh-Hans', 'bo'];
  var status = box.querySelector('.search-status');
  var results = box.querySelector('.search-results');
  var data = window.gongshiSearch = window.gongshiSearch || {};
  var titles = JSON.parse(box.getAttribute('data-titles') || '[]');
  var runs = 0;

  function text(name) { return box.getAttribute('data-' + name) || ''; }
  function fill(pattern, key, value) { return pattern.split('{' + key + '}').join(value); }
  function nfc(s) { return typeof s.normalize === 'function' ? s.normalize('NFC') : s; }
  function startsWith(s, prefix) { return s.lastIndexOf(prefix, 0) === 0; }

  /* The characters of s, a surrogate pair as one. */
  function chars(s) {
    var out = [], i = 0;
    while (i < s.length) {
      var c = s.charCodeAt(i);
      var pair = c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length &&
        (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00;
      out.push(s.substr(i, pair ? 2 : 1));
      i += pair ? 2 : 1;
    }
    return out;
  }

  /* A shard's file name: its code points in hex, at least four digits. */
  function fileName(key) {
    var cs = chars(key), hex = [];
    for (var i = 0; i < cs.length; i++) {
      var c = cs[i];
      var point = c.length === 2
        ? (c.charCodeAt(0) - 0xD800) * 0x400 + (c.charCodeAt(1) - 0xDC00) + 0x10000
        : c.charCodeAt(0);
      var h = point.toString(16);
      while (h.length < 4) { h = '0' + h; }
      hex.push(h);
    }
    return hex.join('-');
  }

  function syllables(s) {
    var parts = s.split(ENDS), out = [];
    for (var i = 0; i < parts.length; i++) { if (parts[i]) { out.push(parts[i]); } }
    return out;
  }

  /* Where the query's syllables q run in the name's syllables s: each
     equal, but the last, which may be the start of one unless the query
     ended with a tsheg, shad or space. -1 if nowhere; only at the start
     if atStart. */
  function runAt(s, q, complete, atStart) {
    var n = q.length;
    for (var start = 0; start + n <= s.length; start++) {
      var k = 0;
      while (k < n && (k < n - 1 || complete ? s[start + k] === q[k] : startsWith(s[start + k], q[k]))) { k++; }
      if (k === n) { return start; }
      if (atStart) { break; }
    }
    return -1;
  }

  /* Loads a script of the index once; calls done when it is in (or
     failed: then its data is missing, and nothing matches). */
  var scripts = {};
  function load(path, done) {
    var state = scripts[path];
    if (state === true) { done(); return; }
    if (state) { state.push(done); return; }
    scripts[path] = [done];
    var el = document.createElement('script');
    el.src = root + path;
    el.onload = el.onerror = function () {
      var waiting = scripts[path];
      scripts[path] = true;
      for (var i = 0; i < waiting.length; i++) { waiting[i](); }
    };
    document.head.appendChild(el);
  }

  function loadAll(paths, done) {
    var left = paths.length;
    if (!left) { done(); return; }
    for (var i = 0; i < paths.length; i++) {
      load(paths[i], function () { if (--left === 0) { done(); } });
    }
  }

  /* The shards a query needs: by its first character (Chinese names) and
     by its first syllable (Tibetan names), those that exist. */
  function shardsFor(places, q) {
    var wanted = [];
    var first = chars(q)[0];
    if (first && places.zh && places.zh.indexOf(first) !== -1) {
      wanted.push('zh/' + fileName(first));
    }
    var syllable = syllables(q)[0];
    var key = syllable && chars(syllable).slice(0, KEY_CHARS).join('');
    if (key && places.bo && places.bo.indexOf(key) !== -1) {
      wanted.push('bo/' + fileName(key));
    }
    return wanted;
  }

  /* A name in the page's language, else the other's: [text, language]. */
  function pick(zh, bo) {
    var names = [zh, bo];
    var chosen = names[pageLang] ? pageLang : 1 - pageLang;
    return [names[chosen] || '', chosen];
  }

  function el(tag, className, content) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (content !== undefined) { e.textContent = content; }
    return e;
  }

  /* An element with a name, marked with its language if not the page's. */
  function named(tag, className, zh, bo, href) {
    var name = pick(zh, bo);
    var e = el(tag, className, name[0]);
    if (name[1] !== pageLang) { e.setAttribute('lang', htmlLang[name[1]]); }
    if (href) { e.setAttribute('href', href); }
    return e;
  }

  function href(segments) { return '../' + segments.join('/') + '/index.html'; }

  /* The places that match, counties then townships then villages, each
     with those whose name starts with the query first, in site order. */
  function matchPlaces(places, q, query, complete) {
    var levels = [places.c, places.t, places.v], found = [];
    if (!places.syllables) { places.syllables = [[], [], []]; }
    for (var level = 0; level < 3; level++) {
      var rows = levels[level] || [], first = [], inside = [];
      var cache = places.syllables[level];
      var offset = level === 0 ? 1 : 2;
      for (var i = 0; i < rows.length; i++) {
        var zh = rows[i][offset], bo = rows[i][offset + 1];
        if (!cache[i]) { cache[i] = syllables(bo); }
        var at = zh.indexOf(q);
        var run = runAt(cache[i], query, complete, false);
        if (at === 0 || run === 0) { first.push([level, i]); }
        else if (at > 0 || run > 0) { inside.push([level, i]); }
      }
      found = found.concat(first, inside);
    }
    return found;
  }

  function placeItem(places, level, i) {
    var c = places.c, t = places.t, v = places.v;
    var li = el('li'), meta;
    if (level === 0) {
      li.appendChild(named('a', '', c[i][1], c[i][2], href([c[i][0]])));
      meta = el('span', 'meta', text('county'));
    } else if (level === 1) {
      var county = c[t[i][0]];
      li.appendChild(named('a', '', t[i][2], t[i][3], href([county[0], t[i][1]])));
      meta = named('span', 'meta', county[1], county[2]);
    } else {
      var township = t[v[i][0]];
      var inCounty = c[township[0]];
      li.appendChild(named('a', '', v[i][2], v[i][3], href([inCounty[0], township[1], v[i][1]])));
      meta = where(township, inCounty);
    }
    li.appendChild(document.createTextNode(' '));
    li.appendChild(meta);
    return li;
  }

  /* "township · county", each in its own language. */
  function where(township, county) {
    var meta = el('span', 'meta');
    meta.appendChild(named('span', '', township[2], township[3]));
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(named('span', '', county[1], county[2]));
    return meta;
  }

  /* The persons of the loaded shards whose name starts with the query:
     [name, its language, the shard, the person's row]. */
  function matchPersons(paths, q, query, complete) {
    var found = [];
    for (var s = 0; s < paths.length; s++) {
      var shard = data.shards && data.shards[paths[s]];
      if (!shard) { continue; }
      var tibetan = startsWith(paths[s], 'bo/') ? 1 : 0;
      for (var i = 0; i < shard.p.length; i++) {
        var name = shard.p[i][0];
        if (tibetan ? runAt(syllables(name), query, complete, true) === 0 : startsWith(name, q)) {
          found.push([name, tibetan, shard, shard.p[i]]);
        }
      }
    }
    return found;
  }

  /* A person: the name found (in its script: a shard holds only the name
     it is found by), the village with where it is, and each notice that
     names the person. */
  function personItem(places, found) {
    var li = el('li'), head = el('div'), row = found[3], shard = found[2];
    var name = head.appendChild(el('span', 'search-name', found[0]));
    if (found[1] !== pageLang) { name.setAttribute('lang', htmlLang[found[1]]); }
    li.appendChild(head);
    var village = shard.v[row[1]], path = village[0].split('/');
    var line = el('div');
    var at = places.byPath[village[0]];
    if (at !== undefined) {
      var v = places.v[at], township = places.t[v[0]];
      line.appendChild(named('a', '', v[2], v[3], href(path)));
      line.appendChild(document.createTextNode(' '));
      line.appendChild(where(township, places.c[township[0]]));
    } else {
      line.appendChild(el('a', '', path[2])).setAttribute('href', href(path));
    }
    li.appendChild(line);
    var notices = el('div', 'search-notices');
    for (var k = 2; k < row.length; k++) {
      var notice = shard.n[village[2 + row[k]]];
      if (!notice) { continue; }
      if (notices.firstChild) { notices.appendChild(document.createTextNode(' · ')); }
      var title = titles[village[1] * 4 + notice[1]] || notice[0];
      notices.appendChild(el('a', '', title)).setAttribute('href', href(path.concat([notice[0]])));
    }
    li.appendChild(notices);
    return li;
  }

  /* A section of results: its heading, at most CAP items, and how many
     more there are. */
  function section(heading, items, make, className) {
    if (!items.length) { return; }
    var part = el('section', 'search-section');
    part.appendChild(el('h2', '', heading));
    var list = part.appendChild(el('ul', 'listing ' + className));
    for (var i = 0; i < items.length && i < CAP; i++) { list.appendChild(make(items[i])); }
    if (items.length > CAP) {
      part.appendChild(el('p', 'search-more', fill(text('more'), 'n', String(items.length - CAP))));
    }
    results.appendChild(part);
  }

  function finish(state, places, persons) {
    box.setAttribute('data-found-places', String(places));
    box.setAttribute('data-found-persons', String(persons));
    box.setAttribute('data-state', state);
  }

  function byPath(places) {
    if (places.byPath) { return; }
    places.byPath = {};
    for (var i = 0; i < places.v.length; i++) {
      var township = places.t[places.v[i][0]];
      places.byPath[places.c[township[0]][0] + '/' + township[1] + '/' + places.v[i][1]] = i;
    }
  }

  /* Runs a query: shows what matches, or says that nothing does. */
  function run(raw) {
    var token = ++runs;
    var q = nfc(String(raw)).trim();
    var query = syllables(q);
    var complete = ENDS_LAST.test(q);
    results.textContent = '';
    box.removeAttribute('data-state');
    if (!query.length) {
      status.textContent = text('empty');
      finish('empty', 0, 0);
      return;
    }
    status.textContent = text('loading');
    load('search/places.js', function () {
      if (token !== runs) { return; }
      var places = data.places || { c: [], t: [], v: [] };
      byPath(places);
      var paths = shardsFor(places, q);
      loadAll(paths.map(function (p) { return 'search/' + p + '.js'; }), function () {
        if (token !== runs) { return; }
        var found = matchPlaces(places, q, query, complete);
        var persons = matchPersons(paths, q, query, complete);
        results.textContent = '';
        status.textContent = found.length || persons.length ? '' : fill(text('no-match'), 'query', q);
        section(text('places'), found, function (f) { return placeItem(places, f[0], f[1]); }, 'search-places');
        section(text('persons'), persons, function (f) { return personItem(places, f); }, 'search-persons');
        finish('done', found.length, persons.length);
      });
    });
  }
  data.run = run;

  var q = null;
  if (window.URLSearchParams) {
    q = new URLSearchParams(window.location.search).get('q');
  } else {
    var pairs = window.location.search.replace(/^\?/, '').split('&');
    for (var i = 0; i < pairs.length && q === null; i++) {
      var pair = pairs[i].split('=');
      if (pair[0] === 'q') {
        var value = (pair[1] || '').replace(/\+/g, ' ');
        try { q = decodeURIComponent(value); } catch (e) { q = value; }
      }
    }
  }
  var input = document.getElementById('site-search-q');
  if (input && q !== null) { input.value = q; }
  run(q === null ? '' : q);
}());
