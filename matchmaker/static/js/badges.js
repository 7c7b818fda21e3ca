// The badge sheet's "Print the badges" button: shown only when JavaScript runs (the browser's own Print works without it).
(function () {
  var button = document.getElementById('print-badges');
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
}());
