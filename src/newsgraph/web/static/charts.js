// Draw each chart of the page from its Vega-Lite spec (a JSON data block beside it) with the vendored Vega,
// within the page's Content-Security-Policy: expressions are interpreted (no eval), no style sheet is injected
// (the tooltip's style is in app.css), links open in the same tab.
(function () {
  "use strict";
  var options = {
    renderer: "svg", actions: false, defaultStyle: false, ast: true,
    tooltip: { disableDefaultStyle: true }, loader: { target: "_self" }
  };

  function draw(el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute("data-spec")).textContent);
    options.expr = window.vegaInterpreter.expressionInterpreter;
    return window.vegaEmbed(el, spec, options).then(function () {
      el.setAttribute("data-drawn", "true");
    }).catch(function (error) {
      el.textContent = "The chart could not be drawn: " + error.message;
      el.classList.add("error");
      throw error;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".vl-chart").forEach(draw);
  });
}());
