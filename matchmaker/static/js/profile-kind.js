/* The profile form: show only the field groups that apply to the chosen kind (fieldsets with data-kinds). Hidden
   groups stay in the form, so what they hold is kept. */
(function () {
  var kind = document.getElementById("kind");
  if (!kind) return;
  function update() {
    document.querySelectorAll("fieldset[data-kinds]").forEach(function (group) {
      group.hidden = group.dataset.kinds.split(" ").indexOf(kind.value) < 0;
    });
  }
  kind.addEventListener("change", update);
  update();
})();
