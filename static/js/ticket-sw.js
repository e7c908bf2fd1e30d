// The ticket's service worker: the network first (the status may change), the saved copy when
// there is no network. Served from the tickets' own path so its scope covers every ticket page.
"use strict";

var CACHE = "som-tickets-v1";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names.filter(function (name) {
          return name.indexOf("som-tickets-") === 0 && name !== CACHE;
        }).map(function (name) {
          return caches.delete(name);
        })
      );
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (response) {
      if (!response) return Response.error();
      var headers = new Headers(response.headers);
      headers.set("X-SOM-Offline", "1");
      return response.blob().then(function (body) {
        return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok && new URL(request.url).origin === self.location.origin) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            cache.put(request, copy);
          });
        }
        return response;
      })
      .catch(function () {
        return fromCache(request);
      })
  );
});
