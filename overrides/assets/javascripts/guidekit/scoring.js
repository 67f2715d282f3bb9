/* The decision checklist's scoring rule: the only implementation, shared by the page,
 * the tests and the content checks. A classic script: in a browser it sets
 * window.guidekitScoring; under Node it is a module, and `node scoring.js` reads
 * {"checklist": DATA, "answers": [ANSWERS, ...]} on stdin and prints
 * [{"result": ..., "changes": [...]}, ...] as JSON.
 *
 * DATA is what guidekit/checklist.py puts in the page (only these keys are read here):
 *   options      [{id}]                    in the guide's order (it breaks ties)
 *   hybrids      [{id, combines: [ids]}]
 *   statements   [{id, favours: {optionId: weight}}]
 *   constraints  [{id, when: {statement, answer}, rules_out: [optionIds]}]
 *   thresholds   {clear, leaning}
 * ANSWERS maps statement ids to "yes" | "no" | "unsure"; a missing id is unanswered.
 *
 * score(DATA, ANSWERS) -> {
 *   status:    "ok" | "empty" (no "yes" adds points to an option still open) | "ruled-out" (every option is)
 *   outcome:   option or hybrid id, or null unless status is "ok"
 *   strength:  "clear" | "leaning" | "close", or null
 *   lead:      top score minus the runner-up's (0 if there is none)
 *   ranking:   [{id, score}] for the options still open, best first
 *   scores:    {optionId: score} for every option
 *   ruledOut:  {optionId: [constraintIds]} for the options ruled out
 *   reasons:   ids of the statements answered "yes" that add points to the outcome's options
 *   fired:     ids of the constraints whose condition holds
 * }
 * The rule: an option scores the weights of the statements answered "yes" that favour it;
 * a constraint whose condition holds rules its options out; the rest are ranked by score
 * (ties: guide order). A lead of thresholds.clear or more is "clear", of thresholds.leaning
 * or more "leaning", else "close"; on a close call a hybrid combining exactly the two
 * leading options is the outcome, otherwise the leading option is.
 *
 * changes(DATA, ANSWERS) -> [{statement, answer, outcome}]: every single answer ("yes" or
 * "no") that, given instead of the current one, changes the outcome, in statement order.
 */
(function (exports) {
  "use strict";

  function score(data, answers) {
    var scores = {}, ruledOut = {}, fired = [];
    data.options.forEach(function (option) { scores[option.id] = 0; });
    data.statements.forEach(function (statement) {
      if (answers[statement.id] !== "yes") return;
      for (var id in statement.favours) scores[id] += statement.favours[id];
    });
    data.constraints.forEach(function (constraint) {
      if (answers[constraint.when.statement] !== constraint.when.answer) return;
      fired.push(constraint.id);
      constraint.rules_out.forEach(function (id) { (ruledOut[id] = ruledOut[id] || []).push(constraint.id); });
    });
    var open = data.options.filter(function (option) { return !ruledOut[option.id]; });
    var ranking = open.map(function (option, index) { return { id: option.id, score: scores[option.id], index: index }; })
      .sort(function (a, b) { return b.score - a.score || a.index - b.index; })
      .map(function (entry) { return { id: entry.id, score: entry.score }; });
    var isOpen = {};
    open.forEach(function (option) { isOpen[option.id] = true; });
    var signal = data.statements.some(function (statement) {
      if (answers[statement.id] !== "yes") return false;
      for (var id in statement.favours) if (isOpen[id] && statement.favours[id]) return true;
      return false;
    });
    var result = {
      status: !open.length ? "ruled-out" : signal ? "ok" : "empty",
      outcome: null, strength: null, lead: 0, ranking: ranking, scores: scores,
      ruledOut: ruledOut, reasons: [], fired: fired
    };
    if (result.status !== "ok") return result;
    var top = ranking[0], second = ranking[1];
    result.lead = top.score - (second ? second.score : 0);
    result.strength = result.lead >= data.thresholds.clear ? "clear" : result.lead >= data.thresholds.leaning ? "leaning" : "close";
    var chosen = [top.id];
    if (result.strength === "close" && second) {
      var hybrid = data.hybrids.filter(function (candidate) {
        var ids = candidate.combines;
        return ids.length === 2 && ids.indexOf(top.id) >= 0 && ids.indexOf(second.id) >= 0;
      })[0];
      if (hybrid) chosen = hybrid.combines;
      result.outcome = hybrid ? hybrid.id : top.id;
    } else {
      result.outcome = top.id;
    }
    result.reasons = data.statements.filter(function (statement) {
      return answers[statement.id] === "yes" && chosen.some(function (id) { return statement.favours[id] > 0; });
    }).map(function (statement) { return statement.id; });
    return result;
  }

  function changes(data, answers) {
    var current = score(data, answers).outcome, found = [];
    data.statements.forEach(function (statement) {
      ["yes", "no"].forEach(function (answer) {
        if (answers[statement.id] === answer) return;
        var changed = Object.assign({}, answers);
        changed[statement.id] = answer;
        var outcome = score(data, changed).outcome;
        if (outcome && outcome !== current) found.push({ statement: statement.id, answer: answer, outcome: outcome });
      });
    });
    return found;
  }

  exports.score = score;
  exports.changes = changes;
})(typeof module === "object" && module.exports ? module.exports : (window.guidekitScoring = {}));

if (typeof require === "function" && typeof module === "object" && require.main === module) {
  var input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  process.stdout.write(JSON.stringify(input.answers.map(function (answers) {
    return { result: module.exports.score(input.checklist, answers), changes: module.exports.changes(input.checklist, answers) };
  })));
}
