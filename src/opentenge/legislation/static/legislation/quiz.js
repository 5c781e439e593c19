// "Lobbying or bribery?": without JavaScript each scenario shows its answer in <details>;
// with it, the reader chooses first, then sees whether they were right and the explanation.
(function () {
  "use strict";
  var texts = document.querySelector(".quiz-texts");
  if (!texts) { return; }
  document.querySelectorAll(".scenario").forEach(function (item) {
    var choices = item.querySelector(".choices");
    var verdict = item.querySelector(".verdict");
    var details = item.querySelector("details.explanation");
    choices.hidden = false;
    details.hidden = true;
    choices.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-choice]");
      if (!button) { return; }
      var right = button.getAttribute("data-choice") === item.getAttribute("data-answer");
      choices.querySelectorAll("button").forEach(function (b) {
        b.disabled = true;
        b.classList.toggle("chosen", b === button);
      });
      item.classList.add(right ? "right" : "wrong");
      verdict.textContent = texts.getAttribute(right ? "data-right" : "data-wrong");
      verdict.hidden = false;
      details.hidden = false;
      details.open = true;
    });
  });
})();
