// A story's video (templates/publishing/blocks/video.html): nothing comes from YouTube or Vimeo
// until the reader clicks. The plain link to the video becomes a button; the click puts the
// host's player (without cookies) in its place. Loaded once per video block: runs once.
(function () {
  "use strict";
  if (window.somVideo) return;
  window.somVideo = true;

  function play(frame) {
    var address = frame.getAttribute("data-video-embed");
    var iframe = document.createElement("iframe");
    iframe.src = address + (address.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
    iframe.title = frame.getAttribute("data-video-title") || "";
    iframe.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
    iframe.setAttribute("allowfullscreen", "");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    iframe.className = "video-block__player";
    frame.replaceChildren(iframe);
    iframe.focus();
  }

  function prepare(frame) {
    var link = frame.querySelector(".video-block__play");
    if (!link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.addEventListener("click", function () { play(frame); });
    link.replaceWith(button);
  }

  function start() {
    document.querySelectorAll("[data-video-embed]").forEach(prepare);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
