/* The decision checklist: makes the server-rendered form live. The root [data-gk-checklist]
 * carries the data as JSON; scoring is scoring.js; every text comes from the data. Answers live
 * in the address (?answers=FINGERPRINT.KEYLETTER..., a 4-character hash per statement id and
 * y/n/u) and in localStorage when allowed. The result box is also the decision record: "Copy as
 * Markdown" converts it, and print shows only it. Idempotent; re-run after instant navigation.
 */
(function () {
  "use strict";
  var each = function (list, fn) { [].forEach.call(list, fn); };

  function hash(text) { /* FNV-1a in 4 base-36 characters */
    for (var h = 2166136261, i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return ("000" + (h >>> 0).toString(36)).slice(-4);
  }
  function storage(method, key, value) { /* blocked storage throws on access; it only costs persistence */
    try { return localStorage[method](key, value); } catch (error) { return null; }
  }
  function make(tag, className) {
    var node = document.createElement(tag);
    node.className = className || "";
    node.append.apply(node, [].slice.call(arguments, 2));
    return node;
  }
  function fillInto(node, template, values) { /* {name} placeholders, filled with text or nodes */
    template.split(/(\{\w+\})/).forEach(function (part) {
      var key = part.slice(1, -1);
      node.append(part[0] === "{" && key in values ? values[key] : part);
    });
    return node;
  }
  function fill(template, values) { return fillInto(make("b"), template, values).textContent; }

  function markdown(root) { /* the result box as a decision record */
    var out = [];
    function inline(node) {
      if (node.nodeType === 3) return node.nodeValue.replace(/\s+/g, " ").replace(/[\\`*_[\]<>]/g, "\\$&");
      if (node.nodeType !== 1 || node.getAttribute("aria-hidden")) return "";
      var inner = node.dataset.md || [].map.call(node.childNodes, inline).join("");
      var href = node.getAttribute("href") || "#"; /* links within the page are dropped, others kept */
      if (node.tagName === "A" && href[0] !== "#") return href === inner ? "<" + href + ">" : "[" + inner + "](" + node.href + ")";
      return node.tagName === "STRONG" ? "**" + inner + "**" : inner;
    }
    (function block(node) {
      var tag = node.tagName;
      if (node.classList.contains("gk-screen")) return;
      if (/^H/.test(tag)) out.push((tag === "H2" ? "# " : "## ") + inline(node).trim());
      else if (/^[OU]L$/.test(tag)) out.push([].map.call(node.children, function (item, index) {
        return (tag === "OL" ? index + 1 + ". " : "- ") + inline(item).trim();
      }).join("\n"));
      else if (tag === "P") out.push(inline(node).trim());
      else each(node.children, block);
    })(root);
    return out.join("\n\n") + "\n";
  }

  function init(root) {
    if (root.hasAttribute("data-gk-ready") || !window.guidekitScoring) return;
    root.setAttribute("data-gk-ready", "");
    var data = JSON.parse(root.getAttribute("data-gk-checklist")), text = data.text, scoring = window.guidekitScoring;
    var form = root.querySelector("[data-gk-form]"), box = root.querySelector("[data-gk-result]");
    var storageKey = "guidekit-checklist:" + data.guide, byKey = {}, byId = {};
    data.statements.forEach(function (s) { byKey[hash(s.id)] = byId[s.id] = s; });
    var fingerprint = hash(data.statements.map(function (s) { return s.id; }).join(" "));

    function name(id) { return data.outcomes[id].name; }
    function link(label, href) {
      var a = make("a", "", label);
      a.href = href;
      if (href[0] === "#") a.target = "_self"; /* embed pages open other links outside their frame */
      return a;
    }
    function statementLink(id, label) { return link(label || byId[id].text, "#statement-" + id); }
    function button(label, action) {
      var b = make("button", "", label);
      b.type = "button";
      b.addEventListener("click", action);
      return b;
    }

    /* ---- Answers: form <-> address and storage ---- */
    function radios(fn) { each(form.querySelectorAll("input[type=radio]"), function (input) { fn(input, input.name.slice(7)); }); }
    function readForm() {
      var answers = {};
      radios(function (input, id) { if (input.checked) answers[id] = input.value; });
      return answers;
    }
    function writeForm(answers) { radios(function (input, id) { input.checked = input.value === answers[id]; }); }
    function decode(value) {
      var parts = value.split("."), answers = {}, changed = !!value && parts[0] !== fingerprint;
      (parts[1] || "").replace(/(\w{4})([ynu])/g, function (match, key, letter) {
        if (byKey[key]) answers[byKey[key].id] = { y: "yes", n: "no", u: "unsure" }[letter];
        else changed = true;
      });
      return { answers: answers, changed: changed };
    }
    function save(answers) {
      var pairs = data.statements.map(function (s) { return answers[s.id] ? hash(s.id) + answers[s.id][0] : ""; }).join("");
      var url = new URL(location.href);
      if (pairs) url.searchParams.set("answers", fingerprint + "." + pairs);
      else url.searchParams.delete("answers");
      try { history.replaceState(history.state, "", url); } catch (error) { /* a sandbox may forbid it */ }
      storage(pairs ? "setItem" : "removeItem", storageKey, url.searchParams.get("answers"));
    }

    /* ---- What the script adds around the form ---- */
    var notice = make("p", "gk-notice", text.guide_changed), examples = make("ul");
    notice.hidden = true;
    data.scenarios.forEach(function (scenario) {
      examples.append(make("li", "", button(scenario.name, function () {
        writeForm(scenario.answers);
        update();
        say(fill(text.example_loaded, { name: scenario.name }));
      }), make("span", "gk-example-note", scenario.description)));
    });
    root.prepend(notice, make("details", "gk-examples", make("summary", "", text.examples), make("p", "", text.examples_hint), examples));
    var status = make("p", "");
    status.setAttribute("role", "status");
    form.append(make("div", "gk-status", status, link(text.see_result, "#result")));
    var feedback = make("p", "gk-feedback"), fallback = make("textarea", "gk-fallback");
    feedback.setAttribute("role", "status");
    fallback.readOnly = fallback.hidden = true;
    fallback.setAttribute("aria-label", text.copy_markdown);
    box.after(make("div", "gk-actions",
      button(text.copy_markdown, copy), " ", button(text.print, function () { print(); }), " ", button(text.clear, function () {
        writeForm({});
        update();
        say(text.cleared);
      })), feedback, fallback, make("p", "gk-storage-note", text.storage_note));
    var badge = make("p", "gk-badge", text.recommended);
    function say(message) { feedback.textContent = message; }

    /* ---- The result, which is also the decision record ---- */
    function reason(id, answer, effect) { /* with the statement's sources, from the form */
      var item = fillInto(make("span"), text.reason, { answer: make("strong", "", text.answers[answer]), statement: statementLink(id), effect: effect });
      each(form.querySelectorAll('[data-gk-statement="' + id + '"] .gk-cite a'), function (source) { item.append(" ", source.cloneNode(true)); });
      return item;
    }
    function section(heading, items, tag, className) {
      if (!items.length) return [];
      var list = make(tag || "ul", className);
      items.forEach(function (item) { list.append(make("li", "", item)); });
      return [make("h3", className, heading), list];
    }

    function update() {
      var answers = readForm(), result = scoring.score(data, answers), ok = result.status === "ok";
      var progress = fill(text.progress, { answered: Object.keys(answers).length, total: data.statements.length });
      var top = result.ranking[0], second = result.ranking[1], outcome = ok && name(result.outcome);
      var strength = ok && text.strength[result.strength], nodes = [];
      save(answers);
      notice.hidden = true;

      var record = make("ul", "gk-print");
      record.append(make("li", "", text.record_date + ": " + new Date().toISOString().slice(0, 10)),
        make("li", "", text.record_version + ": " + data.version), make("li", "", text.record_link + ": ", link(location.href.split("#")[0], location.href.split("#")[0])));
      nodes.push(make("h2", "gk-print", fill(text.record_title, { guide: data.title })), record);

      if (ok) {
        status.textContent = fill(text.announce, { strength: strength, outcome: outcome, progress: progress });
        var pill = make("span", "gk-strength gk-strength--" + result.strength, strength);
        pill.dataset.md = "(" + strength + ")";
        var why = !second ? text.why_only : result.strength !== "close" ? text["why_" + result.strength]
          : result.outcome !== top.id ? text.why_close_hybrid : text.why_close;
        nodes.push(make("p", "gk-verdict", make("strong", "", outcome), " ", pill),
          make("p", "", fill(why, { top: name(top.id), second: second && name(second.id), lead: result.lead })));
        var summary = document.querySelector('[data-gk-outcome="' + result.outcome + '"] .gk-prose');
        if (summary) nodes.push(summary.cloneNode(true));
        nodes.push(make("p", "gk-screen", link(fill(text.playbook, { outcome: outcome }), "#outcome-" + result.outcome)));
      } else {
        var message = result.status === "empty" ? text.empty : text.all_ruled_out;
        status.textContent = message + " " + progress + ".";
        nodes.push(make("p", "gk-verdict", message));
      }

      var max = Math.max.apply(null, data.options.map(function (o) { return result.scores[o.id]; }).concat(1));
      nodes = nodes.concat(section(text.scores, data.options.map(function (o) {
        var out = result.ruledOut[o.id], bar = make("span", "gk-bar", make("span"));
        bar.setAttribute("aria-hidden", "true");
        bar.firstChild.style.width = out ? 0 : Math.max(0, result.scores[o.id]) / max * 100 + "%";
        return make("span", "gk-score", bar, out ? fill(text.ruled_out, { option: o.name }) : fill(text.score, { option: o.name, score: result.scores[o.id] }));
      }), "ul", "gk-scores"));

      nodes = nodes.concat(section(text.because, result.reasons.map(function (id) {
        var effects = [];
        for (var option in byId[id].favours) {
          if (byId[id].favours[option] > 0) effects.push(fill(text.adds, { points: "+" + byId[id].favours[option], option: name(option) }));
        }
        return reason(id, "yes", effects.join(", "));
      }).concat(result.fired.map(function (constraintId) {
        var c = data.constraints.filter(function (k) { return k.id === constraintId; })[0];
        return reason(c.when.statement, c.when.answer, fill(text.rules_out_because, { option: c.rules_out.map(name).join(", "), reason: c.reason }));
      }))));

      var changes = ok ? scoring.changes(data, answers) : [], matters = {};
      changes.forEach(function (change) { matters[change.statement] = 1; });
      function rank(change) { var a = answers[change.statement]; return a === "unsure" ? 0 : a ? 2 : 1; }
      if (ok) {
        nodes = nodes.concat(section(text.what_changes, changes.length ? changes.sort(function (a, b) { return rank(a) - rank(b); }).slice(0, 5).map(function (change) {
          return fillInto(make("span"), text.change, { answer: text.answers[change.answer], statement: statementLink(change.statement), outcome: name(change.outcome) });
        }) : [text.no_change]), section(text.first_steps, data.outcomes[result.outcome].first_steps, "ol"));
      }
      nodes = nodes.concat(section(text.todos, data.statements.filter(function (s) { return answers[s.id] === "unsure"; }).map(function (s) {
        var item = make("span", "", statementLink(s.id, s.todo));
        if (matters[s.id]) item.append(" ", make("em", "", "(" + text.todo_matters + ")"));
        return item;
      })), section(text.record_answers, data.statements.map(function (s) {
        return make("span", "", s.text + " ", make("strong", "", answers[s.id] ? text.answers[answers[s.id]] : text.unanswered));
      }), "ul", "gk-print"));
      box.replaceChildren.apply(box, nodes);

      each(document.querySelectorAll("[data-gk-outcome]"), function (outcomeSection) {
        var chosen = outcomeSection.getAttribute("data-gk-outcome") === result.outcome;
        outcomeSection.classList.toggle("gk-outcome--recommended", chosen);
        if (chosen) outcomeSection.prepend(badge);
      });
      if (!ok) badge.remove();
    }

    function copy() {
      var record = markdown(box);
      function manual() {
        fallback.value = record;
        fallback.hidden = false;
        fallback.select();
        say(text.copy_failed);
      }
      if (!navigator.clipboard) return manual();
      navigator.clipboard.writeText(record).then(function () {
        fallback.hidden = true;
        say(text.copied);
      }, manual);
    }

    form.addEventListener("change", update);
    var restored = decode(new URL(location.href).searchParams.get("answers") || storage("getItem", storageKey) || "");
    writeForm(restored.answers);
    update();
    notice.hidden = !restored.changed;
    root.classList.add("gk-checklist--live");
  }

  function initAll() { each(document.querySelectorAll("[data-gk-checklist]"), init); }
  if (window.document$) window.document$.subscribe(initAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
