// newsfuse web: progressive enhancement only. Without this script every citation is an in-page
// link and CSS :target highlights the sentence; with it, the reader shows one source at a time and
// a citation highlights every evidence sentence behind the item.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function sourceOf(el) { return el ? el.closest(".reader .source") : null; }

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

  function highlight(ids, target) {
    document.querySelectorAll(".s.hl").forEach(function (el) { el.classList.remove("hl"); });
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.classList.add("hl");
    });
    var main = document.getElementById(target);
    if (!main) return;
    show(sourceOf(main));
    main.classList.add("hl");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    main.scrollIntoView({behavior: reduce ? "auto" : "smooth", block: "center"});
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite, a.pick");
    if (!link) return;
    var target = (link.getAttribute("href") || "").slice(1);
    if (link.classList.contains("pick")) {
      var source = document.getElementById(target);
      if (!sourceOf(source)) return;  // not a reader page: let the link do its job
      event.preventDefault();
      show(source);
      source.scrollIntoView({block: "start"});
      return;
    }
    if (!document.getElementById(target)) return;
    event.preventDefault();
    var ids = (link.getAttribute("data-evidence") || "").split(" ").filter(Boolean);
    highlight(ids, target);
    history.replaceState(null, "", "#" + target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var hash = decodeURIComponent(location.hash.slice(1));
    var first = document.querySelector(".reader .source");
    if (/^s-\d+-\d+$/.test(hash) && document.getElementById(hash)) {
      highlight([hash], hash);
    } else if (/^source-\d+$/.test(hash) && sourceOf(document.getElementById(hash))) {
      show(document.getElementById(hash));
    } else if (first) {
      show(first);
    }
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
