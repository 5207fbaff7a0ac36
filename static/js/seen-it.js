// "Seen it" marks on a list's entries, kept only in this browser (localStorage): no account, and
// nothing is sent anywhere. A film marked seen is seen on every list. Without this script the
// buttons and the progress line stay hidden and the page reads the same.
(function () {
  "use strict";

  var KEY = "film-magazine:seen-films";

  function load() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return null; // storage blocked (private mode, cookies off): offer no marks at all
    }
  }

  function save(films) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(films));
      return true;
    } catch (error) {
      return false;
    }
  }

  function start() {
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-seen-film]"));
    var progress = document.querySelector("[data-seen-progress]");
    var seen = load();
    if (!buttons.length || seen === null) {
      return;
    }

    function show() {
      var count = 0;
      buttons.forEach(function (button) {
        var isSeen = seen.indexOf(button.dataset.seenFilm) !== -1;
        count += isSeen ? 1 : 0;
        button.setAttribute("aria-pressed", isSeen ? "true" : "false");
        button.textContent = isSeen ? "Seen it ✓" : "Seen it";
        button.closest("li").classList.toggle("is-seen", isSeen);
      });
      if (progress) {
        progress.textContent = count + " of " + buttons.length + " seen";
      }
    }

    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var film = button.dataset.seenFilm;
        var at = seen.indexOf(film);
        if (at === -1) {
          seen.push(film);
        } else {
          seen.splice(at, 1);
        }
        save(seen);
        show();
      });
    });
    if (progress) {
      progress.hidden = false;
    }
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
