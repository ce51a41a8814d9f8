// The dashboard's filters (reports/dashboard.html): without this script the reader picks the filters and
// presses the button; with it, the form is submitted as soon as a filter changes (the hint above the
// filters says so), and after the new page loads the focus is back on the filter the reader changed.
(function () {
  "use strict";
  var form = document.querySelector("[data-dashboard-form]");
  if (!form) {
    return;
  }
  var KEY = "dashboard-filter-focus";
  var hint = form.querySelector("[data-dashboard-hint]");
  if (hint) {
    hint.hidden = false;
  }
  var selects = form.querySelectorAll("[data-dashboard-filter]");
  var i;
  for (i = 0; i < selects.length; i += 1) {
    if (hint) {
      var described = selects[i].getAttribute("aria-describedby");
      selects[i].setAttribute("aria-describedby", described ? described + " " + hint.id : hint.id);
    }
    selects[i].addEventListener("change", function (event) {
      try {
        window.sessionStorage.setItem(KEY, event.target.name);
      } catch (e) {
        // Storage may be off; the form still submits.
      }
      form.submit();
    });
  }
  var wanted = null;
  try {
    wanted = window.sessionStorage.getItem(KEY);
    window.sessionStorage.removeItem(KEY);
  } catch (e) {
    wanted = null;
  }
  if (wanted && !document.getElementById("error-summary")) {
    var field = form.querySelector('[name="' + wanted.replace(/[^a-z_]/g, "") + '"]');
    if (field) {
      field.focus();
    }
  }
})();
