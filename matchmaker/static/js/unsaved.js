/* Forms marked data-warn-unsaved: once something is typed or changed, leaving the page (a link, the language switch,
   closing the tab) asks first; submitting the form itself does not. */
(function () {
  var dirty = [];
  function isDirty() { return dirty.some(function (form) { return form.dataset.dirty === "1"; }); }
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    dirty.push(form);
    var mark = function () { form.dataset.dirty = "1"; };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", function () { form.dataset.dirty = "0"; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = "";  /* the browser shows its own "leave the page?" question */
  });
})();
