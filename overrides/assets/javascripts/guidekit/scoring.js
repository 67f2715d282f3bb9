/* The checklist's scoring rule, its only implementation: window.guidekitScoring, in the
 * browser and in the engine that runs it for the build's checks and the tests
 * (guidekit/checks/engine.py's run_script). DATA is guidekit/checks/engine.py's widget_data; used here:
 * options [{id}], preference [every option id, preferred first on equal points], hybrids [{id, combines}],
 * statements [{id, favours}], constraints [{id, when: {statement, answer}, rules_out}],
 * prerequisites [{id, statement, holds_back}], thresholds {clear, leaning, case}.
 * ANSWERS: {statementId: "yes" | "no" | "unsure"}; a missing id is unanswered.
 *
 * score(DATA, ANSWERS) -> {status, outcome, strength, lead, basis, ranking, scores, ruledOut,
 *                          heldBack, notYet, parts, reasons, fired}
 *   Each "yes" adds its statement's weights to the options it favours (scores). A constraint
 *   whose answer is given rules its options out for good (fired; ruledOut: {option: [ids]}).
 *   A prerequisite not answered "yes" holds its options back (heldBack: {option: [ids]}).
 *   The options left ("available") rank by score, ties by the preference order (ranking).
 *   1. "need": when every option of a hybrid is available and reaches thresholds.case, that
 *      hybrid is the outcome (the one with the most points if several); lead = its weakest
 *      part's score minus the best option outside it.
 *   2. Else lead = top minus runner-up (or 0); on a close call the hybrid of exactly the top
 *      two ("close"), else the top ("lead", or "only" when nothing else is available).
 *   strength: "clear" if lead >= clear, "leaning" if >= leaning, else "close".
 *   status "ok"; "empty" (outcome null) until a "yes" adds to an option not ruled out, or
 *   while every such option is held back; "ruled-out" when every option is. An option held
 *   back leaves the best available one as the outcome, even without points of its own. notYet: the held-back options that the outcome would
 *   include if every prerequisite were met. parts: [{option, reasons}] per chosen option;
 *   reasons: the "yes" statements adding to the outcome's options.
 * changes(DATA, ANSWERS) -> [{statement, answer, outcome}]: each single "yes"/"no" that
 *   would give another recommendation, in statement order.
 */
