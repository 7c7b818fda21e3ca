/* Forms marked data-warn-unsaved keep what the user typed.
   - Leaving the page after typing (a link, closing the tab) asks first; submitting the form itself does not (with
     another form of the page holding typing, see the submit listener below).
   - A form the server sent back refused (data-warn-unsaved="refused": a message too long or over the rate limit, a
     declined note without a reason, a follow-up answer, a profile with errors) counts as typed from the start: what
     it holds is not saved.
   - The language switch reloads the same page: instead of asking, it carries the typed values across (in this tab's
     sessionStorage, read back and deleted by the very next page, never sent to the server), with the ids of the
     parts the server marked refused (data-refused): the next page marks them again with the form's data-not-saved
     text, in its language (a form without that text: no mark), and the form stays "refused" (nothing in it is
     saved); a form with data-not-saved-summary (the profile and every form of _macros.render_form, whose refused
     fields carry data-refused) also gets that line at its top, the only one that alerts, with a link to the first
     refused field in sight once every deferred script has run (profile-kind.js shows the restored kind's groups). */
(function () {
  var PREFIX = "matchmaker-draft:";
  var watched = Array.prototype.slice.call(document.querySelectorAll("form[data-warn-unsaved]"));
  var carried = false;

  function isDirty(form) { return form.dataset.dirty === "1"; }

  function keyOf(form) {  /* the form's address (the same before and after the switch) and its id, else the name of
                             its first field (the event's settings and slot grid post to the same address: without
                             it they shared one draft, and one's values were lost); attributes, as a field named
                             "action" or "id" hides the form's own properties */
    var action = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    var first = Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token";
    })[0];
    return PREFIX + action.pathname + action.search + "#" + (form.getAttribute("id") || (first ? first.name : ""));
  }

  function fields(form) {  /* what the user can change, and the profile's version (its conflict check) */
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && !el.disabled &&
        ["submit", "button", "reset", "file", "image"].indexOf(el.type) < 0;
    });
  }

  function save(form) {
    var values = fields(form).map(function (el) {
      if (el.type === "checkbox" || el.type === "radio") return [el.name, el.value, el.checked];
      if (el.type === "select-multiple") {
        return [el.name, Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; })];
      }
      return [el.name, el.value];
    });
    var refused = Array.prototype.map.call(form.querySelectorAll("[data-refused][id]"), function (el) {
      return el.id;
    });
    sessionStorage.setItem(keyOf(form), JSON.stringify({ values: values, refused: refused }));
  }

  function markRefused(form, ids) {  /* the parts refused before the switch: "not saved", in this page's language */
    ids.forEach(function (id) {
      var part = document.getElementById(id);
      if (!part || !form.contains(part) || part.hasAttribute("data-refused")) return;
      part.setAttribute("data-refused", "");
      if (form.dataset.notSaved) {
        var line = document.createElement("p");
        line.className = "errors carried-refusal";
        line.id = id + "-carried";
        if (!form.dataset.notSavedSummary) line.setAttribute("role", "alert");  /* else the summary alone alerts */
        line.textContent = form.dataset.notSaved;
        part.insertBefore(line, part.querySelector("[data-refusal-here]"));
        if (part.classList.contains("field")) {  /* a form field: its red frame, and its inputs described by it */
          part.classList.add("has-error");
          part.querySelectorAll("input, select, textarea, fieldset").forEach(function (el) {
            el.setAttribute("aria-invalid", "true");
            var by = el.getAttribute("aria-describedby");
            el.setAttribute("aria-describedby", (by ? by + " " : "") + line.id);
          });
        }
      }
    });
    if (ids.length) form.dataset.warnUnsaved = "refused";
  }

  function summarise(form) {  /* the top message the server had flashed, in this page's language, with a link to
                                 the first refused part in sight: called once every deferred script has run (the
                                 profile's kind, restored, has shown its groups) */
    var refused = form.querySelectorAll("[data-refused][id]");
    if (!refused.length || !form.dataset.notSavedSummary) return;
    var top = document.createElement("p");
    top.className = "errors carried-refusal carried-summary";
    top.setAttribute("role", "alert");
    top.textContent = form.dataset.notSavedSummary;
    var first = Array.prototype.filter.call(refused, function (part) { return !part.closest("[hidden]"); })[0];
    var target = first && (first.querySelector("input[id]:not([type=hidden]), select[id], textarea[id]") || first);
    if (target) {
      var link = document.createElement("a");
      link.href = "#" + target.id;
      link.textContent = form.dataset.notSavedFirst || target.id;
      top.appendChild(document.createTextNode(" "));
      top.appendChild(link);
    }
    form.insertBefore(top, form.firstChild);
  }

  function restore(form, kept) {
    var values = Array.isArray(kept) ? kept : kept.values;
    var refused = Array.isArray(kept) ? [] : kept.refused || [];  /* an older draft: its values only */
    markRefused(form, refused);
    var els = fields(form);
    var seen = {};
    values.forEach(function (entry) {
      var name = entry[0];
      var nth = seen[name] = (seen[name] || 0) + 1;  /* the n-th field of that name, as when it was saved */
      var el = els.filter(function (e) { return e.name === name; })[nth - 1];
      if (!el) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.value !== entry[1] || el.checked === entry[2]) return;
        el.checked = entry[2];
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = entry[1].indexOf(o.value) >= 0; });
      } else if (el.value !== entry[1]) {
        el.value = entry[1];
      } else {
        return;
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));  /* e.g. the profile's kind shows its fields */
    });
    if (refused.length) {
      if (document.readyState === "complete") summarise(form);
      else document.addEventListener("DOMContentLoaded", function () { summarise(form); });
    }
    form.dataset.dirty = "1";
    var details = form.closest("details");  /* a decline's form folded in its disclosure: show what came back */
    if (details) details.open = true;
  }

  watched.forEach(function (form) {
    form.dataset.dirty = form.dataset.warnUnsaved === "refused" ? "1" : "0";
    var mark = function () { form.dataset.dirty = "1"; };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
  });

  try {  /* the typed values carried by the language switch: back into their forms, then forgotten */
    watched.forEach(function (form) {
      var kept = sessionStorage.getItem(keyOf(form));
      if (kept) restore(form, JSON.parse(kept));
    });
    Object.keys(sessionStorage).forEach(function (key) {
      if (key.indexOf(PREFIX) === 0) sessionStorage.removeItem(key);
    });
  } catch (e) { /* no sessionStorage (blocked): the switch asks instead */ }

  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches(".lang-switch")) return;
    try {
      watched.filter(isDirty).forEach(function (form) {  /* data-not-carried (the account's language): the switch
                                                             itself is the answer, nothing to carry or ask */
        if (!("notCarried" in form.dataset)) save(form);
      });
      carried = true;
    } catch (e) { carried = false; }  /* storage full or blocked: leaving asks, as for any link */
  });

  /* Sending a watched form is not leaving it. Another form of the page holding typing (whichever form is sent, a
     search or the log-out too): when the form posts to this page's own address, whose answer is this page again (the
     event's settings and its slot grid), that typing is carried across as for the language switch and comes back,
     still unsaved; otherwise the page asks first, in its own words (<body data-unsaved-elsewhere>), instead of the
     browser's bare "leave the page?", and "no" sends nothing. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.matches && form.matches(".lang-switch"))) return;  /* that one: above */
    var others = watched.filter(function (other) { return other !== form && isDirty(other); });
    var by = event.submitter || form;  /* a button's formaction / formmethod come first */
    var action = by.getAttribute("formaction") || form.getAttribute("action") || window.location.href;
    var method = by.getAttribute("formmethod") || form.getAttribute("method") || "";
    var target = new URL(action, window.location.href);
    var here = method.toLowerCase() === "post" &&  /* a search (GET) replaces the query */
      target.pathname + target.search === window.location.pathname + window.location.search;
    if (others.length && here && !others.some(function (other) { return "notCarried" in other.dataset; })) {
      try {
        others.forEach(save);
        carried = true;
      } catch (e) { carried = false; }  /* storage full or blocked: ask below */
    }
    if (others.length && !carried) {
      if (!window.confirm(document.body.dataset.unsavedElsewhere)) {
        event.preventDefault();  /* stay, everything as it was */
        return;
      }
      carried = true;  /* the answer was yes: no second question */
    }
    if (watched.indexOf(form) >= 0) form.dataset.dirty = "0";
  });

  window.addEventListener("beforeunload", function (event) {
    if (carried || !watched.some(isDirty)) return;
    event.preventDefault();
    event.returnValue = "";  /* the browser shows its own "leave the page?" question */
  });
})();
