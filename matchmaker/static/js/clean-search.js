/* Search and filter forms (GET, role="search") leave out the fields left empty and trim the words typed, so the
   address says only what was asked ("?sector=biotech", not "?q=&partner_kind=&sector=biotech&area=&region=..."):
   shorter to share or bookmark, and one filter has one address; with nothing asked, the list's own address (not
   "/profiles/?"). The server reads an absent field as an empty one and trims words itself, so without this script
   the same results are shown. */
(function () {
  function clean(data) {
    var entries = [];
    data.forEach(function (value, name) {
      var kept = typeof value === "string" ? value.trim() : value;
      if (kept !== "") entries.push([name, kept]);
    });
    Array.from(new Set(Array.from(data.keys()))).forEach(function (name) { data.delete(name); });
    entries.forEach(function (entry) { data.append(entry[0], entry[1]); });
    return entries.length;
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[method="get"][role="search"]'), function (form) {
    form.addEventListener("formdata", function (event) { clean(event.formData); });
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented || clean(new FormData(form, event.submitter)) > 0) return;
      event.preventDefault();  /* nothing asked: the list itself */
      window.location.assign(form.action.split("?")[0].split("#")[0]);
    });
  });
})();
