// Mg Coach: small progressive enhancements. Every page works without this script.
"use strict";
(function () {
  const meta = document.querySelector('meta[name="csrf-token"]');
  window.mgcoach = { csrf: meta ? meta.content : "" };
  // Move focus to the first invalid field after a failed form post.
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) invalid.focus();
})();
