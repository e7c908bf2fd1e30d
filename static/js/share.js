/* The share buttons (templates/includes/share_control.html) and the team's "copy text" buttons
 * (templates/publishing/to_post.html).
 *
 * Without this script the links to LinkedIn, Facebook and an e-mail work as they are, and the
 * team selects a post's text by hand. With it, a "copy link" button (the Clipboard API) and,
 * where the browser has one (phones), a button for the device's own share sheet (the Web Share
 * API) join the links; each post's text gets a "copy text" button. Nothing loads from elsewhere.
 */
(function () {
  "use strict";

  function button(label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button button--secondary button--small";
    element.textContent = label;
    return element;
  }

  function setUp(control) {
    if (control.getAttribute("data-share-ready")) {
      return;
    }
    control.setAttribute("data-share-ready", "1");
    var url = control.getAttribute("data-share-url");
    var title = control.getAttribute("data-share-title");
    var group = control.querySelector("[data-share-buttons]");
    var status = control.querySelector("[data-share-status]");

    if (navigator.share) {
      var native = button(control.getAttribute("data-native-label"));
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {
          /* closed without sharing: nothing to say */
        });
      });
      group.insertBefore(native, group.firstChild);
    }

    if (navigator.clipboard && window.isSecureContext) {
      var copy = button(control.getAttribute("data-copy-label"));
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () {
            status.textContent = control.getAttribute("data-copied-label");
          },
          function () {
            status.textContent = control.getAttribute("data-copy-failed-label");
          }
        );
      });
      group.appendChild(copy);
    }
  }

  function copyText(group) {
    var source = document.getElementById(group.getAttribute("data-copy-for"));
    var status = group.parentNode.querySelector("[data-copy-status]");
    if (!source || !navigator.clipboard || !window.isSecureContext) {
      return;
    }
    var copy = button(group.getAttribute("data-copy-label"));
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(
        function () {
          status.textContent = group.getAttribute("data-copied-label");
        },
        function () {
          source.select();
          status.textContent = group.getAttribute("data-copy-failed-label");
        }
      );
    });
    group.insertBefore(copy, group.firstChild);
  }

  var controls = document.querySelectorAll("[data-share]");
  for (var i = 0; i < controls.length; i++) {
    setUp(controls[i]);
  }
  var groups = document.querySelectorAll("[data-copy-buttons]");
  for (var j = 0; j < groups.length; j++) {
    copyText(groups[j]);
  }
})();