(function (exports) {
  "use strict";

  /* What every decision needs from DATA, worked out once per call: the rules each statement
   * triggers and each option's place in the preference order. */
  function prepare(data) {
    const rules = {}, rank = {};
    for (const statement of data.statements) rules[statement.id] = { constraints: [], prerequisites: [] };
    for (const constraint of data.constraints) rules[constraint.when.statement].constraints.push(constraint);
    for (const prerequisite of data.prerequisites || []) rules[prerequisite.statement].prerequisites.push(prerequisite);
    data.preference.forEach((option, index) => (rank[option] = index));
    return { data, rules, rank };
  }

  /* Counts per option that one answer changes: points, supporting "yes" answers, firing
   * constraints, unmet prerequisites. Built once, then adjusted answer by answer. */
  function tallyAnswers(context, answers) {
    const tally = { points: {}, support: {}, ruled: {}, held: {} };
    for (const option of context.data.options) {
      for (const count of Object.values(tally)) count[option.id] = 0;
    }
    for (const statement of context.data.statements) apply(tally, statement, context.rules[statement.id], answers[statement.id], 1);
    return tally;
  }

  /* Adds (sign 1) or removes (sign -1) what answering `answer` to `statement` does. */
  function apply(tally, statement, rules, answer, sign) {
    if (answer === "yes") {
      for (const option in statement.favours) {
        const weight = statement.favours[option];
        tally.points[option] += sign * weight;
        if (weight) tally.support[option] += sign;
      }
    }
    for (const constraint of rules.constraints) {
      if (constraint.when.answer === answer) for (const option of constraint.rules_out) tally.ruled[option] += sign;
    }
    for (const prerequisite of rules.prerequisites) {
      if (answer !== "yes") for (const option of prerequisite.holds_back) tally.held[option] += sign;
    }
  }

  function strengthOf(data, lead) {
    return lead >= data.thresholds.clear ? "clear" : lead >= data.thresholds.leaning ? "leaning" : "close";
  }

  /* The recommendation from a tally; `ignorePrerequisites` asks what it would be once they are met. */
  function decide(context, tally, ignorePrerequisites) {
    const ranking = [];
    let open = 0, supported = false; /* one pass: decide runs once per alternative answer in changes() */
    for (const { id } of context.data.options) {
      if (tally.ruled[id]) continue;
      open++;
      supported = supported || tally.support[id] > 0;
      if (ignorePrerequisites || !tally.held[id]) ranking.push({ id, score: tally.points[id] });
    }
    ranking.sort((a, b) => b.score - a.score || context.rank[a.id] - context.rank[b.id]);
    const status = !open ? "ruled-out" : !ranking.length || !supported ? "empty" : "ok";
    const decision = { status, outcome: null, strength: null, lead: 0, basis: null, ranking, chosen: [] };
    if (status !== "ok") return decision;
    return Object.assign(decision, hybridByNeed(context, tally, ranking) || byLead(context.data, tally, ranking));
  }

  function hybridByNeed({ data, rank }, tally, ranking) {
    const points = (option) => tally.points[option];
    const hasCase = (option) => tally.support[option] && points(option) >= data.thresholds.case && ranking.some((entry) => entry.id === option);
    const total = (hybrid) => hybrid.combines.reduce((sum, option) => sum + points(option), 0);
    const firstPreferred = (hybrid) => Math.min(...hybrid.combines.map((option) => rank[option]));
    const [hybrid] = data.hybrids
      .filter((candidate) => candidate.combines.every(hasCase))
      .sort((a, b) => total(b) - total(a) || firstPreferred(a) - firstPreferred(b));
    if (!hybrid) return null;
    const best = Math.max(0, ...ranking.filter((entry) => !hybrid.combines.includes(entry.id)).map((entry) => entry.score));
    const lead = Math.max(0, Math.min(...hybrid.combines.map(points)) - best);
    return { outcome: hybrid.id, chosen: hybrid.combines, basis: "need", lead, strength: strengthOf(data, lead) };
  }

  function byLead(data, tally, ranking) {
    const [top, second] = ranking;
    const lead = top.score - (second ? second.score : 0);
    const strength = strengthOf(data, lead);
    const hybrid = strength === "close" && second && tally.support[second.id] &&
      data.hybrids.find((candidate) => candidate.combines.length === 2 && candidate.combines.includes(top.id) && candidate.combines.includes(second.id));
    if (hybrid) return { outcome: hybrid.id, chosen: hybrid.combines, basis: "close", lead, strength };
    return { outcome: top.id, chosen: [top.id], basis: second ? "lead" : "only", lead, strength };
  }

  /* {option: [ids of the rules that apply to it]}, for the explanation. */
  function byOption(rules, optionsOf) {
    const found = {};
    for (const rule of rules) optionsOf(rule).forEach((option) => (found[option] ??= []).push(rule.id));
    return found;
  }

  /* The statements answered "yes" that add points to any of `options`, in statement order. */
  function supporting(data, answers, options) {
    return data.statements.filter((statement) => answers[statement.id] === "yes" && options.some((option) => statement.favours[option] > 0)).map((statement) => statement.id);
  }

  function score(data, answers) {
    const context = prepare(data);
    const tally = tallyAnswers(context, answers);
    const decision = decide(context, tally, false);
    const ideal = decide(context, tally, true);
    const chosen = decision.chosen;
    delete decision.chosen;
    const fired = data.constraints.filter((constraint) => answers[constraint.when.statement] === constraint.when.answer);
    const unmet = (data.prerequisites || []).filter((prerequisite) => answers[prerequisite.statement] !== "yes");
    return Object.assign(decision, {
      scores: tally.points,
      ruledOut: byOption(fired, (constraint) => constraint.rules_out),
      heldBack: byOption(unmet, (prerequisite) => prerequisite.holds_back),
      notYet: ideal.chosen.filter((option) => tally.held[option] && !chosen.includes(option)),
      parts: chosen.map((option) => ({ option, reasons: supporting(data, answers, [option]) })),
      reasons: supporting(data, answers, chosen),
      fired: fired.map((constraint) => constraint.id),
    });
  }

  /* Each alternative answer is applied to the tally and undone, so this stays linear. */
  function changes(data, answers) {
    const context = prepare(data);
    const tally = tallyAnswers(context, answers);
    const current = decide(context, tally, false).outcome;
    const found = [];
    for (const statement of data.statements) {
      const was = answers[statement.id];
      const rules = context.rules[statement.id];
      const hasRules = rules.constraints.length || rules.prerequisites.length;
      for (const answer of ["yes", "no"]) {
        if (was === answer || (!hasRules && was !== "yes" && answer !== "yes")) continue; /* the tally would not change */
        apply(tally, statement, rules, was, -1);
        apply(tally, statement, rules, answer, 1);
        const outcome = decide(context, tally, false).outcome;
        apply(tally, statement, rules, answer, -1);
        apply(tally, statement, rules, was, 1);
        if (outcome && outcome !== current) found.push({ statement: statement.id, answer, outcome });
      }
    }
    return found;
  }

  exports.score = score;
  exports.changes = changes;
})((window.guidekitScoring = {}));
