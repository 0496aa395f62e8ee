// Mg Coach: small progressive enhancements. Every page works without this script.
"use strict";
(function () {
  const meta = document.querySelector('meta[name="csrf-token"]');
  window.mgcoach = { csrf: meta ? meta.content : "" };
  // Move focus to the first invalid field after a failed form post, or to the error summary
  // when the error is about no field shown (the day of a log form).
  const invalid =
    document.querySelector('[aria-invalid="true"]') || document.querySelector(".error-summary");
  if (invalid) invalid.focus();
})();
