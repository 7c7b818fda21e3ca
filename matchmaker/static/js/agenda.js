// The agenda's "Print" button: shown only when JavaScript runs (the browser's own Print works without it).
(function () {
  var button = document.getElementById('print-agenda');
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
}());

// "Copy link" beside the calendar address: shown only when the clipboard can be written (the address stays visible).
(function () {
  var button = document.getElementById('copy-ical-url');
  var address = document.getElementById('ical-url');
  if (!button || !address || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(address.textContent.trim()).then(function () {
      button.textContent = button.getAttribute('data-copied');
    });
  });
}());
