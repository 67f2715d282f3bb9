"""Accessibility checks shared by the tests: axe-core findings, layout problems on narrow
screens, and the keyboard's path through a page."""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager, suppress

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_checks import browser_page, wait_until

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


AXE_SCRIPT = Axe().axe_script
# The theme adapts a page to the window's size in the frame after a load or a resize: its
# ResizeObserver callbacks set the sidebars' height and make a code block that scrolls sideways
# focusable. Each check of a page starts with the frame after that one (a busy machine once got
# in before it: a sidebar that scrolled, a code block not yet focusable).
AFTER_THE_THEME_ADAPTS = "await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));"
# axe-core's run on the current document, or null when the document has no axe-core yet.
AXE_RUN = f"""async (options) => {{
  if (!window.axe) return null;
  {AFTER_THE_THEME_ADAPTS}
  return (await axe.run(options)).violations;
}}"""


# axe-core loaded into top documents only, as a check's own injection does (frames are left as they were).
AXE_IN_TOP_DOCUMENTS = f"if (window === window.top) {{ {AXE_SCRIPT}\n}}"


def axe_page(browser, **context_options):
    """As browser_checks.browser_page, with axe-core loaded into every document the page opens:
    sent to the browser once instead of once per check (half a megabyte of script)."""
    return browser_page(browser, init_scripts=[AXE_IN_TOP_DOCUMENTS], **context_options)


class AxeFindings:
    """Violations from many axe runs, reported grouped by rule with page and element."""

    def __init__(self) -> None:
        self.by_rule: dict[str, list[str]] = defaultdict(list)
        self.help: dict[str, str] = {}

    def check(self, page, where: str) -> None:
        violations = page.evaluate(AXE_RUN, AXE_OPTIONS)
        if violations is None:  # a page opened without axe-core (not by `axe_page`)
            page.evaluate(AXE_SCRIPT)
            violations = page.evaluate(AXE_RUN, AXE_OPTIONS)
        for violation in violations:
            rule = violation["id"]
            self.help[rule] = f"{violation['impact']}: {violation['help']} ({violation['helpUrl']})"
            for node in violation["nodes"]:
                reason = (node.get("failureSummary") or "").replace("\n", " ").strip()
                self.by_rule[rule].append(f"{where}: {' > '.join(map(str, node['target']))}: {reason[:300]}")

    def report(self) -> str:
        lines = []
        for rule, places in sorted(self.by_rule.items()):
            lines.append(f"{rule} ({len(places)}) {self.help[rule]}")
            lines.extend(f"    {place}" for place in places[:15])
            if len(places) > 15:
                lines.append(f"    ... and {len(places) - 15} more")
        return "\n".join(lines)


# Visible elements that stick out of the viewport, unless they are inside an element that
# scrolls sideways on its own; and every such scrolling element, which keyboard users must be
# able to focus to scroll it: a named region, or a code block (the theme makes those focusable).
LAYOUT_PROBLEMS = (
    "async () => {\n  "
    + AFTER_THE_THEME_ADAPTS
    + """
  const width = document.documentElement.clientWidth;
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + (element.classList.length ? "." + [...element.classList].join(".") : "");
  const scrolls = (element) => ["auto", "scroll"].includes(getComputedStyle(element).overflowX)
    && element.scrollWidth > element.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
  }
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const shown = element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (!shown || box.width === 0 || box.height === 0) continue;
    if (scrolls(element)) {
      const named = element.getAttribute("aria-label") || element.getAttribute("aria-labelledby");
      const region = element.getAttribute("role") === "region" && named;
      if (element.tabIndex !== 0 || !(region || element.matches("pre > code"))) {
        problems.push(`${describe(element)} scrolls sideways but is not a focusable, named region`);
      }
    }
    let ancestor = element.parentElement;
    while (ancestor && !scrolls(ancestor)) ancestor = ancestor.parentElement;
    if (!ancestor && (box.right > width + 1 || box.left < -1)) {
      problems.push(`${describe(element)} reaches from ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    }
  }
  return problems;
}"""
)


FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const seen = element.hasAttribute("data-test-visited");
  // A visually hidden radio button (the colour scheme toggle) shows its focus on the label next to it.
  const box0 = element.getBoundingClientRect();
  const proxy = box0.width === 0 && element.nextElementSibling && element.nextElementSibling.tagName === "LABEL"
    ? element.nextElementSibling : null;
  const shown = proxy && proxy.getBoundingClientRect().width > 0 ? proxy : element;
  const box = shown.getBoundingClientRect();
  // Hit-tested at the middle of its first line: a link that wraps onto two lines has a box per
  // line, and the middle of the box around both can fall on whatever follows the link.
  const line = [...shown.getClientRects()].find((rect) => rect.width > 0 && rect.height > 0) || box;
  const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
  const onTop = document.elementFromPoint(x, y);
  return {
    name: element.tagName.toLowerCase() + " " + (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 40),
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth && shown.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    coveredBy: onTop && !shown.contains(onTop) && !onTop.contains(shown)
      ? onTop.tagName.toLowerCase() + "." + [...onTop.classList].join(".") : null,
    seen,
    inContent: !!element.closest(".md-content"),
    isSearch: element.matches(".md-search__input"),
  };
}"""


# The focused stop (FOCUSED), marked as visited in the same call (one round trip per Tab, not
# two) when it is to be judged now: at once if `judgeNow`, else only if it already shows.
VISIT_FOCUSED = f"""(judgeNow) => {{
  const stop = ({FOCUSED})();
  if (stop && !stop.seen && (judgeNow || (stop.visible && !stop.coveredBy))) document.activeElement.setAttribute("data-test-visited", "");
  return stop;
}}"""


# Judges the stops of a run of Tab presses inside the page, so that a run costs one round trip
# instead of one per stop (each stop's round trip also let the browser paint a frame: the sweeps
# spent most of their minutes on those). Before each Tab moves focus on, the stop it leaves is
# judged as VISIT_FOCUSED(false) judges it; the first stop that is not yet visible and uncovered,
# was seen before, or is not in the page halts the run: the Tabs after it are swallowed (before
# any of the page's own listeners see them), and `tab_through` takes that stop over, as a stop
# reached by a single press. A capture listener on window runs before every other listener;
# it stays in the document, but does nothing once `tab_through` is over (END_RUN).
TAB_RUN = f"""() => {{
  if (!window.gkTabRun) {{
    const run = window.gkTabRun = {{}};
    window.addEventListener("keydown", (event) => {{
      if (event.key !== "Tab" || !run.active) return;
      if (!run.halted && !run.judged) {{
        const stop = ({VISIT_FOCUSED})(false);
        if (stop && !stop.seen && stop.visible && !stop.coveredBy) run.stops.push(stop);
        else run.halted = true;
      }}
      if (run.halted) {{
        event.preventDefault();
        event.stopImmediatePropagation();
      }} else {{
        run.judged = false;
      }}
    }}, true);
  }}
  Object.assign(window.gkTabRun, {{ stops: [], halted: false, judged: true, active: true }});
}}"""

# The stops a run judged, handed over and forgotten, and the stop focus is on now (not judged
# by the run), judged as VISIT_FOCUSED(false) does.
TAKE_RUN = f"""() => {{
  const run = window.gkTabRun;
  const stops = run.stops;
  run.stops = [];
  return {{ stops, focused: ({VISIT_FOCUSED})(false) }};
}}"""

# The stop focus is on has been judged: the next run starts from it.
RESUME_RUN = "() => { window.gkTabRun.halted = false; window.gkTabRun.judged = true; }"
END_RUN = "() => { window.gkTabRun.active = false; }"


@contextmanager
def undrawn(page):
    """The page's window minimized while the block runs. The page goes on as before: it stays
    visible to its scripts, lays out, scrolls, hit-tests and runs its animation frames; but
    Chromium draws no pixels, which a keyboard sweep never looks at. In the full browser a Tab
    press then costs half to three quarters of the CPU; the headless shell, which the tests use,
    draws less anyway (a sweep about a tenth cheaper undrawn, within this machine's noise).
    Mouse input waits for drawn frames (a click takes a second), so the window is restored
    afterwards."""
    session = page.context.new_cdp_session(page)
    window = session.send("Browser.getWindowForTarget")["windowId"]
    session.send("Browser.setWindowBounds", {"windowId": window, "bounds": {"windowState": "minimized"}})
    try:
        yield
    finally:
        session.send("Browser.setWindowBounds", {"windowId": window, "bounds": {"windowState": "normal"}})
        session.detach()


def tab_through(page, limit: int = 800, run_length: int = 40) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the page or comes round to the
    start again; every stop on the way. Tab is pressed `run_length` times in one go (the key
    held down: the browser moves focus on every repeat as on a press); TAB_RUN judges the stops
    in the page as they pass."""
    with undrawn(page):
        return _tab_through(page, limit, run_length)


def _tab_through(page, limit: int, run_length: int) -> list[dict]:
    stops = []
    page.evaluate(TAB_RUN)
    while len(stops) < limit:
        page.keyboard.press("+".join(["Tab"] * run_length))
        run = page.evaluate(TAKE_RUN)
        stops += run["stops"]
        focused = run["focused"]
        if focused and (focused["coveredBy"] or not focused["visible"]):
            # The theme opens the search box and hides the previous stop's tooltip a moment
            # after focus moves: wait for the stop to show (a stop that never does is judged as it is).
            with suppress(PlaywrightTimeoutError):
                wait_until(page, f"(() => {{ const stop = ({FOCUSED})(); return !stop || (stop.visible && !stop.coveredBy); }})()", timeout_ms=2_000)
            focused = page.evaluate(VISIT_FOCUSED, True)
        if focused is None or focused["seen"]:
            page.evaluate(END_RUN)
            return stops
        stops.append(focused)
        page.evaluate(RESUME_RUN)
    raise AssertionError(f"focus did not leave the page after {limit} Tab presses (a keyboard trap?)")
