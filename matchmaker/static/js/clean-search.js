/* Search and filter forms (GET, role="search") leave out the fields left empty, so the address says only what was
   asked ("?sector=biotech", not "?q=&partner_kind=&sector=biotech&area=&region=..."): shorter to share or bookmark,
   and one filter has one address. The server reads an absent field as an empty one, so without this script (or
   with it) the same results are shown. */
(function () {
  Array.prototype.forEach.call(document.querySelectorAll('form[method="get"][role="search"]'), function (form) {
    form.addEventListener("formdata", function (event) {
      var data = event.formData, names = [];
      data.forEach(function (value, name) {
        if (value === "" && names.indexOf(name) < 0) names.push(name);
      });
      names.forEach(function (name) {
        var kept = data.getAll(name).filter(function (value) { return value !== ""; });
        data.delete(name);
        kept.forEach(function (value) { data.append(name, value); });
      });
    });
  });
})();
