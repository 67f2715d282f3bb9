/* The decision checklist: turns the server-rendered form ([data-gk-checklist]) into a live
 * recommendation. Scoring is guidekitScoring (scoring.js); every text comes from the page's
 * JSON data. The answers live in the address (?answers=FINGERPRINT.KEYANSWER...: a 4-character
 * key per statement id and y/n/u) and are mirrored in localStorage when the browser allows it.
 * Safe to run twice on the same page, and again after each instant navigation.
 */
(function () {
  "use strict";
  var PARAM = "answers", LETTER = { y: "yes", n: "no", u: "unsure" };

  function hash(text) { /* FNV-1a, as 4 base-36 characters */
    for (var h = 2166136261, i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return ("000" + (h >>> 0).toString(36)).slice(-4);
  }

  function storage(method, key, value) { /* blocked storage throws, even on access: it only costs persistence */
    try { return window.localStorage[method](key, value); } catch (error) { return null; }
  }

  function make(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.append(content);
    return node;
  }

  /* "{name}" placeholders filled with strings or nodes, as nodes appended to `parent`. */
  function fillInto(parent, template, values) {
    template.split(/(\{\w+\})/).forEach(function (part) {
      var key = part.slice(1, -1);
      parent.append(part[0] === "{" && key in values ? values[key] : part);
    });
    return parent;
  }

  function fill(template, values) { return fillInto(make("p"), template, values).textContent; }

  function init(root) {
    var script = document.querySelector('script[data-gk-checklist-data="' + root.getAttribute("data-gk-checklist") + '"]');
    if (root.hasAttribute("data-gk-ready") || !script || !window.guidekitScoring) return;
    root.setAttribute("data-gk-ready", "");
    var data = JSON.parse(script.textContent), text = data.text, scoring = window.guidekitScoring;
    var form = root.querySelector("[data-gk-form]"), resultBox = root.querySelector("[data-gk-result]");
    var storageKey = "guidekit-checklist:" + data.guide, byKey = {}, statementById = {};
    data.statements.forEach(function (statement) {
      byKey[hash(statement.id)] = statement;
      statementById[statement.id] = statement;
    });
    var fingerprint = hash(data.statements.map(function (s) { return s.id; }).join(" "));

    function name(choiceId) { return data.outcomes[choiceId].name; }
    function names(ids) {
      var list = ids.map(name), last = list.pop();
      return list.length ? list.join(", ") + " " + text.list_and + " " + last : last;
    }
    function statementLink(id) {
      var link = make("a", "", statementById[id].text);
      link.href = "#statement-" + id;
      return link;
    }

    /* ---- State: form <-> answers <-> address and storage ---- */
    function inputs(id) { return form.querySelectorAll('input[name="answer-' + id + '"]'); }
    function readForm() {
      var answers = {};
      data.statements.forEach(function (statement) {
        inputs(statement.id).forEach(function (input) { if (input.checked) answers[statement.id] = input.value; });
      });
      return answers;
    }
    function writeForm(answers) {
      data.statements.forEach(function (statement) {
        inputs(statement.id).forEach(function (input) { input.checked = input.value === answers[statement.id]; });
      });
    }
    function encode(answers) {
      var pairs = data.statements.map(function (s) { return answers[s.id] ? hash(s.id) + answers[s.id][0] : ""; }).join("");
      return pairs && fingerprint + "." + pairs;
    }
    function decode(value) {
      var parts = value.split("."), answers = {}, changed = value !== "" && parts[0] !== fingerprint;
      (parts[1] || "").replace(/(\w{4})([ynu])/g, function (match, key, letter) {
        if (byKey[key]) answers[byKey[key].id] = LETTER[letter];
        else changed = true;
      });
      return { answers: answers, changed: changed };
    }
    function save(answers) {
      var encoded = encode(answers), url = new URL(location.href);
      if (encoded) url.searchParams.set(PARAM, encoded);
      else url.searchParams.delete(PARAM);
      try { history.replaceState(history.state, "", url.href); } catch (error) { /* sandboxed: the address cannot change */ }
      storage(encoded ? "setItem" : "removeItem", storageKey, encoded);
    }
    function link() { return location.href.split("#")[0]; }

    /* ---- What the script adds to the page ---- */
    var notice = make("p", "gk-notice");
    notice.hidden = true;
    var examples = make("details", "gk-examples", make("summary", "", text.examples));
    examples.append(make("p", "", text.examples_hint));
    var exampleList = examples.appendChild(make("ul"));
    data.scenarios.forEach(function (scenario) {
      var button = make("button", "md-button", scenario.name);
      button.type = "button";
      button.addEventListener("click", function () {
        writeForm(scenario.answers);
        changed();
        say(fill(text.example_loaded, { name: scenario.name }));
      });
      exampleList.append(make("li", "", button));
      button.after(make("span", "gk-example-note", scenario.description));
    });
    root.prepend(notice, examples);

    var status = make("p", "gk-status-text");
    status.setAttribute("role", "status");
    var seeWhy = make("a", "", text.see_result);
    seeWhy.href = "#result";
    form.append(make("div", "gk-status", status));
    form.lastChild.append(seeWhy);

    var actions = make("div", "gk-actions"), feedback = make("p", "gk-feedback"), fallback = make("textarea", "gk-fallback");
    feedback.setAttribute("role", "status");
    fallback.readOnly = true;
    fallback.hidden = true;
    fallback.setAttribute("aria-label", text.copy_markdown);
    [[text.copy_markdown, copy], [text.print, function () { window.print(); }], [text.clear, clear]].forEach(function (spec) {
      var button = make("button", "md-button", spec[0]);
      button.type = "button";
      button.addEventListener("click", spec[1]);
      actions.append(button, " ");
    });
    resultBox.after(actions, feedback, fallback, make("p", "gk-storage-note", text.storage_note));
    var record = make("section", "gk-record");
    root.append(record);
    var badge = make("p", "gk-badge", text.recommended);

    function say(message) { feedback.textContent = message; }

    /* ---- The result ---- */
    var current;
    function compute() {
      var answers = readForm();
      var result = scoring.score(data, answers), answered = Object.keys(answers).length;
      current = {
        answers: answers, result: result, changes: scoring.changes(data, answers),
        progress: fill(text.progress, { answered: answered, total: data.statements.length })
      };
      return current;
    }

    function verdict(result) {
      if (result.status === "empty") return [text.empty];
      if (result.status === "ruled-out") return [text.all_ruled_out];
      var top = result.ranking[0], second = result.ranking[1], values = { top: name(top.id), lead: result.lead };
      if (second) values.second = name(second.id);
      var why = !second ? text.why_only : result.strength !== "close" ? text["why_" + result.strength]
        : result.outcome !== top.id ? text.why_close_hybrid : text.why_close;
      return [name(result.outcome), text.strength[result.strength], fill(why, values)];
    }

    /* Reasons, changes and to-dos as [template values, statement id] rows shared by page and record. */
    function reasons(state) {
      var rows = state.result.reasons.map(function (id) {
        var favours = statementById[id].favours, effects = [];
        for (var option in favours) if (favours[option] > 0) effects.push(fill(text.adds, { points: "+" + favours[option], option: name(option) }));
        return { id: id, answer: "yes", effect: effects.join(", ") };
      });
      return rows.concat(state.result.fired.map(function (constraintId) {
        var constraint = data.constraints.filter(function (c) { return c.id === constraintId; })[0];
        return {
          id: constraint.when.statement, answer: constraint.when.answer, constraint: constraintId,
          effect: fill(text.rules_out_because, { option: names(constraint.rules_out), reason: constraint.reason })
        };
      }));
    }
    function changesFirstUnsure(state) { /* open questions first: not sure, then unanswered, then the rest */
      function rank(change) { var answer = state.answers[change.statement]; return answer === "unsure" ? 0 : answer ? 2 : 1; }
      return state.changes.slice().sort(function (a, b) { return rank(a) - rank(b); }).slice(0, 5);
    }
    function todos(state) {
      var matters = {};
      state.changes.forEach(function (change) { matters[change.statement] = true; });
      return data.statements.filter(function (s) { return state.answers[s.id] === "unsure"; })
        .map(function (s) { return { id: s.id, todo: s.todo, matters: matters[s.id] }; });
    }

    function list(heading, items) {
      if (!items.length) return [];
      var ul = make("ul");
      items.forEach(function (item) { ul.append(make("li", "", item)); });
      return [make("h3", "", heading), ul];
    }

    function render(state) {
      var result = state.result, lines = verdict(result), box = [];
      if (result.status === "ok") {
        status.textContent = fill(text.announce, { strength: lines[1], outcome: lines[0], progress: state.progress });
        var head = make("p", "gk-verdict", make("strong", "", lines[0]));
        head.append(" ", make("span", "gk-strength gk-strength--" + result.strength, lines[1]));
        box.push(head, make("p", "", lines[2]));
        var summary = document.querySelector('[data-gk-outcome="' + result.outcome + '"] .gk-prose');
        if (summary) box.push(summary.cloneNode(true));
        var playbook = make("a", "", fill(text.playbook, { outcome: lines[0] }));
        playbook.href = "#outcome-" + result.outcome;
        box.push(make("p", "", playbook));
      } else {
        status.textContent = lines[0] + " " + state.progress + ".";
        box.push(make("p", "gk-verdict", lines[0]));
      }
      var max = Math.max.apply(null, data.options.map(function (o) { return result.scores[o.id]; }).concat(1));
      box = box.concat(list(text.scores, data.options.map(function (option) {
        var out = result.ruledOut[option.id], row = make("span", "gk-score");
        var bar = row.appendChild(make("span", "gk-bar", make("span")));
        bar.setAttribute("aria-hidden", "true");
        bar.firstChild.style.width = out ? "0" : Math.max(0, result.scores[option.id]) / max * 100 + "%";
        row.append(out ? fill(text.ruled_out, { option: option.name }) : fill(text.score, { option: option.name, score: result.scores[option.id] }));
        return row;
      })));
      box = box.concat(list(text.because, reasons(state).map(function (row) {
        var item = fillInto(make("span"), text.reason, { answer: make("strong", "", text.answers[row.answer]), statement: statementLink(row.id), effect: row.effect });
        statementSources(row).forEach(function (source) { item.append(" ", source); });
        return item;
      })));
      if (result.status === "ok") {
        var changes = changesFirstUnsure(state);
        box = box.concat(list(text.what_changes, changes.length ? changes.map(function (change) {
          return fillInto(make("span"), text.change, { answer: text.answers[change.answer], statement: statementLink(change.statement), outcome: name(change.outcome) });
        }) : [text.no_change]));
      }
      box = box.concat(list(text.todos, todos(state).map(function (row) {
        var item = make("span", "", statementLink(row.id));
        item.firstChild.textContent = row.todo;
        if (row.matters) item.append(" ", make("em", "", "(" + text.todo_matters + ")"));
        return item;
      })));
      resultBox.replaceChildren.apply(resultBox, box);

      document.querySelectorAll("[data-gk-outcome]").forEach(function (section) {
        var chosen = section.getAttribute("data-gk-outcome") === result.outcome;
        section.classList.toggle("gk-outcome--recommended", chosen);
        if (chosen) section.prepend(badge);
      });
      if (!result.outcome) badge.remove();
      renderRecord(state);
    }

    function statementSources(row) {
      if (row.constraint) {
        var decides = document.querySelector("[data-gk-decides] a");
        if (!decides) return [];
        var source = make("a", "gk-cite", "↗");
        source.href = decides.href.split("#")[0] + "#constraint-" + row.constraint;
        source.title = text.rules_out;
        return [source];
      }
      var fieldset = form.querySelector('[data-gk-statement="' + row.id + '"]');
      return Array.prototype.map.call(fieldset.querySelectorAll(".gk-cite a"), function (a) {
        var copy = a.cloneNode(true);
        copy.className = "gk-cite";
        return copy;
      });
    }

    /* ---- The decision record: the same sections as Markdown (copied) and as HTML (printed) ---- */
    function recordSections(state) {
      var lines = verdict(state.result), result = state.result;
      var head = result.status === "ok" ? [lines[0] + " (" + lines[1] + ")", lines[2]] : [lines[0]];
      head.push(text.scores + ": " + data.options.map(function (o) {
        return result.ruledOut[o.id] ? fill(text.ruled_out, { option: o.name }) : fill(text.score, { option: o.name, score: result.scores[o.id] });
      }).join("; "));
      var sections = [[text.result, head]];
      sections.push([text.because, reasons(state).map(function (row) {
        return fill(text.reason, { answer: text.answers[row.answer], statement: statementById[row.id].text, effect: row.effect });
      })]);
      if (result.status === "ok") {
        var changes = changesFirstUnsure(state);
        sections.push([text.what_changes, changes.length ? changes.map(function (change) {
          return fill(text.change, { answer: text.answers[change.answer], statement: statementById[change.statement].text, outcome: name(change.outcome) });
        }) : [text.no_change]]);
        sections.push([text.first_steps, data.outcomes[result.outcome].first_steps, true]);
      }
      sections.push([text.todos, todos(state).map(function (row) { return row.todo + (row.matters ? " (" + text.todo_matters + ")" : ""); })]);
      sections.push([text.record_answers, data.statements.map(function (s) {
        return s.text + " " + (state.answers[s.id] ? text.answers[state.answers[s.id]] : text.unanswered);
      })]);
      return {
        title: fill(text.record_title, { guide: data.title }),
        meta: [[text.record_date, new Date().toISOString().slice(0, 10)], [text.record_version, data.version], [text.record_link, link()]],
        sections: sections.filter(function (section) { return section[1].length; })
      };
    }
    function markdown(rec) {
      function escape(line) { return line.replace(/([\\`*_[\]<>#|])/g, "\\$1"); }
      var out = ["# " + escape(rec.title), ""].concat(rec.meta.map(function (m) { return "- " + escape(m[0]) + ": " + (m[0] === text.record_link ? "<" + m[1] + ">" : escape(m[1])); }));
      rec.sections.forEach(function (section) {
        out.push("", "## " + escape(section[0]), "");
        section[1].forEach(function (line, index) { out.push((section[2] ? index + 1 + ". " : "- ") + escape(line)); });
      });
      return out.join("\n") + "\n";
    }
    function renderRecord(state) {
      var rec = recordSections(state), meta = make("ul");
      rec.meta.forEach(function (m) { meta.append(make("li", "", m[0] + ": " + m[1])); });
      var nodes = [make("h2", "", rec.title), meta];
      rec.sections.forEach(function (section) {
        var items = make(section[2] ? "ol" : "ul");
        section[1].forEach(function (line) { items.append(make("li", "", line)); });
        nodes.push(make("h3", "", section[0]), items);
      });
      record.replaceChildren.apply(record, nodes);
    }

    /* ---- Actions ---- */
    function changed() {
      var state = compute();
      save(state.answers);
      notice.hidden = true;
      render(state);
    }
    function clear() {
      writeForm({});
      changed();
      say(text.cleared);
    }
    function copy() {
      var recordText = markdown(recordSections(current));
      function manual() {
        fallback.value = recordText;
        fallback.hidden = false;
        fallback.select();
        say(text.copy_failed);
      }
      if (!navigator.clipboard || !window.isSecureContext) return manual();
      navigator.clipboard.writeText(recordText).then(function () { fallback.hidden = true; say(text.copied); }, manual);
    }

    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var restored = decode(new URL(location.href).searchParams.get(PARAM) || storage("getItem", storageKey) || "");
    writeForm(restored.answers);
    var state = compute();
    save(state.answers);
    render(state);
    if (restored.changed) {
      notice.textContent = text.guide_changed;
      notice.hidden = false;
    }
    root.classList.add("gk-checklist--live");
  }

  function initAll() { document.querySelectorAll("[data-gk-checklist]").forEach(init); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(initAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
