"""Embed pages in a portal on another site: the host page is on http://127.0.0.1, the guide site on
http://localhost (cross-site, so Chromium blocks the frames' third-party storage), with the snippets
exactly as the full pages offer them. In the full browser (conftest.FULL_CHROMIUM): the headless
shell lets such frames use storage."""

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_checks import STORAGE_PROBE, browser_page, wait_until
from conftest import serve_folder

GUIDE = "fine-tuning-vs-prompting"
COMPONENTS = ["comparison", "options/fine-tuning", "options/prompting", "options/rag", "checklist"]
HEIGHT_MESSAGE = "guidekit:embed-height"


def snippet(site: Path, component: str) -> str:
    """The "Embed this" code shown on a component's full page, as a portal owner copies it."""
    page = (site / GUIDE / component / "index.html").read_text()
    code = re.search(r"Embed this</summary>.*?<code>(.*?)</code>", page, re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", code))


@pytest.fixture(scope="module")
def servers(built_site, site_url, tmp_path_factory):
    guide_url, guide_server = serve_folder(built_site, "localhost")
    other_url, other_server = serve_folder(tmp_path_factory.mktemp("other-site"))
    (Path(other_server.RequestHandlerClass.keywords["directory"]) / "impostor.html").write_text(
        f'<!doctype html><script>parent.postMessage({{type: "{HEIGHT_MESSAGE}", height: 4321}}, "*")</script>'
    )
    portal = tmp_path_factory.mktemp("portal")
    # The snippets are built from site_url; the portal embeds the same build from another site.
    frames = [snippet(built_site, component).replace(site_url, guide_url) for component in COMPONENTS]
    assert all(guide_url in frame for frame in frames)
    themed = [
        re.sub(r'src="([^"]*embed/comparison/)"', rf'src="\1?theme={theme}"', frames[0]).replace('title="', f'id="theme-{theme}" title="')
        for theme in ("dark", "light")
    ]
    spacer = "<p>Portal text between the frames.</p>"
    (portal / "index.html").write_text(
        "<!doctype html><html><head><meta charset=utf-8><meta name=viewport content='width=device-width'>"
        "<title>Portal</title></head><body><h1>Portal</h1>" + spacer.join(frames + themed) + "</body></html>"
    )
    iframe_only = [frame.split("<script")[0] for frame in frames[:1]]  # the snippet without the host script
    (portal / "fixed.html").write_text("<!doctype html><meta charset=utf-8><title>Portal</title><h1>No host script</h1>" + "".join(iframe_only))
    portal_url, portal_server = serve_folder(portal, "127.0.0.1")
    assert portal_url.split(":")[1] != guide_url.split(":")[1]  # 127.0.0.1 vs localhost: different sites
    yield {"portal": portal_url, "guide": guide_url, "other": other_url}
    for server in (guide_server, other_server, portal_server):
        server.shutdown()


COUNT_MESSAGES = f"""
if (window === window.top) {{
  window.heightMessages = [];
  window.addEventListener("message", function (event) {{
    if (event.data && event.data.type === "{HEIGHT_MESSAGE}") window.heightMessages.push([event.origin, event.data.height]);
  }});
}}
"""


@pytest.fixture
def portal(full_chromium_page, servers):
    full_chromium_page.add_init_script(COUNT_MESSAGES)
    return full_chromium_page


def frame_of(page, iframe):
    return iframe.content_frame()


def content_height(frame) -> float:
    return frame.evaluate("() => document.body ? document.body.getBoundingClientRect().height : 0")


def frame_height(iframe) -> float:
    return iframe.evaluate("element => element.clientHeight")


# Inside an embedded page: whether its frame is as tall as its content (±2 px). The frame's
# viewport height (innerHeight) is the iframe's clientHeight.
FITS = """() => {
  const height = document.body ? document.body.getBoundingClientRect().height : 0;
  return height > 0 && Math.abs(innerHeight - height) <= 2;
}"""


def wait_for_fit(iframe) -> None:
    """Wait until the iframe is as tall as its page; fails after 10 s."""
    frame = iframe.content_frame()
    frame.wait_for_url(re.compile("^http"))  # a lazy frame is about:blank until it comes near the viewport
    wait_until(frame, f"({FITS})()")  # polled, not rAF: rAF is throttled in frames off screen


def open_portal(page, servers, width: int = 1000):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(servers["portal"])
    return page.locator("iframe[data-guidekit-embed]")


# "No more messages" can only be checked over a bounded window; it is counted in the portal's
# animation frames rather than in seconds: a resize loop posts a height every frame or few (each
# resize is measured on the next frame), so 60 frames (about a second) in a row without a message
# show there is none, however busy the machine.
QUIET_FOR_60_FRAMES = """() => {
  const count = window.heightMessages.length;
  if (count !== window.countSeen) {
    window.countSeen = count;
    window.quietFrames = 0;
  }
  return ++window.quietFrames >= 60;
}"""


@pytest.mark.parametrize("width", [1000, 360])
def test_each_frame_takes_its_content_height_without_a_loop(portal, servers, width):
    iframes = open_portal(portal, servers, width)
    assert iframes.count() == len(COMPONENTS) + 2
    for index in range(iframes.count()):
        iframe = iframes.nth(index).element_handle()
        iframe.scroll_into_view_if_needed()  # lazy frames load when they come near the viewport
        wait_for_fit(iframe)
        frame = iframe.content_frame()
        # No inner scroll bar once the frame has settled (polled: a late reflow may send one more height).
        wait_until(frame, "document.documentElement.scrollHeight <= window.innerHeight + 2")
        assert content_height(frame) > 300
    try:
        portal.wait_for_function(QUIET_FOR_60_FRAMES, polling="raf", timeout=10_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"the frames kept posting: a resize loop ({portal.evaluate('() => window.heightMessages.length')} messages)")
    settled = portal.evaluate("() => window.heightMessages.length")
    assert settled <= 3 * iframes.count()
    assert {origin for origin, _ in portal.evaluate("() => window.heightMessages")} == {servers["guide"].rstrip("/")}


def test_frames_run_with_third_party_storage_blocked(portal, servers):
    iframe = open_portal(portal, servers).first.element_handle()
    wait_for_fit(iframe)
    storage = iframe.content_frame().evaluate(STORAGE_PROBE)
    assert storage == "SecurityError"  # the condition this suite runs in; the page fixture fails on any page error


def test_messages_from_other_windows_or_origins_are_ignored(portal, servers):
    iframe = open_portal(portal, servers).first.element_handle()
    wait_for_fit(iframe)
    fitted = frame_height(iframe)
    portal.evaluate(f"() => window.postMessage({{type: '{HEIGHT_MESSAGE}', height: 1234}}, '*')")
    # The embedded window itself, navigated to another site: right window, wrong origin.
    iframe.content_frame().evaluate(f"() => {{ location.href = '{servers['other']}impostor.html' }}")
    # Counted by a listener added before the host script's: by the time the count shows the
    # message, the host has handled it too (listeners run in one dispatch).
    portal.wait_for_function("() => window.heightMessages.some(([, height]) => height === 4321)")
    assert frame_height(iframe) == fitted
    assert any(height == 1234 for _, height in portal.evaluate("() => window.heightMessages"))


@pytest.mark.parametrize(
    "system, expected", [("light", {"dark": "slate", "light": "default", None: "default"}), ("dark", {"dark": "slate", "light": "default", None: "slate"})]
)
def test_colour_scheme_follows_the_theme_parameter_or_the_system(full_chromium, servers, system, expected):
    with browser_page(full_chromium, color_scheme=system) as page:
        page.goto(servers["portal"])
        for theme, scheme in expected.items():
            iframe = page.locator(f"#theme-{theme}" if theme else "iframe[data-guidekit-embed]").first.element_handle()
            iframe.scroll_into_view_if_needed()
            frame = iframe.content_frame()
            frame.wait_for_load_state()
            assert frame.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == scheme, theme


def test_embed_pages_have_no_site_chrome_and_links_open_outside_the_frame(portal, servers):
    iframe = open_portal(portal, servers).first.element_handle()
    wait_for_fit(iframe)
    frame = iframe.content_frame()
    for chrome in [".md-header", ".md-tabs", ".md-nav", ".md-search", ".md-footer"]:
        assert frame.locator(chrome).count() == 0, chrome
    assert frame.locator("table.gk-comparison tbody tr").count() >= 5
    with portal.context.expect_page() as opened:
        frame.get_by_role("link", name=re.compile("Open in the full guide")).click()
    assert opened.value.url.endswith(f"{GUIDE}/comparison/")
    assert frame.url.endswith(f"{GUIDE}/embed/comparison/")


def test_without_the_host_script_the_frame_keeps_its_height_and_scrolls(portal, servers):
    page = portal
    page.goto(servers["portal"] + "fixed.html")
    iframe = page.locator("iframe").element_handle()
    frame = iframe.content_frame()
    frame.wait_for_load_state()
    page.wait_for_function("() => window.heightMessages.length > 0")  # the frame asked for its height
    assert frame_height(iframe) == 640  # the snippet's height attribute
    assert frame.evaluate("() => document.documentElement.scrollHeight") > 640 + 100
    frame.evaluate("() => window.scrollTo(0, 10000)")
    assert frame.evaluate("() => window.scrollY") + 640 == frame.evaluate("() => document.documentElement.scrollHeight")
