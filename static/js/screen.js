// The big screen: the turnout every 2-3 s (with jitter, so a room of screens and phones does not
// poll in step; the server caches it for a second). When the poll changes state (the team
// opens or closes it) the page reloads and the server shows what comes next: the result.
(function () {
  "use strict";
  var screen = document.getElementById("screen");
  if (!screen) return;
  var state = screen.getAttribute("data-state");
  var url = screen.getAttribute("data-turnout-url");
  var voters = document.getElementById("screen-voters");
  var attendees = document.getElementById("screen-attendees");

  function next(delay) {
    window.setTimeout(url ? poll : function () { window.location.reload(); }, delay);
  }

  function jitter(base) { return base + Math.floor(Math.random() * 1000); }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.state !== state && state !== "closed") {
          window.location.reload();
          return;
        }
        if (data && voters) voters.textContent = data.voters;
        if (data && attendees && data.electorate_people !== null) {
          attendees.textContent = data.electorate_people;
        }
        if (state === "open") next(jitter(2000));
      })
      .catch(function () { next(jitter(3000)); });
  }

  // Before the vote starts there is no poll to follow: look again every few seconds.
  if (state === "none") next(jitter(4000));
  else if (state === "open") next(jitter(2000));
})();
