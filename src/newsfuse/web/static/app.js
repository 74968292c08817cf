// newsfuse web: progressive enhancement only. Without this script every citation is an in-page
// link and CSS :target highlights the sentence; with it, the reader shows one source at a time, a
// citation highlights every evidence sentence behind the item, on a narrow screen the cited sentence
// opens in place under the citation, and a story page marks what is new since the reader's last
// visit (kept in this browser's localStorage: no cookie, nothing sent to the server).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The width below which the story page is one column (app.css): the reader is then far below.
  var NARROW = "(max-width: 1000px)";
  // Page loads this close together are one visit: a reload does not clear what was marked new.
  var VISIT_MS = 30 * 60 * 1000;

  function sourceOf(el) { return el ? el.closest(".reader .source") : null; }
  function narrow() { return window.matchMedia && window.matchMedia(NARROW).matches; }
  function reduced() { return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches; }

  function show(source) {
    if (!source) return;
    document.querySelectorAll(".reader .source.active").forEach(function (el) {
      if (el !== source) el.classList.remove("active");
    });
    source.classList.add("active");
    var number = source.getAttribute("data-source");
    document.querySelectorAll(".picker a.pick").forEach(function (a) {
      a.classList.toggle("current", a.getAttribute("data-source") === number);
    });
  }

  function mark(ids, target) {
    document.querySelectorAll(".s.hl").forEach(function (el) { el.classList.remove("hl"); });
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.classList.add("hl");
    });
    var main = document.getElementById(target);
    if (!main) return null;
    show(sourceOf(main));
    main.classList.add("hl");
    return main;
  }

  function highlight(ids, target) {
    var main = mark(ids, target);
    if (main) main.scrollIntoView({behavior: reduced() ? "auto" : "smooth", block: "center"});
  }

  // -- a cited sentence opened in place -------------------------------------------------------------

  var openedFrom = null;

  function closePeek(refocus) {
    document.querySelectorAll(".peek").forEach(function (el) { el.remove(); });
    if (refocus && openedFrom) openedFrom.focus({preventScroll: true});
    openedFrom = null;
  }

  function peek(link, target, ids) {
    var sentence = mark(ids, target);
    if (!sentence) return false;
    closePeek(false);
    var source = sourceOf(sentence);
    var panel = document.createElement("div");
    panel.className = "peek";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Cited source");
    panel.tabIndex = -1;
    var head = document.createElement("div");
    head.className = "peek-head";
    var heading = source ? source.querySelector("h3").cloneNode(true) : null;
    if (heading) heading.querySelectorAll(".new-tag").forEach(function (el) { el.remove(); });
    head.textContent = heading ? heading.textContent : "";
    var quote = document.createElement("blockquote");
    quote.textContent = sentence.textContent;
    var actions = document.createElement("div");
    actions.className = "peek-actions";
    var read = document.createElement("a");
    read.className = "peek-read";
    read.href = "#" + target;
    read.textContent = "Read it in the whole source";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "peek-close";
    close.textContent = "Close";
    actions.append(read, close);
    panel.append(head, quote, actions);
    // Under the item that cites it; a table cell's panel goes under the table's scrolling box.
    var box = link.closest(".grid-wrap");
    if (box) box.after(panel);
    else (link.closest("li, .side, p, td") || link.parentNode).appendChild(panel);
    openedFrom = link;
    panel.focus({preventScroll: true});
    return true;
  }

  // A jump far down the page (to a source) is a step in the history: Back returns to where the
  // reader was (the browser restores the scroll position of the entry it leaves).
  function jump(target, ids) {
    history.pushState(null, "", "#" + target);
    highlight(ids, target);
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest(".peek-close")) { closePeek(true); return; }
    var link = event.target.closest("a.cite, a.pick, a.peek-read");
    if (!link) return;
    var target = (link.getAttribute("href") || "").slice(1);
    if (link.classList.contains("pick")) {
      var source = document.getElementById(target);
      if (!sourceOf(source)) return;  // not a reader page: let the link do its job
      event.preventDefault();
      if (narrow()) {
        history.pushState(null, "", "#" + target);
      }
      show(source);
      source.scrollIntoView({block: "start"});
      return;
    }
    if (!document.getElementById(target)) return;
    event.preventDefault();
    var ids = (link.getAttribute("data-evidence") || "").split(" ").filter(Boolean);
    if (link.classList.contains("peek-read")) { jump(target, [target]); return; }
    if (narrow() && peek(link, target, ids)) return;
    highlight(ids, target);
    history.replaceState(null, "", "#" + target);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.querySelector(".peek")) closePeek(true);
  });

  // Back or Forward to a sentence or a source: show it; the browser puts the scroll back itself.
  window.addEventListener("popstate", function () {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (/^s-\d+-\d+$/.test(hash)) mark([hash], hash);
    else if (/^source-\d+$/.test(hash)) show(document.getElementById(hash));
  });

  // -- new since the reader's last visit --------------------------------------------------------------

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function visitKey(story) { return "newsfuse.visit." + story; }

  function tag(el, where, text) {
    if (el.classList.contains("is-new")) return;
    el.classList.add("is-new");
    var label = document.createElement("span");
    label.className = "new-tag";
    label.textContent = text || "new";
    (where || el).appendChild(label);
  }

  function citedSources(el) {
    var found = {};
    el.querySelectorAll("a.cite").forEach(function (a) {
      var m = /^#s-(\d+)-\d+$/.exec(a.getAttribute("href") || "");
      if (m) found[m[1]] = true;
    });
    return Object.keys(found);
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString(undefined, {dateStyle: "medium", timeStyle: "short"});
  }

  function markStory() {
    var body = document.body;
    var story = body.getAttribute("data-story");
    var latest = body.getAttribute("data-latest");
    if (!story || !latest) return;
    var now = Date.now();
    var prev = load(visitKey(story));
    // What this load compares with: the last load, unless that saw this same state of the story a
    // moment ago (a reload): then the visit before it, so a reload keeps the marks.
    var base = prev && prev.mark === latest && now - prev.seen < VISIT_MS ? prev.base : prev;
    save(visitKey(story), {mark: latest, seen: now, base: base ? {mark: base.mark, seen: base.seen} : null});
    if (!base || !base.mark) return;
    var since = base.mark;
    var sources = {};
    var articles = 0;
    var claims = 0;
    document.querySelectorAll(".reader .source[data-at]").forEach(function (el) {
      if (el.getAttribute("data-at") > since) {
        sources[el.getAttribute("data-source")] = true;
        articles += 1;
        tag(el, el.querySelector("h3"));
      }
    });
    document.querySelectorAll("table.sources tr[data-at], #history li[data-at]").forEach(function (el) {
      if (el.getAttribute("data-at") > since) tag(el, el.firstElementChild || el);
    });
    document.querySelectorAll("table.ledger tr[data-at]").forEach(function (el) {
      if (el.getAttribute("data-at") > since) { claims += 1; tag(el, el.querySelector("td.claim")); }
    });
    // A summary line, conflict side, quote or dated event is new when every source it cites is.
    document.querySelectorAll("#summary li, #conflicts .side, #updates li, #quotes li, #timeline li").forEach(function (el) {
      var cited = citedSources(el);
      if (cited.length && cited.every(function (n) { return sources[n]; })) tag(el);
    });
    var notice = document.getElementById("since-visit");
    if (!notice) return;
    var parts = [];
    if (articles) parts.push(articles + (articles === 1 ? " article" : " articles"));
    if (claims) parts.push(claims + (claims === 1 ? " claim" : " claims"));
    notice.textContent = parts.length
      ? "New since your last visit (" + when(base.seen) + "): " + parts.join(", ") + ", marked “new”."
      : "Nothing new since your last visit (" + when(base.seen) + ").";
    notice.hidden = false;
  }

  function markFront() {
    document.querySelectorAll(".story-row[data-latest]").forEach(function (row) {
      var prev = load(visitKey(row.getAttribute("data-story")));
      if (prev && prev.mark && row.getAttribute("data-latest") > prev.mark) {
        tag(row, row.querySelector(".headline"), "new since your visit");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var hash = decodeURIComponent(location.hash.slice(1));
    var first = document.querySelector(".reader .source");
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var returning = nav && nav.type === "back_forward";  // the browser restores the scroll: keep it
    if (/^s-\d+-\d+$/.test(hash) && document.getElementById(hash)) {
      if (returning) mark([hash], hash); else highlight([hash], hash);
    } else if (/^source-\d+$/.test(hash) && sourceOf(document.getElementById(hash))) {
      show(document.getElementById(hash));
    } else if (first) {
      show(first);
    }
    markStory();
    markFront();
    // The brief form: more paste boxes on demand (three are there without the script).
    var add = document.getElementById("add-text");
    var texts = document.getElementById("texts");
    if (add && texts) {
      add.hidden = false;
      add.addEventListener("click", function () {
        var boxes = texts.querySelectorAll("label.paste");
        var copy = boxes[boxes.length - 1].cloneNode(true);
        copy.querySelector("textarea").value = "";
        copy.firstChild.textContent = "Article " + (boxes.length + 1);
        texts.appendChild(copy);
      });
    }
  });
})();
