// @ts-check
// The live preview, added by `kennis serve` to every page it serves and never part of a built site.
// It listens to the server's build events: a page older than the latest successful build reloads
// (keeping its scroll position for this tab), and while a build fails an overlay shows the errors as
// the terminal shows them. EventSource reconnects by itself when the server restarts.
"use strict";

(() => {
  const SCROLL_KEY = `kennis-live-scroll:${location.pathname}`;
  const STRINGS = {
    nl: {
      title: "De site kon niet worden gebouwd",
      explanation:
        "Herstel de fout en sla het bestand op: deze pagina laadt opnieuw zodra de site weer gebouwd is. Esc verbergt deze melding.",
      hide: "Verbergen",
    },
    en: {
      title: "The site could not be built",
      explanation:
        "Fix the error and save the file: this page reloads as soon as the site builds again. Esc hides this message.",
      hide: "Hide",
    },
  };
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.dataset.events) {
    return;
  }
  const eventsUrl = script.dataset.events;
  const pageBuild = script.dataset.build;
  /** @type {HTMLDialogElement | null} */
  let overlay = null;

  const strings = () => (document.documentElement.lang.toLowerCase().startsWith("en") ? STRINGS.en : STRINGS.nl);

  /** This tab's storage, or null where the browser refuses it (storage turned off). */
  const storage = () => {
    try {
      return window.sessionStorage;
    } catch (error) {
      console.warn("kennis serve: the scroll position cannot be kept", error);
      return null;
    }
  };

  const reload = () => {
    try {
      const saved = storage();
      if (saved) {
        saved.setItem(SCROLL_KEY, `${window.scrollX},${window.scrollY}`);
      }
    } finally {
      location.reload();
    }
  };

  const restoreScroll = () => {
    const saved = storage();
    const position = saved ? saved.getItem(SCROLL_KEY) : null;
    if (!saved || position === null) {
      return;
    }
    saved.removeItem(SCROLL_KEY);
    const [x, y] = position.split(",").map(Number);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      history.scrollRestoration = "manual";
      window.scrollTo(x, y);
    }
  };

  /** @returns {HTMLDialogElement} */
  const createOverlay = () => {
    const text = strings();
    const dialog = document.createElement("dialog");
    dialog.className = "kennis-live-overlay";
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", "kennis-live-title");
    dialog.setAttribute("aria-describedby", "kennis-live-explanation");
    dialog.tabIndex = -1;
    const title = document.createElement("h2");
    title.id = "kennis-live-title";
    title.textContent = text.title;
    const explanation = document.createElement("p");
    explanation.id = "kennis-live-explanation";
    explanation.textContent = text.explanation;
    const errors = document.createElement("pre");
    errors.className = "kennis-live-errors";
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = text.hide;
    hide.addEventListener("click", () => dialog.close());
    dialog.append(title, explanation, errors, hide);
    document.body.append(dialog);
    return dialog;
  };

  /** @param {string} errors */
  const showErrors = (errors) => {
    overlay = overlay || createOverlay();
    const pre = overlay.querySelector(".kennis-live-errors");
    if (pre) {
      pre.textContent = errors;
    }
    if (!overlay.open) {
      // Modal: Escape closes it, and focus returns to where the reader was.
      overlay.showModal();
    }
    overlay.focus();
  };

  const events = new EventSource(eventsUrl);
  events.addEventListener("build", (event) => {
    if (event.data !== pageBuild) {
      reload();
    }
  });
  // A lost connection fires a plain `error` Event as well; only the server's messages carry data.
  events.addEventListener("error", (event) => {
    if (event instanceof MessageEvent && typeof event.data === "string") {
      const errors = JSON.parse(event.data);
      if (typeof errors === "string") {
        showErrors(errors);
      }
    }
  });

  if (document.readyState === "complete") {
    restoreScroll();
  } else {
    window.addEventListener("load", restoreScroll);
  }
})();
