// Our few enhancements; the pages work without them. No inline scripts (strict CSP).
(function () {
  "use strict";
  // A form that comes back with errors starts at its summary (partials/form_errors.html).
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
