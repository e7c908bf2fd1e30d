// The ballot on a phone: at most k approvals. Without this script the server says the same
// when the form is sent with too many; with it, the other boxes are disabled at k.
(function () {
  "use strict";
  var form = document.getElementById("ballot-form");
  if (!form) return;
  var max = parseInt(form.getAttribute("data-max"), 10) || 0;
  var count = document.getElementById("ballot-count");
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="choice"]'));

  function update() {
    var chosen = boxes.filter(function (box) { return box.checked; }).length;
    var full = max > 0 && chosen >= max;
    boxes.forEach(function (box) { box.disabled = full && !box.checked; });
    if (count) {
      count.textContent = chosen + " / " + max + " " + form.getAttribute("data-label-count") +
        (full ? ". " + form.getAttribute("data-label-full") : "");
    }
  }

  boxes.forEach(function (box) { box.addEventListener("change", update); });
  // One click is enough: a second tap while the answer is on its way would answer "already voted".
  form.addEventListener("submit", function () {
    var button = form.querySelector('button[type="submit"]');
    if (button) window.setTimeout(function () { button.disabled = true; }, 0);
  });
  update();
})();
