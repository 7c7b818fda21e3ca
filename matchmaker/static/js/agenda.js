// The agenda's "Print" button: shown only when JavaScript runs (the browser's own Print works without it).
(function () {
  var button = document.getElementById('print-agenda');
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
}());
