/* The door page: check-in without reloading the page, and QR scanning with the phone's camera.
 *
 * Without this script the page still works: every form posts and the server redirects back with
 * the answer. With it, the same forms are posted with fetch() and `Accept: application/json`; the
 * server answers with the answer's HTML (rendered by the same template) and the counters.
 *
 * Scanning uses the browser's BarcodeDetector where it reads QR codes (Chrome on Android), and
 * otherwise jsQR (static/vendor/jsqr, loaded only then). The camera needs a secure context:
 * HTTPS, or http://localhost.
 */
(function () {
  "use strict";

  var region = document.getElementById("door-answer");
  var ticketForm = document.getElementById("door-ticket-form");
  if (!region || !ticketForm) {
    return;
  }
  var ticketInput = ticketForm.querySelector("input[name=ticket_code]");
  var scan = document.getElementById("door-scan");
  var statusLine = document.getElementById("door-scan-status");

  function setText(id, value) {
    var element = document.getElementById(id);
    if (element && value !== undefined) {
      element.textContent = String(value);
    }
  }

  function feel(ok) {
    if (navigator.vibrate) {
      navigator.vibrate(ok ? 120 : [250, 120, 250]);
    }
  }

  function markRowCheckedIn(form) {
    var list = form.closest(".door-results");
    var badge = document.createElement("span");
    badge.className = "badge badge--success";
    badge.textContent = list ? list.getAttribute("data-checked-in-label") : "";
    form.replaceWith(badge);
  }

  function show(answer, form) {
    region.innerHTML = answer.html;
    setText("door-checked-in", answer.counts && answer.counts.checked_in);
    setText("door-registered", answer.counts && answer.counts.registered);
    feel(answer.ok);
    if (form && form.hasAttribute("data-door-row")) {
      if (answer.ok || answer.code === "already_checked_in") {
        markRowCheckedIn(form);
      }
      // Back up to the counters and the answer, away from the list.
      (document.querySelector(".door-counts") || region).scrollIntoView({ block: "start" });
      region.focus({ preventScroll: true });
    }
  }

  function post(form) {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
    }
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        show(answer, form);
        if (form === ticketForm) {
          ticketInput.value = "";
        }
      })
      .finally(function () {
        if (button && button.isConnected) {
          button.disabled = false;
        }
      });
  }

  document.querySelectorAll("form[data-door-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      post(form).catch(function () {
        // No connection, or the session ended: let the browser post the form itself.
        form.submit();
      });
    });
  });

  // --- Scanning with the camera ---------------------------------------------------------------

  var toggle = document.getElementById("door-scan-toggle");
  var frame = document.getElementById("door-scan-frame");
  var video = document.getElementById("door-video");
  var canCamera =
    window.isSecureContext && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  if (!scan || !toggle || !frame || !video || !canCamera) {
    return;
  }
  toggle.hidden = false;

  var stream = null;
  var timer = null;
  var decode = null;
  var busy = false;
  var last = { code: "", at: 0 };
  var canvas = document.createElement("canvas");
  var context2d = canvas.getContext("2d", { willReadFrequently: true });

  function label(name) {
    return scan.getAttribute("data-label-" + name) || "";
  }

  function loadJsQR() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) {
        resolve(window.jsQR);
        return;
      }
      var script = document.createElement("script");
      script.src = scan.getAttribute("data-jsqr-src");
      script.onload = function () {
        resolve(window.jsQR);
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function chooseDecoder() {
    var viaJsQR = function () {
      return loadJsQR().then(function (jsQR) {
        return function () {
          var width = video.videoWidth;
          var height = video.videoHeight;
          if (!width || !height) {
            return Promise.resolve("");
          }
          canvas.width = width;
          canvas.height = height;
          context2d.drawImage(video, 0, 0, width, height);
          var image = context2d.getImageData(0, 0, width, height);
          var found = jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
          return Promise.resolve(found ? found.data : "");
        };
      });
    };
    if (!("BarcodeDetector" in window)) {
      return viaJsQR();
    }
    return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) {
        return viaJsQR();
      }
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return function () {
        return detector.detect(video).then(function (codes) {
          return codes.length ? codes[0].rawValue : "";
        });
      };
    }, viaJsQR);
  }

  function found(code) {
    var now = Date.now();
    // The same QR stays in front of the camera for a while: one check-in per 4 seconds.
    if (!code || (code === last.code && now - last.at < 4000)) {
      return Promise.resolve();
    }
    last = { code: code, at: now };
    ticketInput.value = code;
    return post(ticketForm).catch(function () {
      statusLine.textContent = label("network");
    });
  }

  function tick() {
    if (!stream) {
      return;
    }
    if (!busy && video.readyState >= 2) {
      busy = true;
      decode()
        .then(found)
        .catch(function () {})
        .finally(function () {
          busy = false;
        });
    }
    timer = window.setTimeout(tick, 150);
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    window.clearTimeout(timer);
    video.srcObject = null;
    frame.hidden = true;
    toggle.textContent = label("start");
    statusLine.textContent = "";
  }

  function start() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        frame.hidden = false;
        toggle.textContent = label("stop");
        statusLine.textContent = label("scanning");
        return video.play();
      })
      .then(function () {
        return decode || chooseDecoder();
      })
      .then(function (decoder) {
        decode = decoder;
        tick();
      })
      .catch(function () {
        stop();
        statusLine.textContent = label("no-camera");
      });
  }

  toggle.addEventListener("click", function () {
    if (stream) {
      stop();
    } else {
      start();
    }
  });
  window.addEventListener("pagehide", stop);
})();
