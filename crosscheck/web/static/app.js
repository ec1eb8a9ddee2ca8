// crosscheck serve: the keyboard and the decision form. Plain JavaScript, no library.
// Article text never passes through here: the server renders it escaped, and this
// script writes only textContent.
"use strict";

(function () {
  const page = document.body.dataset.page;
  const help = document.getElementById("help");

  function toggleHelp() { if (help) help.hidden = !help.hidden; }

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT");
  }

  function go(id) {
    const link = document.getElementById(id);
    if (link) window.location.assign(link.href);
  }

  // ------------------------------------------------------------ queue
  const rows = Array.from(document.querySelectorAll("#queue-table tr[data-id]"));
  let selected = 0;

  function select(n) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, n));
    rows.forEach((row, i) => row.classList.toggle("selected", i === selected));
    rows[selected].scrollIntoView({ block: "nearest" });
  }

  // ------------------------------------------------------------ finding
  const form = document.getElementById("decide");
  const message = document.getElementById("message");
  let saving = false;

  function say(text, isError) {
    if (!message) return;
    message.textContent = text;
    message.classList.toggle("error", Boolean(isError));
  }

  async function decide(status) {
    if (!form || saving) return;
    saving = true;
    const right = status === "confirmed" ? (form.querySelector("input[name=right]:checked") || {}).value || "" : "";
    const body = { status: status, note: document.getElementById("note").value, right: right, etag: form.dataset.etag };
    say("saving…");
    try {
      const response = await fetch(form.dataset.api, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = await response.json();
      if (!response.ok) {
        say(data.error || ("error " + response.status), true);
        saving = false;
        return;
      }
      say("saved: " + data.decision.status);
      window.location.assign(data.next ? "/finding/" + encodeURIComponent(data.next) : "/");
    } catch (err) {
      say("not saved: " + err, true);
      saving = false;
    }
  }

  function pickSource(n) {
    if (!form) return;
    const input = n === 0 ? form.querySelector("input[name=right][value='']")
                          : form.querySelector("input[name=right][data-key='" + n + "']");
    if (input) input.checked = true;
  }

  if (form) {
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelectorAll("button[data-status]").forEach((button) => {
      button.addEventListener("click", () => decide(button.dataset.status));
    });
  }
  const showHelp = document.getElementById("show-help");
  if (showHelp) showHelp.addEventListener("click", (event) => { event.preventDefault(); toggleHelp(); });

  // ------------------------------------------------------------ keys
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const key = event.key;
    if (key === "?") { toggleHelp(); event.preventDefault(); return; }
    if (key === "Escape" && help && !help.hidden) { help.hidden = true; return; }
    if (page === "queue") {
      if (key === "j") select(selected + 1);
      else if (key === "k") select(selected - 1);
      else if ((key === "Enter" || key === "o") && rows.length) window.location.assign(rows[selected].dataset.href);
      else return;
      event.preventDefault();
      return;
    }
    if (page === "finding") {
      if (key === "j") go("next");
      else if (key === "k") go("prev");
      else if (key === "c") decide("confirmed");
      else if (key === "d") decide("dismissed");
      else if (key === "f") decide("deferred");
      else if (key === "n") document.getElementById("note").focus();
      else if (key === "a") { const a = document.querySelector(".article-link"); if (a) window.location.assign(a.href); }
      else if (/^[0-9]$/.test(key)) pickSource(Number(key));
      else return;
      event.preventDefault();
    }
  });

  if (page === "queue") {
    const firstOpen = rows.findIndex((row) => /state-row-(open|changed)/.test(row.className));
    select(firstOpen < 0 ? 0 : firstOpen);
  }
})();
