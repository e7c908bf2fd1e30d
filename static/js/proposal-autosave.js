/* The proposal editor saves itself: a few seconds after the last change, and when a field loses
 * focus. It posts the same form with fetch() and `Accept: application/json`; the server answers
 * with a message and the eligibility panel (rendered by the same template), which replaces the
 * panel here. Without this script the Save button does the same with a full page load.
 */
(function () {
  "use strict";

  var form = document.getElementById("proposal-form");
  var panel = document.getElementById("eligibility-panel");
  var status = document.getElementById("autosave-status");
  if (!form || !panel || !window.fetch) {
    return;
  }
  var DELAY_MS = 3000;
  var timer = null;
  var dirty = false;
  var saving = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save() {
    window.clearTimeout(timer);
    if (!dirty || saving) {
      return;
    }
    dirty = false;
    saving = true;
    fetch(form.getAttribute("data-autosave-url"), {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (answer.panel) {
          panel.innerHTML = answer.panel;
        }
        say(answer.message || "");
      })
      .catch(function () {
        dirty = true;
        say(form.getAttribute("data-offline-message") || "");
      })
      .then(function () {
        saving = false;
        if (dirty) {
          schedule();
        }
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY_MS);
  }

  function changed() {
    dirty = true;
    schedule();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("focusout", function () {
    if (dirty) {
      save();
    }
  });
  window.addEventListener("beforeunload", function () {
    if (dirty) {
      save();
    }
  });
})();
