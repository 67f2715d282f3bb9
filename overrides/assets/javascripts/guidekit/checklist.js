/* The decision checklist: makes the server-rendered form live. The root [data-gk-checklist]
 * carries the data as JSON; scoring is scoring.js; every text comes from the data or the page. Answers live
 * in the address (?answers=FINGERPRINT.KEYLETTER..., a 4-character hash per statement id and
 * y/n/u) and in localStorage when allowed; a link made for other statements restores what
 * still fits and says the guide changed. The result box is also the decision record: "Copy as
 * Markdown" converts it, and print shows only it. Idempotent; re-run after instant navigation.
 */
(() => {
  "use strict";

  const ANSWER_BY_LETTER = { y: "yes", n: "no", u: "unsure" };

  function shortHash(text) { /* FNV-1a in 4 base-36 characters */
    let hash = 2166136261;
    for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
    return ("000" + (hash >>> 0).toString(36)).slice(-4);
  }

  function storage(method, key, value) { /* blocked storage throws on access; it only costs persistence */
    try { return localStorage[method](key, value); } catch { return null; }
  }

  function element(tag, className, ...children) {
    const node = document.createElement(tag);
    node.className = className || "";
    node.append(...children);
    return node;
  }

  function fillInto(node, template, values) { /* {name} placeholders, filled with text or nodes */
    for (const part of template.split(/(\{\w+\})/)) {
      const key = part.slice(1, -1);
      node.append(part[0] === "{" && key in values ? values[key] : part);
    }
    return node;
  }

  const fillText = (template, values) => fillInto(element("b"), template, values).textContent;

  function inlineMarkdown(node) {
    if (node.nodeType === 3) return node.nodeValue.replace(/\s+/g, " ").replace(/[\\`*_[\]<>]/g, "\\$&");
    if (node.nodeType !== 1 || node.getAttribute("aria-hidden")) return "";
    const inner = node.dataset.md || [...node.childNodes].map(inlineMarkdown).join("");
    const href = node.getAttribute("href") || "#"; /* links within the page are dropped, others kept */
    if (node.tagName === "A" && href[0] !== "#") return href === inner ? `<${href}>` : `[${inner}](${node.href})`;
    return node.tagName === "STRONG" ? `**${inner}**` : inner;
  }

  function blockMarkdown(node, out) {
    const tag = node.tagName;
    if (node.classList.contains("gk-screen")) return;
    if (/^H/.test(tag)) out.push((tag === "H2" ? "# " : "## ") + inlineMarkdown(node).trim());
    else if (/^[OU]L$/.test(tag)) {
      out.push([...node.children].map((item, index) => (tag === "OL" ? `${index + 1}. ` : "- ") + inlineMarkdown(item).trim()).join("\n"));
    } else if (tag === "P") out.push(inlineMarkdown(node).trim());
    else for (const child of node.children) blockMarkdown(child, out);
  }

  function toMarkdown(root) { /* the result box as a decision record */
    const out = [];
    blockMarkdown(root, out);
    return out.join("\n\n") + "\n";
  }

  function startChecklist(root) {
    const data = JSON.parse(root.getAttribute("data-gk-checklist"));
    const text = data.text, scoring = window.guidekitScoring;
    const form = root.querySelector("[data-gk-form]"), box = root.querySelector("[data-gk-result]");
    const storageKey = "guidekit-checklist:" + data.guide;
    const statementByKey = {}, statementById = {};
    for (const statement of data.statements) statementByKey[shortHash(statement.id)] = statementById[statement.id] = statement;
    const fingerprint = shortHash(data.statements.map((statement) => statement.id).join(" "));
    let notice, status, feedback, fallback, badge; /* made by the add... functions below */

    function begin() {
      /* The form works before the script starts (on a slow device, or while instant navigation
       * loads this file): answers given meanwhile are kept, over those the address or storage restore. */
      const givenBeforeStart = readForm();
      addExamples();
      addStatus();
      addActions();
      form.addEventListener("change", () => update());
      const restored = decode(new URL(location.href).searchParams.get("answers") || storage("getItem", storageKey) || "");
      writeForm({ ...restored.answers, ...givenBeforeStart });
      update();
      notice.hidden = !restored.changed;
      root.classList.add("gk-checklist--live");
      uncoverTarget();
    }

    /* A statement the address points to may have been brought into view before the status
     * existed (the theme scrolls to it as it shows the page): if the status covers it, again. */
    function uncoverTarget() {
      const target = document.getElementById(location.hash.slice(1));
      if (!target || !form.contains(target)) return;
      const top = target.getBoundingClientRect().top;
      if (top >= 0 && top < status.parentNode.getBoundingClientRect().bottom) target.scrollIntoView();
    }

    /* ---- Small builders ---- */
    function name(id) { return data.outcomes[id].name; }

    function names(ids) { return ids.map(name).join(", "); }

    function link(label, href) {
      const anchor = element("a", "", label);
      anchor.href = href;
      return anchor;
    }

    function statementLink(id, label) { return link(label || statementById[id].text, "#statement-" + id); }

    function section(heading, items, className = "", tag = "ul") {
      if (!items.length) return [];
      const list = element(tag, className);
      for (const item of items) list.append(element("li", "", item));
      return [element("h3", className, heading), list];
    }

    function say(message) { feedback.textContent = message; }

    /* ---- Answers: form <-> address and storage ---- */
    function radios() { return [...form.querySelectorAll("input[type=radio]")].map((input) => [input, input.name.slice(7)]); }

    function readForm() {
      return Object.fromEntries(radios().filter(([input]) => input.checked).map(([input, id]) => [id, input.value]));
    }

    function writeForm(answers) { for (const [input, id] of radios()) input.checked = input.value === answers[id]; }

    function decode(value) {
      const [linkFingerprint, pairs = ""] = value.split(".");
      const answers = {};
      let changed = Boolean(value) && linkFingerprint !== fingerprint; /* made for another set of statements */
      for (const [, key, letter] of pairs.matchAll(/(\w{4})([ynu])/g)) {
        if (statementByKey[key]) answers[statementByKey[key].id] = ANSWER_BY_LETTER[letter];
        else changed = true;
      }
      return { answers, changed };
    }

    function save(answers) {
      const pairs = data.statements.map((statement) => (answers[statement.id] ? shortHash(statement.id) + answers[statement.id][0] : "")).join("");
      const url = new URL(location.href);
      if (pairs) url.searchParams.set("answers", fingerprint + "." + pairs);
      else url.searchParams.delete("answers");
      try { history.replaceState(history.state, "", url); } catch { /* a sandbox may forbid it */ }
      storage(pairs ? "setItem" : "removeItem", storageKey, url.searchParams.get("answers"));
    }

    /* ---- Around the form: the status is added; the examples, the notice and the actions below
     * the result are in the page (checklist.md), hidden until the script wires and shows them. ---- */
    function addExamples() {
      const examples = root.querySelector("[data-gk-examples]");
      for (const example of examples.querySelectorAll("[data-gk-example]")) {
        const scenario = data.scenarios[example.dataset.gkExample];
        example.addEventListener("click", () => {
          writeForm(scenario.answers);
          update();
          say(fillText(text.example_loaded, { name: scenario.name }));
        });
      }
      examples.hidden = false;
      notice = root.querySelector(".gk-notice");
    }

    function addStatus() {
      status = element("p", "");
      status.setAttribute("role", "status");
      form.prepend(element("div", "gk-status", status, link(text.see_result, "#result")));
    }

    function addActions() {
      const actions = root.querySelector("[data-gk-actions]");
      const on = (action, handler) => actions.querySelector(`[data-gk-action=${action}]`).addEventListener("click", handler);
      [feedback, fallback] = actions.querySelectorAll(".gk-feedback, .gk-fallback");
      on("copy", copy);
      on("print", () => print());
      on("clear", () => {
        writeForm({});
        update();
        say(text.cleared);
      });
      actions.hidden = false;
      badge = element("p", "gk-badge", text.recommended);
    }

    /* ---- The result, which is also the decision record ---- */
    function update() {
      const answers = readForm(), result = scoring.score(data, answers);
      save(answers);
      notice.hidden = true;
      const changes = result.status === "ok" ? scoring.changes(data, answers) : [];
      box.replaceChildren(
        ...recordHeader(), ...verdict(result, answers), ...notYet(result, answers), ...scores(result),
        ...parts(result), ...because(result), ...whatChanges(result, answers, changes), ...todos(answers, changes),
        ...section(text.record_answers, data.statements.map((statement) => recordedAnswer(statement, answers)), "gk-print"));
      markRecommended(result);
    }

    function recordHeader() {
      const address = location.href.split("#")[0];
      const record = element("ul", "gk-print",
        element("li", "", `${text.record_date}: ${new Date().toISOString().slice(0, 10)}`),
        element("li", "", `${text.record_version}: ${data.version}`),
        element("li", "", text.record_link + ": ", link(address, address)));
      return [element("h2", "gk-print", fillText(text.record_title, { guide: data.title })), record];
    }

    function verdict(result, answers) {
      const progress = fillText(text.progress, { answered: Object.keys(answers).length, total: data.statements.length });
      if (result.status !== "ok") {
        const message = result.status === "empty" ? text.empty : text.all_ruled_out;
        status.textContent = `${message} ${progress}.`;
        return [element("p", "gk-verdict", message)];
      }
      const outcome = name(result.outcome), strength = text.strength[result.strength];
      const notYet = result.notYet.length ? " " + fillText(text.announce_not_yet, { options: names(result.notYet) }) : "";
      status.textContent = fillText(text.announce, { strength, outcome, progress }) + notYet;
      const pill = element("span", `gk-strength gk-strength--${result.strength}`, strength);
      pill.dataset.md = `(${strength})`;
      const nodes = [element("p", "gk-verdict", element("strong", "", outcome), " ", pill)];
      if (!result.notYet.length) nodes.push(element("p", "", why(result)));
      const summary = document.querySelector(`[data-gk-outcome="${result.outcome}"] .gk-prose`);
      if (summary) nodes.push(summary.cloneNode(true));
      nodes.push(element("p", "gk-screen", link(fillText(text.playbook, { outcome }), "#outcome-" + result.outcome)));
      return nodes;
    }

    function why(result) {
      const [top, second] = result.ranking;
      if (result.basis === "need") {
        const parts = result.parts.map((part) => name(part.option));
        const options = parts.slice(0, -1).join(", ") + ` ${text.list_and} ` + parts.at(-1);
        return fillText(text.why_need, { options, case: data.thresholds.case });
      }
      const template = result.basis === "only" ? text.why_only : result.basis === "close" ? text.why_close_hybrid : text["why_" + result.strength];
      return fillText(template, { top: name(top.id), second: second && name(second.id), lead: result.lead });
    }

    function notYet(result, answers) {
      if (!result.notYet.length) return [];
      const waiting = data.prerequisites.filter((prerequisite) => result.notYet.some((option) => result.heldBack[option].includes(prerequisite.id)));
      const items = waiting.map((prerequisite) => {
        const item = element("span", "", statementLink(prerequisite.statement, prerequisite.first));
        if (!answers[prerequisite.statement]) item.append(" ", element("em", "", `(${text.unanswered_prerequisite})`));
        return item;
      });
      const heading = fillText(text.not_yet, { options: names(result.notYet) });
      const [title, list] = section(heading, items, "gk-not-yet", "ol");
      return result.status === "ok" ? [title, list, element("p", "", text.not_yet_now)] : [title, list];
    }

    function scores(result) {
      const scores = result.scores;
      const highest = Math.max(1, ...data.options.map((option) => scores[option.id]));
      return section(text.scores, data.options.map((option) => {
        const ruledOut = result.ruledOut[option.id], bar = element("span", "gk-bar", element("span"));
        bar.setAttribute("aria-hidden", "true");
        bar.firstChild.style.width = ruledOut ? 0 : (Math.max(0, scores[option.id]) / highest) * 100 + "%";
        const label = ruledOut ? text.ruled_out : result.heldBack[option.id] ? text.held_back : text.score;
        return element("span", "gk-score", bar, fillText(label, { option: option.name, score: scores[option.id] }));
      }), "gk-scores");
    }

    function parts(result) {
      if (result.parts.length < 2) return [];
      return section(text.parts, result.parts.map((part) => {
        const statements = element("span");
        part.reasons.forEach((id, index) => statements.append(index ? " · " : "", statementLink(id)));
        return fillInto(element("span"), text.part, { option: name(part.option), statements });
      }));
    }

    function reason(id, answer, effect) { /* with the statement's sources, from the form */
      const item = fillInto(element("span"), text.reason, { answer: element("strong", "", text.answers[answer]), statement: statementLink(id), effect });
      for (const source of form.querySelectorAll(`[data-gk-statement="${id}"] .gk-cite a`)) item.append(" ", source.cloneNode(true));
      return item;
    }

    function because(result) {
      const added = result.reasons.map((id) => {
        const effects = Object.entries(statementById[id].favours).filter(([, points]) => points > 0)
          .map(([option, points]) => fillText(text.adds, { points: "+" + points, option: name(option) }));
        return reason(id, "yes", effects.join(", "));
      });
      const ruled = result.fired.map((constraintId) => {
        const constraint = data.constraints.find((candidate) => candidate.id === constraintId);
        const effect = fillText(text.rules_out_because, { option: names(constraint.rules_out), reason: constraint.reason });
        return reason(constraint.when.statement, constraint.when.answer, effect);
      });
      return section(text.because, [...added, ...ruled]);
    }

    function whatChanges(result, answers, changes) {
      if (result.status !== "ok") return [];
      const rank = (change) => { /* "not sure" first, then unanswered */
        const answer = answers[change.statement];
        return answer === "unsure" ? 0 : answer ? 2 : 1;
      };
      const items = [...changes].sort((a, b) => rank(a) - rank(b)).slice(0, 5).map((change) => fillInto(element("span"), text.change,
        { answer: text.answers[change.answer], statement: statementLink(change.statement), outcome: name(change.outcome) }));
      return [...section(text.what_changes, items.length ? items : [text.no_change], "gk-changes"),
        ...section(text.first_steps, data.outcomes[result.outcome].first_steps, "", "ol")];
    }

    function todos(answers, changes) {
      const matters = new Set(changes.map((change) => change.statement));
      return section(text.todos, data.statements.filter((statement) => answers[statement.id] === "unsure").map((statement) => {
        const item = element("span", "", statementLink(statement.id, statement.todo));
        if (matters.has(statement.id)) item.append(" ", element("em", "", `(${text.todo_matters})`));
        return item;
      }));
    }

    function recordedAnswer(statement, answers) {
      const answer = answers[statement.id];
      return element("span", "", statement.text + " ", element("strong", "", answer ? text.answers[answer] : text.unanswered));
    }

    function markRecommended(result) {
      for (const outcomeSection of document.querySelectorAll("[data-gk-outcome]")) {
        const chosen = outcomeSection.getAttribute("data-gk-outcome") === result.outcome;
        outcomeSection.classList.toggle("gk-outcome--recommended", chosen);
        if (chosen) outcomeSection.prepend(badge);
      }
      if (result.status !== "ok") badge.remove();
    }

    function copy() {
      const record = toMarkdown(box);
      const manual = () => {
        fallback.value = record;
        fallback.hidden = false;
        fallback.select();
        say(text.copy_failed);
      };
      if (!navigator.clipboard) return manual();
      navigator.clipboard.writeText(record).then(() => {
        fallback.hidden = true;
        say(text.copied);
      }, manual);
    }

    begin();
  }

  function initAll() {
    for (const root of document.querySelectorAll("[data-gk-checklist]")) {
      if (root.hasAttribute("data-gk-ready") || !window.guidekitScoring) continue;
      root.setAttribute("data-gk-ready", "");
      startChecklist(root);
    }
  }

  /* Published after scoring.js in one file (guidekit/render/assets.py, JOINED). On a page load,
   * start once the theme has started (start-theme.js announces the parsed page again for it), in
   * a task of its own. Once: as it starts, the theme's instant navigation turns every relative link
   * already in the page into an absolute one, which would freeze the checklist's in-page links
   * ("#result") to the address as it was then, without the answers the checklist writes into it.
   * And in a task of its own: work added to the theme's start-up, a long task, is time the page
   * cannot answer the reader (the form works without script meanwhile). After instant navigation,
   * start when the theme announces the page. */
  function themeIsToStart() {
    const pending = document.querySelector("template[data-gk-theme-scripts]");
    return pending && !document.documentElement.hasAttribute("data-gk-theme-started");
  }

  window.document$?.subscribe(initAll);
  if (document.readyState === "complete") initAll();
  document.addEventListener("DOMContentLoaded", () => {
    if (!themeIsToStart()) setTimeout(initAll);
  });
})();
