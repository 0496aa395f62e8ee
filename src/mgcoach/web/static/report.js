// The report's Print button: shown only where the script runs (the browser's own print works
// without it), and it opens the print dialog, which uses report.css's print stylesheet.
"use strict";
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
