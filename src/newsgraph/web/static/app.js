// Light up an item's pieces of text when its entry in the side lists is hovered, focused or clicked.
(function () {
  "use strict";
  var kinds = { event: "data-event", quote: "data-quote", actor: "data-actor" };

  function pieces(ref) {
    return document.querySelectorAll('#text [data-refs~="' + ref + '"]');
  }

  function light(item, on) {
    Object.keys(kinds).forEach(function (kind) {
      var ref = item.getAttribute(kinds[kind]);
      if (ref) {
        pieces(ref).forEach(function (el) { el.classList.toggle("lit", on); });
      }
    });
  }

  function setUp() {
    var text = document.getElementById("text");
    if (!text) { return; }
    var items = document.querySelectorAll("[data-event], [data-quote], [data-actor]");
    items.forEach(function (item) {
      item.addEventListener("mouseenter", function () { light(item, true); });
      item.addEventListener("mouseleave", function () { if (!item.classList.contains("active")) { light(item, false); } });
      item.addEventListener("focus", function () { light(item, true); });
      item.addEventListener("blur", function () { if (!item.classList.contains("active")) { light(item, false); } });
      item.addEventListener("click", function (event) {
        if (event.target.closest("a")) { return; }
        var on = !item.classList.contains("active");
        items.forEach(function (other) { other.classList.remove("active"); light(other, false); });
        item.classList.toggle("active", on);
        light(item, on);
        var first = pieces(item.getAttribute("data-event") || item.getAttribute("data-quote") || item.getAttribute("data-actor"))[0];
        if (on && first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
}());

// The words selected in the article fill the "add a missed event" form (which works without this too).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("text");
    var words = document.getElementById("add-words");
    if (!text || !words) { return; }
    text.addEventListener("mouseup", function () {
      var chosen = String(window.getSelection() || "").trim();
      if (chosen) {
        words.value = chosen;
        document.getElementById("add-event").open = true;
      }
    });
  });
})();
