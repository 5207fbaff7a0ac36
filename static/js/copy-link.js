// The share box's "Copy link" button. Without this script the page shows the plain link to copy by hand.
(function () {
  "use strict";

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (link) {
      if (!navigator.clipboard) {
        return;
      }
      var status = link.parentNode.querySelector("[data-copy-status]");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy link";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(link.href).then(
          function () {
            if (status) {
              status.textContent = "Link copied.";
            }
          },
          function () {
            if (status) {
              status.textContent = "Couldn't copy: the link is beside the button.";
            }
          }
        );
      });
      link.parentNode.insertBefore(button, link);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
