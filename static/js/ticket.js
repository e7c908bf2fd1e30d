// The ticket page: register the service worker that keeps the ticket readable offline, and save
// this page and its style sheets in the cache right away (the worker does not see the first load).
(function () {
  "use strict";
  var script = document.currentScript;
  var CACHE = "som-tickets-v1";

  if (!navigator.onLine) {
    var offline = document.getElementById("ticket-offline");
    if (offline) offline.hidden = false;
  }
  if (!("serviceWorker" in navigator) || !("caches" in window) || !script) return;

  function assets() {
    var urls = [window.location.href];
    document.querySelectorAll('link[rel="stylesheet"], link[rel="icon"], img[src], script[src]').forEach(function (element) {
      urls.push(element.href || element.src);
    });
    return urls;
  }

  navigator.serviceWorker
    .register(script.dataset.serviceWorker)
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function () {
      return caches.open(CACHE);
    })
    .then(function (cache) {
      return cache.addAll(assets());
    })
    .then(function () {
      var saved = document.getElementById("ticket-saved");
      if (saved) saved.hidden = false;
      document.documentElement.dataset.ticketSaved = "true";
    })
    .catch(function () {
      // No worker or no cache (private window, old browser): the page simply needs the network.
    });
})();
