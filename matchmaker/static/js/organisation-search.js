// Suggestions for a typed organisation field: <input list="ID" data-source="URL">, filled as the user types
// from URL?q=... (a JSON list of {id, label}); choosing one fills "Name (#id)", which the server resolves.
(function () {
  "use strict";
  document.querySelectorAll("input[data-source][list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text.length < 2 || text === last || /\(#\d+\)$/.test(text)) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = text;
        fetch(input.dataset.source + "?q=" + encodeURIComponent(text), {credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) {
            list.replaceChildren.apply(list, items.map(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              return option;
            }));
          })
          .catch(function () { /* offline or logged out: the field still takes an exact name */ });
      }, 200);
    });
  });
})();
