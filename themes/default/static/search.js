/* gongshi search (DESIGN.md, Site). Runs the query in the page's address
   (?q=) on load against the index the build wrote under search/ (see
   src/render/search.rs): per script a manifest of its lists, the places
   whose name holds a character or syllable, and the persons whose name
   starts with one, each list split into files of a fixed number of rows
   so that a query loads only what it shows and counts the rest. The
   index is JavaScript loaded with <script src>, since a page opened from
   file:// may not fetch. Tibetan is split into syllables, lists are keyed
   and names compared (by code point) as the build does. No framework, no
   build step, ES5. */
(function () {
  'use strict';
  var box = document.getElementById('search');
  if (!box) { return; }
  var CAP = 50;
  var KEY_CHARS = 8;
  var ENDS = /[\u0F0B-\u0F12\u0F14 \t\n\r\u00A0\u3000]+/;
  var ENDS_LAST = /[\u0F0B-\u0F12\u0F14 \t\n\r\u00A0\u3000]$/;
  var SCRIPTS = ['zh', 'bo'];
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

  /* A list's file name: its key's code points in hex, at least four digits. */
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

  /* The key of a list a syllable is in: its first KEY_CHARS code points. */
  function keyOf(syllable) { return chars(syllable).slice(0, KEY_CHARS).join(''); }

  /* Compares two strings by code point, as the build sorts them (UTF-16
     puts U+E000-U+FFFF after the surrogates that stand for higher code
     points). */
  function unit(s, i) {
    var u = s.charCodeAt(i);
    return u >= 0xE000 ? u - 0x800 : u >= 0xD800 ? u + 0x2000 : u;
  }
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) { return unit(a, i) - unit(b, i); }
    }
    return a.length - b.length;
  }
  function compareAll(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var c = compare(a[i], b[i]);
      if (c) { return c; }
    }
    return a.length - b.length;
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
    el.src = root + 'search/' + path + '.js';
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

  /* A loaded list file, or an empty one. */
  function file(path) {
    var f = data.c && data.c[path];
    return f || { a: [], r: [], n: [], v: [], p: [] };
  }

  /* A script's manifest as lookups: rows a file, and each key's count
     (no prototype, so no key is taken for one of Object's). */
  function manifest(s) {
    var m = data[SCRIPTS[s]];
    if (!m) { return null; }
    if (!m.places) {
      m.places = Object.create(null);
      m.persons = Object.create(null);
      m.begun = Object.create(null);
      m.keys = [];
      for (var i = 0; i + 1 < (m.p || []).length; i += 2) { m.places[m.p[i]] = m.p[i + 1]; m.keys.push(m.p[i]); }
      for (i = 0; i + 1 < (m.n || []).length; i += 2) { m.persons[m.n[i]] = m.n[i + 1]; }
      for (i = 0; i + 1 < (m.b || []).length; i += 2) { m.begun[m.b[i]] = m.b[i + 1]; }
    }
    return m;
  }

  function files(count, rows) { return Math.ceil(count / rows); }

  /* A query's tokens in script s, as the build lists names by: its
     characters (Chinese), its syllables' keys (Tibetan). */
  function tokens(s, q, query) {
    if (s === 0) { return chars(q); }
    var out = [];
    for (var i = 0; i < query.length; i++) { out.push(keyOf(query[i])); }
    return out;
  }

  /* The key of two tokens next to each other, as the build writes it. */
  function pair(s, first, second) { return first + (s === 0 ? '' : '\u0F0B') + second; }

  /* The pairs files a query of script s needs: those of its first PAIRS
     tokens that begin a pair and are in some name. */
  var PAIRS = 4;
  var FILE_ROWS = 50;
  function pairFiles(s, m, q, query) {
    var t = tokens(s, q, query), out = [];
    for (var i = 0; i + 1 < t.length && i < PAIRS; i++) {
      if (m.places[t[i]]) { out.push(SCRIPTS[s] + '/q/' + fileName(t[i])); }
    }
    return out;
  }

  /* A loaded pairs file as a lookup: { counts, keys }. */
  function pairsOf(s, token) {
    var path = SCRIPTS[s] + '/q/' + fileName(token);
    var list = data.c && data.c[path];
    if (!list) { return null; }
    if (!list.counts) {
      list.counts = Object.create(null);
      list.keys = [];
      for (var i = 0; i + 1 < list.length; i += 2) { list.counts[list[i]] = list[i + 1]; list.keys.push(list[i]); }
    }
    return list;
  }

  /* The lists under keys that start with begun: [[key, count], ...]. */
  function begins(keys, counts, begun) {
    var out = [];
    for (var k = 0; k < keys.length; k++) {
      if (startsWith(keys[k], begun)) { out.push([keys[k], counts[keys[k]]]); }
    }
    return out;
  }

  /* The longest start two keys share, whole characters. */
  function shared(a, b) {
    var x = chars(a), y = chars(b), i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) { i++; }
    return x.slice(0, i).join('');
  }

  /* Where a begun syllable's keys (sorted, as the manifest lists them)
     are many, the build lists their places once more under the start
     they share, in the order the query shows them: that one list, or
     the keys' own. */
  function begunLists(m, lists) {
    if (lists.length < 2) { return lists; }
    var start = shared(lists[0][0], lists[lists.length - 1][0]);
    var count = m.begun[start];
    return count ? [[start, count, 'b']] : lists;
  }

  /* The places lists a query of script s needs: of its tokens and of its
     first pairs of tokens (see pairFiles) the one the fewest places hold
     (for a Tibetan syllable the query has only begun, every key that
     starts so, or their begun list: see begunLists), or null if one is
     in no name. exact: the query is that one key (or begun syllable), so
     every place of the list matches and the list's order is the order
     shown. */
  function placePlan(s, m, q, query, complete) {
    var t = tokens(s, q, query), n = t.length, options = [], i, lists;
    function whole(i) { return s === 0 || i < n - 1 || complete; }
    for (i = 0; i + 1 < n && i < PAIRS; i++) {
      var pairs = pairsOf(s, t[i]);
      if (!pairs) { continue; }
      var key = pair(s, t[i], t[i + 1]);
      if (whole(i + 1)) {
        if (!pairs.counts[key]) { return null; }
        lists = [[key, pairs.counts[key]]];
      } else {
        lists = begins(pairs.keys, pairs.counts, key);
        if (!lists.length) { return null; }
      }
      options.push([lists, i]);
    }
    for (i = 0; i < n; i++) {
      if (whole(i)) {
        if (!m.places[t[i]]) { return null; }
        lists = [[t[i], m.places[t[i]]]];
      } else {
        lists = begunLists(m, begins(m.keys, m.places, t[i]));
        if (!lists.length) { return null; }
      }
      options.push([lists, -1]);
    }
    if (!options.length) { return null; }
    /* The cheapest: each file costs as much as FILE_ROWS rows (a request,
       and the places each file names again), so that a begun syllable
       does not load a hundred lists of one place each. */
    var best = null, least = 0, total = 0;
    for (i = 0; i < options.length; i++) {
      var cost = 0, count = 0;
      for (var k = 0; k < options[i][0].length; k++) {
        count += options[i][0][k][1];
        cost += options[i][0][k][1] + FILE_ROWS * files(options[i][0][k][1], m.r[0]);
      }
      if (best === null || cost < least) { best = options[i]; least = cost; total = count; }
    }
    /* A Tibetan key is the whole syllable only if it is shorter than a
       key may be (one begun may be as long). */
    function fits(i) {
      var length = chars(query[i]).length;
      return whole(i) ? length < KEY_CHARS : length <= KEY_CHARS;
    }
    var exact = best[0].length === 1 && (best[1] === -1
      ? n === 1 && (s === 0 || fits(0))
      : n === 2 && (s === 0 || fits(0) && fits(1)));
    return { s: s, m: m, lists: best[0], count: total, exact: exact };
  }

  /* A places list's files, but their number: the key's list, or a begun
     syllable's (see begunLists). */
  function listName(s, list) {
    return SCRIPTS[s] + '/' + (list[2] || 'p') + '/' + fileName(list[0]) + '.';
  }

  /* The files of a places plan: the first only where it is exact. */
  function placeFiles(plan) {
    var out = [];
    for (var i = 0; i < plan.lists.length; i++) {
      var name = listName(plan.s, plan.lists[i]);
      var n = plan.exact ? 1 : files(plan.lists[i][1], plan.m.r[0]);
      for (var k = 0; k < n; k++) { out.push(name + k); }
    }
    return out;
  }

  /* Whether a place's name (in script s) holds the query: -1 no, 0 at its
     start, 1 further in. */
  function placeMatch(s, name, q, query, complete) {
    var at = s === 0 ? name.indexOf(q) : runAt(syllables(name), query, complete, false);
    return at < 0 ? -1 : at === 0 ? 0 : 1;
  }

  /* The places a query finds: counties, then townships, then villages,
     in each those whose name starts with the query first, each in the
     site's order; [items, total]. An item: [level, number, file, row]. */
  function matchPlaces(plans, q, query, complete) {
    var items = [], i, k;
    if (plans.length === 1 && plans[0].exact) {
      var plan = plans[0];
      var path = listName(plan.s, plan.lists[0]) + '0';
      var f = file(path);
      for (i = 0; i < f.r.length && items.length < CAP; i++) {
        items.push([f.r[i][1], f.r[i][2], f, f.r[i][0], plan.s]);
      }
      return [items, plan.count];
    }
    var seen = {};
    for (k = 0; k < plans.length; k++) {
      var paths = placeFiles(plans[k]);
      for (var p = 0; p < paths.length; p++) {
        var g = file(paths[p]);
        for (i = 0; i < g.r.length; i++) {
          var row = g.r[i], place = g.a[row[0]];
          var id = row[1] + ':' + row[2];
          if (!place || seen[id]) { continue; }
          var match = placeMatch(plans[k].s, place[2], q, query, complete);
          if (match < 0) { continue; }
          seen[id] = true;
          items.push([row[1], row[2], g, row[0], plans[k].s, match]);
        }
      }
    }
    items.sort(function (a, b) { return a[0] - b[0] || a[5] - b[5] || a[1] - b[1]; });
    return [items.slice(0, CAP), items.length];
  }

  function el(tag, className, content) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (content !== undefined) { e.textContent = content; }
    return e;
  }

  /* An element with a text of script s, marked with its language if not
     the page's. */
  function named(tag, className, content, s, link) {
    var e = el(tag, className, content);
    if (s !== pageLang) { e.setAttribute('lang', htmlLang[s]); }
    if (link) { e.setAttribute('href', link); }
    return e;
  }

  function href(segments) { return '../' + segments.join('/') + '/index.html'; }

  /* A place of a file's table and those it is in, the county first:
     [up, folder, name] each. */
  function chain(table, at) {
    var out = [];
    while (at >= 0 && table[at] && out.length < 3) {
      out.unshift(table[at]);
      at = table[at][0];
    }
    return out;
  }

  function slugs(places) {
    var out = [];
    for (var i = 0; i < places.length; i++) { out.push(places[i][1]); }
    return out;
  }

  /* "township · county" (or the county alone) in script s. */
  function where(places, s) {
    var meta = el('span', 'meta');
    for (var i = places.length - 1; i >= 0; i--) {
      meta.appendChild(named('span', '', places[i][2], s));
      if (i > 0) { meta.appendChild(document.createTextNode(' · ')); }
    }
    return meta;
  }

  function placeItem(item) {
    var places = chain(item[2].a, item[3]), s = item[4];
    var li = el('li'), place = places[places.length - 1];
    if (!place) { return li; }
    li.appendChild(named('a', '', place[2], s, href(slugs(places))));
    li.appendChild(document.createTextNode(' '));
    li.appendChild(places.length === 1 ? el('span', 'meta', text('county')) : where(places.slice(0, -1), s));
    return li;
  }

  /* The persons of script s a query finds, whose name starts with it, in
     the order of their names: calls done([items, total]). An item:
     [name, script, file, row]. */
  function matchPersons(s, m, q, query, complete, done) {
    var key = s === 0 ? chars(q)[0] : keyOf(query[0]);
    var count = key && m.persons[key];
    if (!count) { done([[], 0]); return; }
    var rows = m.r[1], n = files(count, rows);
    var name = SCRIPTS[s] + '/n/' + fileName(key);
    var matches = s === 0
      ? function (text) { return startsWith(text, q); }
      : function (text) { return runAt(syllables(text), query, complete, true) === 0; };
    var before = s === 0
      ? function (text) { return compare(text, q) < 0; }
      : function (text) { return compareAll(syllables(text), query) < 0; };
    function found(path, items) {
      var f = file(path), total = 0;
      for (var i = 0; i < f.p.length; i++) {
        if (matches(f.p[i][0])) {
          total++;
          if (items) { items.push([f.p[i][0], s, f, f.p[i]]); }
        }
      }
      return total;
    }
    if (n === 1) {
      load(name + '.0', function () {
        var items = [];
        found(name + '.0', items);
        done([items, items.length]);
      });
      return;
    }
    load(name, function () {
      var bounds = (data.c && data.c[name]) || [];
      /* The names it finds are next to each other: from the first file
         that ends at or after the query to the last that starts with a
         match. */
      var first = 0;
      while (first < bounds.length && before(bounds[first][1])) { first++; }
      if (first >= bounds.length) { done([[], 0]); return; }
      var last = first;
      while (last + 1 < bounds.length && matches(bounds[last + 1][0])) { last++; }
      var items = [], total = 0, next = first;
      function size(i) { return i < n - 1 ? rows : count - rows * (n - 1); }
      function whole(i) { return matches(bounds[i][0]) && matches(bounds[i][1]); }
      function rest() {
        var partial = [];
        for (var i = next; i <= last; i++) {
          if (whole(i)) { total += size(i); } else { partial.push(name + '.' + i); }
        }
        loadAll(partial, function () {
          for (var i = 0; i < partial.length; i++) { total += found(partial[i], null); }
          done([items.slice(0, CAP), total]);
        });
      }
      (function shown() {
        if (next > last || items.length >= CAP) { rest(); return; }
        var path = name + '.' + next;
        load(path, function () {
          total += found(path, items);
          next++;
          shown();
        });
      }());
    });
  }

  /* A person: the name found (in its script: a file holds only the name
     it is found by), the village with where it is, and each notice that
     names the person. */
  function personItem(found) {
    var li = el('li'), head = el('div'), row = found[3], f = found[2], s = found[1];
    head.appendChild(named('span', 'search-name', found[0], s));
    li.appendChild(head);
    var village = f.v[row[1]] || [], places = chain(f.a, village[0]);
    var path = slugs(places), line = el('div');
    if (places.length) {
      line.appendChild(named('a', '', places[places.length - 1][2], s, href(path)));
      line.appendChild(document.createTextNode(' '));
      line.appendChild(where(places.slice(0, -1), s));
    }
    li.appendChild(line);
    var notices = el('div', 'search-notices');
    for (var k = 2; k < row.length; k++) {
      var notice = f.n[village[2 + row[k]]];
      if (!notice) { continue; }
      if (notices.firstChild) { notices.appendChild(document.createTextNode(' · ')); }
      var title = titles[village[1] * 4 + notice[1]] || notice[0];
      notices.appendChild(el('a', '', title)).setAttribute('href', href(path.concat([notice[0]])));
    }
    li.appendChild(notices);
    return li;
  }

  /* A section of results: its heading, at most CAP items, and how many
     more there are of total. */
  function section(heading, items, total, make, className) {
    if (!total) { return; }
    var part = el('section', 'search-section');
    part.appendChild(el('h2', '', heading));
    var list = part.appendChild(el('ul', 'listing ' + className));
    for (var i = 0; i < items.length && i < CAP; i++) { list.appendChild(make(items[i])); }
    if (total > CAP) {
      part.appendChild(el('p', 'search-more', fill(text('more'), 'n', String(total - CAP))));
    }
    results.appendChild(part);
  }

  function finish(state, places, persons) {
    box.setAttribute('data-found-places', String(places));
    box.setAttribute('data-found-persons', String(persons));
    box.setAttribute('data-state', state);
  }

  /* Runs a query: shows what matches, or says that nothing does. The
     page's script is asked first, so a place found in both shows in it. */
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
    var order = [pageLang, 1 - pageLang];
    var pairs = [];
    loadAll(SCRIPTS, function () {
      if (token !== runs) { return; }
      for (var i = 0; i < 2; i++) {
        var m = manifest(i);
        if (m) { pairs = pairs.concat(pairFiles(i, m, q, query)); }
      }
      loadAll(pairs, planned);
    });
    function planned() {
      if (token !== runs) { return; }
      var plans = [];
      for (var i = 0; i < 2; i++) {
        var m = manifest(order[i]);
        var plan = m && placePlan(order[i], m, q, query, complete);
        if (plan) { plans.push(plan); }
      }
      if (plans.length > 1) { plans[0].exact = plans[1].exact = false; }
      var paths = [];
      for (i = 0; i < plans.length; i++) { paths = paths.concat(placeFiles(plans[i])); }
      var persons = [[], 0, [], 0], left = 3;
      function ready() {
        if (--left || token !== runs) { return; }
        var places = matchPlaces(plans, q, query, complete);
        var shown = persons[0].concat(persons[2]), total = persons[1] + persons[3];
        results.textContent = '';
        status.textContent = places[1] || total ? '' : fill(text('no-match'), 'query', q);
        section(text('places'), places[0], places[1], placeItem, 'search-places');
        section(text('persons'), shown, total, personItem, 'search-persons');
        finish('done', places[1], total);
      }
      loadAll(paths, ready);
      for (i = 0; i < 2; i++) {
        (function (s) {
          var m = manifest(s);
          if (!m) { ready(); return; }
          matchPersons(s, m, q, query, complete, function (found) {
            persons[2 * s] = found[0];
            persons[2 * s + 1] = found[1];
            ready();
          });
        }(i));
      }
    }
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
