/* The availability form: a "whole day" and a "whole session" box tick or clear every slot of their group, and show
   whether all (ticked), some (indeterminate) or none of them are ticked. Without JavaScript the boxes stay hidden
   and each slot is ticked on its own. */
(function () {
  var form = document.querySelector("form.availability");
  if (!form) return;
  function slots(group) { return group.querySelectorAll('input[name="unavailable"]'); }
  function refresh() {
    form.querySelectorAll("[data-slot-group]").forEach(function (group) {
      var toggle = group.querySelector(":scope > .group-toggle input");
      var boxes = Array.prototype.slice.call(slots(group));
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      toggle.checked = boxes.length > 0 && ticked === boxes.length;
      toggle.indeterminate = ticked > 0 && ticked < boxes.length;
    });
  }
  form.querySelectorAll(".group-toggle").forEach(function (label) { label.hidden = false; });
  form.addEventListener("change", function (event) {
    if (event.target.matches("[data-toggle-group]")) {
      var group = event.target.closest("[data-slot-group]");
      slots(group).forEach(function (box) { box.checked = event.target.checked; });
    }
    refresh();
  });
  refresh();
})();
