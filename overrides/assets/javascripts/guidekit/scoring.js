/* The checklist's scoring rule, its only implementation: window.guidekitScoring, in the
 * browser and in the engine that runs it for the build's checks and the tests
 * (guidekit/checklist.py's run_script). DATA is guidekit/checklist.py's widget_data; used here:
 * options [{id}] (order breaks ties), hybrids [{id, combines}], statements [{id, favours}],
 * constraints [{id, when: {statement, answer}, rules_out}], thresholds {clear, leaning}.
 * ANSWERS: {statementId: "yes" | "no" | "unsure"}; a missing id is unanswered.
 *
 * score(DATA, ANSWERS) -> {status, outcome, strength, lead, ranking, scores, ruledOut, reasons, fired}
 *   Each "yes" adds its statement's weights to the options it favours (scores). A constraint
 *   whose answer is given (fired) rules its options out (ruledOut: {option: [constraints]}).
 *   The rest rank by score, ties in guide order (ranking: [{id, score}]). lead = top minus
 *   runner-up (or 0); strength "clear" if lead >= clear, "leaning" if >= leaning, else "close".
 *   On a close call the hybrid combining exactly the top two is the outcome, else the top.
 *   status "ok"; "empty" (outcome null) until a "yes" adds to an open option; "ruled-out"
 *   when every option is. reasons: the "yes" statements adding to the outcome's options.
 * changes(DATA, ANSWERS) -> [{statement, answer, outcome}]: each single "yes"/"no" that
 *   would give another recommendation, in statement order.
 */
(function (exports) {
  "use strict";

  /* Per option: points, "yes" statements adding to it, constraints ruling it out. */
  function tally(data, answers) {
    var t = { points: {}, support: {}, ruled: {} };
    data.options.forEach(function (o) { t.points[o.id] = t.support[o.id] = t.ruled[o.id] = 0; });
    data.statements.forEach(function (s) { if (answers[s.id] === "yes") add(t, s, 1); });
    data.constraints.forEach(function (c) { if (answers[c.when.statement] === c.when.answer) rule(t, c, 1); });
    return t;
  }
  function add(t, statement, sign) {
    for (var id in statement.favours) {
      t.points[id] += sign * statement.favours[id];
      if (statement.favours[id]) t.support[id] += sign;
    }
  }
  function rule(t, constraint, sign) { constraint.rules_out.forEach(function (id) { t.ruled[id] += sign; }); }

  function decide(data, t) {
    var ranking = data.options.filter(function (o) { return !t.ruled[o.id]; })
      .map(function (o) { return { id: o.id, score: t.points[o.id] }; })
      .sort(function (a, b) { return b.score - a.score; }); /* stable: ties keep guide order */
    var d = { status: "ok", outcome: null, strength: null, lead: 0, ranking: ranking };
    if (!ranking.length) d.status = "ruled-out";
    else if (!ranking.some(function (r) { return t.support[r.id]; })) d.status = "empty";
    if (d.status !== "ok") return d;
    var top = ranking[0].id, second = ranking[1] || { score: 0 };
    d.lead = ranking[0].score - second.score;
    d.strength = d.lead >= data.thresholds.clear ? "clear" : d.lead >= data.thresholds.leaning ? "leaning" : "close";
    var hybrid = d.strength === "close" && data.hybrids.filter(function (h) {
      return h.combines.length === 2 && h.combines.indexOf(top) >= 0 && h.combines.indexOf(second.id) >= 0;
    })[0];
    d.outcome = hybrid ? hybrid.id : top;
    d.chosen = hybrid ? hybrid.combines : [top];
    return d;
  }

  function score(data, answers) {
    var t = tally(data, answers), d = decide(data, t), ruledOut = {}, fired = [];
    data.constraints.forEach(function (c) {
      if (answers[c.when.statement] !== c.when.answer) return;
      fired.push(c.id);
      c.rules_out.forEach(function (id) { (ruledOut[id] = ruledOut[id] || []).push(c.id); });
    });
    d.reasons = data.statements.filter(function (s) {
      return answers[s.id] === "yes" && (d.chosen || []).some(function (id) { return s.favours[id] > 0; });
    }).map(function (s) { return s.id; });
    delete d.chosen;
    d.scores = t.points;
    d.ruledOut = ruledOut;
    d.fired = fired;
    return d;
  }

  /* Each alternative answer is applied to the tally and undone, so this stays linear. */
  function changes(data, answers) {
    var t = tally(data, answers), current = decide(data, t).outcome, byStatement = {}, found = [];
    data.constraints.forEach(function (c) { (byStatement[c.when.statement] = byStatement[c.when.statement] || []).push(c); });
    data.statements.forEach(function (s) {
      ["yes", "no"].forEach(function (answer) {
        var was = answers[s.id];
        if (was === answer) return;
        function swap(sign) {
          if (answer === "yes" || was === "yes") add(t, s, answer === "yes" ? sign : -sign);
          (byStatement[s.id] || []).forEach(function (c) {
            if (c.when.answer === answer) rule(t, c, sign);
            if (c.when.answer === was) rule(t, c, -sign);
          });
        }
        swap(1);
        var outcome = decide(data, t).outcome;
        swap(-1);
        if (outcome && outcome !== current) found.push({ statement: s.id, answer: answer, outcome: outcome });
      });
    });
    return found;
  }

  exports.score = score;
  exports.changes = changes;
})((window.guidekitScoring = {}));
