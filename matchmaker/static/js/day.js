// "My day": reload once a minute while the page is in view and the phone is online, so the current and next
// meeting and the partners' arrival stay up to date; coming back to the page after a minute or more reloads it
// at once. Without JavaScript a <noscript> meta refresh does the same every minute.
(function () {
  var PERIOD = 60 * 1000;
  var loaded = Date.now();
  function due() {
    if (document.visibilityState === 'visible' && navigator.onLine !== false && Date.now() - loaded >= PERIOD) {
      window.location.reload();
    }
  }
  window.setInterval(due, 5 * 1000);
  document.addEventListener('visibilitychange', due);
}());
