// The job page follows its work (templates/jobs/job_detail.html): every 2 s it asks status.json and
// updates the live region, only what changed, so a screen reader hears each change once. It stops
// when the job is done or failed. Without this script the page's "Refresh" link does the same.
(function () {
  "use strict";
  var region = document.getElementById("job-status");
  if (!region || region.getAttribute("data-finished") === "true" || !window.fetch) {
    return;
  }
  var url = region.getAttribute("data-status-url");
  var progress = region.querySelector("progress");

  function field(name) {
    return region.querySelector('[data-job-field="' + name + '"]');
  }

  function setText(name, value) {
    var node = field(name);
    if (node && node.textContent !== String(value)) {
      node.textContent = value;
    }
  }

  function show(status) {
    setText("state_label", status.state_label);
    setText("percent", status.percent);
    setText("message", status.message);
    if (progress) {
      progress.value = status.percent;
      progress.textContent = status.percent + "%";
    }
    if (status.result_url) {
      field("result_url").setAttribute("href", status.result_url);
      region.querySelector("[data-job-result]").hidden = false;
    }
    if (status.finished) {
      var refresh = document.querySelector("[data-job-refresh]");
      if (refresh) {
        refresh.hidden = true;
      }
    }
  }

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (!status.finished) {
          window.setTimeout(ask, 2000);
        }
      })
      .catch(function () {
        // A lost answer (a signed-out session, the network): stop asking; the Refresh link is still there.
      });
  }

  window.setTimeout(ask, 2000);
})();
