/* Content checks that need the checklist's scoring rule, run by guidekit/checks/scoring.py
 * in the engine of guidekit/checks/engine.py's run_script (never loaded by a browser): with
 * `input` = {"checklist": DATA} and scoring.js loaded, its value is
 * {"unreachable": [choice ids], "ties": [[option id, option id], ...], "exhaustive": bool}. DATA is the
 * checklist page's own data (guidekit/checks/engine.py's widget_data).
 *
 * The rule itself is not repeated here: every answer set is judged by scoring.js's score().
 * - unreachable: the options and hybrids that no answer set found recommends; "exhaustive"
 *   says whether every answer set was tried (only then is "no answers can" certain). Small
 *   checklists are searched exhaustively; larger ones from the scenarios, one seed per
 *   choice (its statements answered yes) and seeded random starts, each improved one answer
 *   at a time towards the choice until no single change helps.
 * - ties: pairs of options whose scores are equal with no answer, and with each statement
 *   answered yes on its own, so no combination of answers can ever separate them.
 * A caller that scored the scenarios' answers already passes the results as
 * input.scenario_results (in the order of DATA's scenarios), so they are not scored twice.
 */
"use strict";

var scoring = guidekitScoring;
var data = input.checklist;

var ANSWERS = ["yes", "no", "unsure"];
var EXHAUSTIVE_LIMIT = "exhaustive_limit" in input ? input.exhaustive_limit : 20000; /* answer sets: 3^9 = 19683 */
var RANDOM_STARTS = 12;

var ids = data.statements.map(function (s) { return s.id; });
var options = data.options.map(function (o) { return o.id; });
var choices = options.concat(data.hybrids.map(function (h) { return h.id; }));
var reached = {};

function judge(answers) {
  var result = scoring.score(data, answers);
  if (result.outcome) reached[result.outcome] = true;
  return result;
}

function exhaustive() {
  var total = Math.pow(ANSWERS.length, ids.length);
  for (var n = 0; n < total; n++) {
    var answers = {}, rest = n;
    ids.forEach(function (id) { answers[id] = ANSWERS[rest % 3]; rest = Math.floor(rest / 3); });
    judge(answers);
  }
}

/* How close a result is to recommending `target`: higher is closer, Infinity when it does. */
function closeness(target, result) {
  if (result.outcome === target) return Infinity;
  var hybrid = data.hybrids.filter(function (h) { return h.id === target; })[0];
  var wanted = hybrid ? hybrid.combines : [target];
  var blocked = wanted.filter(function (id) { return result.ruledOut[id] || result.heldBack[id]; }).length;
  if (blocked) return -1000 * blocked;
  var open = options.filter(function (id) { return !result.ruledOut[id]; });
  var others = open.filter(function (id) { return wanted.indexOf(id) < 0; })
    .map(function (id) { return result.scores[id]; });
  var best = others.length ? Math.max.apply(null, others) : -Infinity;
  var own = wanted.map(function (id) { return result.scores[id]; });
  var ahead = Math.min.apply(null, own) - best; /* the wanted options' lead over the rest */
  if (!hybrid) return Math.min(ahead, data.thresholds.leaning) + result.scores[target] / 1000;
  /* a hybrid needs each part to reach the case threshold, or its two parts close and ahead */
  var needGap = Math.max(0, data.thresholds["case"] - Math.min.apply(null, own));
  var closeGap = Math.max(0, Math.abs(own[0] - own[1]) - data.thresholds.leaning + 1) + Math.max(0, 1 - ahead);
  return -Math.min(needGap, closeGap) + (own[0] + own[1] - Math.max(0, best)) / 1000;
}

function climb(target, start) {
  var answers = Object.assign({}, start), current = closeness(target, judge(answers));
  while (current !== Infinity) {
    var best = null, bestScore = current;
    ids.forEach(function (id) {
      ANSWERS.forEach(function (answer) {
        if (answers[id] === answer) return;
        var trial = Object.assign({}, answers);
        trial[id] = answer;
        var score = closeness(target, judge(trial));
        if (score > bestScore) { best = trial; bestScore = score; }
      });
    });
    if (!best) return;
    answers = best;
    current = bestScore;
  }
}

function seededRandom(seed) { /* mulberry32: the same starts on every run */
  return function () {
    seed = (seed + 0x6d2b79f5) | 0;
    var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function search() {
  if (input.scenario_results) {
    input.scenario_results.forEach(function (result) { if (result.outcome) reached[result.outcome] = true; });
  } else {
    (data.scenarios || []).forEach(function (scenario) { judge(scenario.answers); });
  }
  var random = seededRandom(ids.length * 7919 + choices.length);
  choices.forEach(function (target) {
    if (reached[target]) return;
    var hybrid = data.hybrids.filter(function (h) { return h.id === target; })[0];
    var wanted = hybrid ? hybrid.combines : [target];
    var seed = {};
    var needed = (data.prerequisites || []).filter(function (p) {
      return p.holds_back.some(function (id) { return wanted.indexOf(id) >= 0; });
    }).map(function (p) { return p.statement; });
    data.statements.forEach(function (s) {
      seed[s.id] = needed.indexOf(s.id) >= 0 || wanted.some(function (id) { return s.favours[id] > 0; }) ? "yes" : "unsure";
    });
    climb(target, seed);
    for (var n = 0; n < RANDOM_STARTS && !reached[target]; n++) {
      var start = {};
      ids.forEach(function (id) { start[id] = ANSWERS[Math.floor(random() * 3)]; });
      climb(target, start);
    }
  });
}

function ties() {
  var answerSets = [{}].concat(ids.map(function (id) { var one = {}; one[id] = "yes"; return one; }));
  var results = answerSets.map(function (answers) { return scoring.score(data, answers); });
  var found = [];
  options.forEach(function (a, i) {
    options.slice(i + 1).forEach(function (b) {
      if (results.every(function (r) { return r.scores[a] === r.scores[b]; })) found.push([a, b]);
    });
  });
  return found;
}

var tryEveryAnswer = Math.pow(ANSWERS.length, ids.length) <= EXHAUSTIVE_LIMIT;
if (tryEveryAnswer) exhaustive();
else search();
({
  unreachable: choices.filter(function (id) { return !reached[id]; }),
  ties: ties(),
  exhaustive: tryEveryAnswer,
});
