/* Long text boxes (a textarea with a maxlength) say how much room is left once the text nears its limit, and say so
   when the browser cut what was pasted or typed at the limit, which it otherwise does without a word. The sentences
   come from the body's data-count-* attributes, in the page's language ({used}, {max} filled in here). */
(function () {
  var body = document.body;
  if (!body.dataset.countNear) return;
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function say(template, used, max) {
    return template.split("{used}").join(number.format(used)).split("{max}").join(number.format(max));
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea[maxlength]"), function (box) {
    var max = parseInt(box.getAttribute("maxlength"), 10);
    if (!(max >= 500)) return;  /* a short note needs no counter */
    var line = document.createElement("p");
    line.className = "char-count muted small";
    line.id = (box.id || box.name) + "-count";
    line.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", line);
    var cut = false;

    function update() {
      var used = box.value.length;
      if (used < max) cut = false;
      line.classList.toggle("char-count-full", used >= max);
      if (cut) line.textContent = say(body.dataset.countCut, used, max);
      else if (used >= max) line.textContent = say(body.dataset.countFull, used, max);
      else line.textContent = used >= 0.8 * max ? say(body.dataset.countNear, used, max) : "";
    }

    box.addEventListener("paste", function (event) {
      var pasted = (event.clipboardData || window.clipboardData).getData("text") || "";
      var kept = box.value.length - (box.selectionEnd - box.selectionStart);
      if (kept + pasted.length > max) cut = true;  /* the browser keeps only what fits */
    });
    box.addEventListener("input", update);
    update();
  });
})();
