/* Keyboard shortcuts for the review queue: each element with data-key="x" is clicked (or opened) on key x. */
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  var tag = (event.target.tagName || "").toLowerCase();
  if (tag === "input" || tag === "select" || tag === "textarea") return;
  var target = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
  if (!target) return;
  event.preventDefault();
  if (target.tagName.toLowerCase() === "details") {
    target.open = true;
    var first = target.querySelector("select");
    if (first) first.focus();
  } else {
    target.click();
  }
});
