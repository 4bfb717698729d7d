"""The catalog in a real browser: headless Chromium (Debian's, driven by playwright) opens a catalog's
index.html from file:// with the network off and checks what a user sees.

    python3 Tests/Browser/catalog_browser.py SITE_DIR SCREENSHOT_DIR

Checks: every row is listed, also under a hostile URL fragment (#__proto__=x, #constructor=1, a broken
escape); a facet and a search filter the rows and update the counts; the filter
lives in the URL (a reload keeps it); a file page opens, its script draws the object tree, a name opens
its attributes, a group folds and unfolds, and a link to a folded object unfolds the groups above it; with previews (--thumbnails), every preview image on the index and on the
pages decodes in the browser at the PNG's own size; no request leaves file://. Screenshots of the index
(unfiltered and filtered), a file page, a type page and a page with previews are saved in
SCREENSHOT_DIR and their paths printed. Exit status 0 when every check holds, 1 otherwise.
"""
import json
import os
import re
import struct
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(shots, exist_ok=True)
html = open(os.path.join(site, "index.html"), encoding="utf-8").read()
rows = json.loads(re.search(r'<script type="application/json" id="rows">(.*?)</script>', html, re.S).group(1))
failures = []

# The words of the elements `selector` finds that the browser breaks across lines ("Descriptio/n", a count
# "4 / 9"): each word's text boxes must lie on one line (a break after a hyphen or a slash is a word's end).
BROKEN_WORDS = """(selector) => {
    const broken = [];
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const pattern = /[^\\s\\/-]+/g;
            let match;
            while ((match = pattern.exec(node.textContent))) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def executable():
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            return path
    return None


with sync_playwright() as driver:
    browser = driver.chromium.launch(executable_path=executable(), args=["--no-sandbox"])
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    outside = []
    context.on("request", lambda request: None if request.url.startswith("file://") else outside.append(request.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    index = "file://" + os.path.join(site, "index.html")
    page.goto(index)
    shown = min(len(rows), 200)
    check(page.locator("#files tbody tr").count() == shown, f"the index lists {shown} of {len(rows)} rows")
    check(str(len(rows)) in page.locator("#status").inner_text(), "the status names every file")
    page.screenshot(path=os.path.join(shots, "index.png"), full_page=False)
    # The table comes first: its first row is on the first screen (the dataset in words is folded above it).
    first_row_top = page.evaluate("document.querySelector('#files tbody tr').getBoundingClientRect().top")
    check(first_row_top < 900, f"the first file's row is on the first screen (at {first_row_top:.0f} px)")
    narrow = browser.new_page(viewport={"width": 800, "height": 900})
    narrow.goto(index)
    first_row_top = narrow.evaluate("document.querySelector('#files tbody tr').getBoundingClientRect().top")
    check(first_row_top < 900, f"at 800 px too, the facets folded above the table ({first_row_top:.0f} px)")
    narrow.screenshot(path=os.path.join(shots, "index-800.png"), full_page=False)
    narrow.close()
    # Sizes read in units, the exact count in the tooltip.
    sizes = page.evaluate("""Array.from(document.querySelectorAll('#files tbody tr')).map(tr => {
        const cells = [...tr.children], header = [...document.querySelectorAll('#files thead th')].map(th => th.textContent);
        const cell = cells[header.findIndex(text => text.startsWith('Size'))];
        return cell ? [cell.textContent, cell.title] : null; })""")
    check(bool(sizes) and all(size and re.fullmatch(r"\d+(\.\d+)? (bytes?|kB|MB|GB|TB)", size[0]) and size[1].endswith(" bytes")
                              for size in sizes), f"sizes are shown in units, exact bytes in the tooltip ({sizes[:2]})")
    # No header, facet label or count breaks inside a word, at 1400 and at 800 pixels wide.
    page.evaluate("document.querySelectorAll('#facets details, details#dataset').forEach(d => d.open = true)")
    for width in (1400, 800):
        page.set_viewport_size({"width": width, "height": 900})
        broken = page.evaluate(BROKEN_WORDS, "#files thead th, #facets label, table.dataset th")
        check(not broken, f"at {width} px no header or facet label breaks inside a word ({broken[:5]})")
        wide = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        check(wide[0] <= wide[1], f"at {width} px the page needs no horizontal scrolling ({wide[0]} of {wide[1]} px)")
        spilled = page.evaluate("""[...document.querySelectorAll('#files th, #files td')]
            .filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.textContent.slice(0, 40))""")
        check(not spilled, f"at {width} px no cell's text spills out of its box ({spilled[:3]})")
    # Paths are shown from the folder the inputs share; the whole path is in the tooltip.
    link = page.locator("#files tbody tr a").first
    check(link.get_attribute("title") in {row["path"] for row in rows} and len(link.inner_text()) <= len(link.get_attribute("title")),
          f"a row shows its path from the shared folder ({link.inner_text()}), the whole path in its tooltip")
    page.set_viewport_size({"width": 1400, "height": 900})

    # Hostile URL fragments: the rows are still listed and nothing throws.
    for fragment in ["__proto__=x", "constructor=1", "%E0%A4%A", "sort=__proto__", "toString=1&q=%", "__proto__"]:
        before = len(errors)
        page.goto(index + "#" + fragment)
        page.reload()
        check(page.locator("#files tbody tr").count() == shown and len(errors) == before,
              f"the index with #{fragment} lists its rows")
    page.goto(index)

    # A facet: the first species.
    species = sorted({row["species"] for row in rows if row.get("species")})
    if species:
        chosen = species[0]
        expected = [row for row in rows if row.get("species") == chosen]
        label = page.locator("details[data-facet=species] label", has_text=chosen).first
        label.locator("input").check()
        check(page.locator("#files tbody tr").count() == min(200, len(expected)),
              f"the species facet '{chosen}' keeps {len(expected)} rows")
        check("species=" in page.url, "the facet is in the URL")
        # The summary line and the charts follow the filter.
        shown_text = page.locator("#shown").inner_text()
        check(shown_text.startswith(f"{len(expected)} of {len(rows)} NWB files"),
              f"the dataset's line counts the {len(expected)} files the filter keeps ({shown_text})")
        bars = page.evaluate("[...document.querySelectorAll('#species-chart text')].map(t => t.textContent)")
        check(bars == [chosen, str(len(expected))], f"the species chart shows the kept files only ({bars})")
        # Another facet's counts follow the filter.
        nwb_counts = {}
        for row in expected:
            key = row.get("nwbVersion") or "(none)"
            nwb_counts[key] = nwb_counts.get(key, 0) + 1
        version, count = sorted(nwb_counts.items())[0]
        facet_label = page.locator("details[data-facet=nwbVersion] label", has_text=version).first
        check(facet_label.locator("span.count").inner_text() == str(count),
              f"the NWB-version facet counts {count} filtered files for {version}")
        # A search within the filter.
        needle = expected[0]["path"].split("/")[-1]
        page.fill("#search", needle)
        matching = [row for row in expected if needle.lower() in (row["path"] + " " + (row.get("description") or "") + " " + " ".join(row["neurodataTypes"])).lower()]
        check(page.locator("#files tbody tr").count() == min(200, len(matching)), f"searching '{needle}' keeps {len(matching)} rows")
        page.screenshot(path=os.path.join(shots, "index-filtered.png"), full_page=False)
        filtered_url = page.url
        page.goto("about:blank")
        page.goto(filtered_url)
        check(page.locator("#files tbody tr").count() == min(200, len(matching)), "a reload of the filtered URL keeps the filter")
        check(page.input_value("#search") == needle, "and the search text")

    # A file page: the tree expands.
    page.goto(index)
    page.locator("#files tbody tr a").first.click()
    page.wait_for_load_state()
    check(page.url.startswith("file://") and "/files/" in page.url, "a row's link opens its file page")
    tree = page.locator(".tree div.object")
    check(tree.count() > 0, f"the file page draws the object tree ({tree.count()} objects drawn)")
    page.locator(".tree b.name").first.click()
    check(page.locator(".tree table.attributes").count() == 1, "an object's name opens its attributes")
    page.screenshot(path=os.path.join(shots, "file.png"), full_page=False)
    for width in (1400, 800):
        page.set_viewport_size({"width": width, "height": 900})
        broken = page.evaluate(BROKEN_WORDS, "th")
        check(not broken, f"at {width} px no label of the file page breaks inside a word ({broken[:5]})")
    page.set_viewport_size({"width": 1400, "height": 900})
    # Folding: the first group below the root with members drawn hides them, and shows them again.
    visible = lambda: page.evaluate("Array.from(document.querySelectorAll('.tree div.object')).filter(e => e.offsetParent !== null).length")
    before = visible()
    group_id = page.evaluate("""(() => {
        const groups = [...document.querySelectorAll('.tree div.object div.children div.object')]
            .filter(e => e.querySelector(':scope > div.children > div.object'));
        return groups.length ? groups[0].id : null; })()""")
    if group_id:
        group_row = page.locator(f"[id='{group_id}']")
        group = group_row.locator(":scope > div.line > button.fold")
        members = page.locator(f"[id='{group_id}'] > div.children > div.object").count()
        group.click()
        check(visible() <= before - members and members > 0, f"folding a group hides its {members} members and what they hold")
        check(group.get_attribute("aria-expanded") == "false", "its button says it is folded")
        group.click()
        check(visible() == before, "unfolding it shows them again")
    # A link to an object (a soft link's target) unfolds the groups above it and marks it.
    links = page.locator(".tree div.line a")
    if links.count():
        target = links.first.get_attribute("href")[1:]
        page.locator(".tree button.fold:not(.leaf)").first.click()  # fold the root: the target is hidden
        links_gone = page.locator(f"[id='{target}']").evaluate("e => e.offsetParent === null")
        page.evaluate(f"location.hash = '{target}'")
        page.wait_for_function(f"document.getElementById('{target}') && document.getElementById('{target}').offsetParent !== null")
        check(links_gone and page.locator(f"[id='{target}'].target").count() == 1, "a link to a folded object unfolds the groups above it")

    # Previews: each image decodes at its PNG's own size.
    previews = os.path.join(site, "previews")
    if os.path.isdir(previews):
        def png_size(name):
            with open(os.path.join(site, name), "rb") as handle:
                head = handle.read(24)
            return struct.unpack(">II", head[16:24])
        page.goto(index)
        thumbs = page.locator("#files img.thumbnail")
        # The index loads its previews lazily: those far below the fold may wait for a scroll, so each is
        # asked for now (a lazy image is `complete` only once it has loaded).
        page.evaluate("document.querySelectorAll('#files img.thumbnail').forEach(i => { i.loading = 'eager'; })")
        page.wait_for_function("Array.from(document.querySelectorAll('#files img.thumbnail')).every(i => i.complete)")
        decoded = page.evaluate("Array.from(document.querySelectorAll('#files img.thumbnail')).map(i => [i.getAttribute('src'), i.naturalWidth, i.naturalHeight])")
        check(thumbs.count() == min(200, sum(1 for row in rows if row.get("thumbnail"))) and thumbs.count() > 0,
              f"the index shows {thumbs.count()} previews, one per file that has one")
        check(all(tuple(size) == png_size(src) for src, *size in decoded), "every index preview decodes at its PNG's size")
        with_preview = next(row for row in rows if row.get("thumbnail"))
        page.goto("file://" + os.path.join(site, with_preview["page"]))
        page.wait_for_function("Array.from(document.querySelectorAll('.previews img')).every(i => i.complete)")
        decoded = page.evaluate("Array.from(document.querySelectorAll('.previews img')).map(i => [i.getAttribute('src').replace('../', ''), i.naturalWidth, i.naturalHeight])")
        check(len(decoded) > 0 and all(tuple(size) == png_size(src) for src, *size in decoded),
              f"the file page's {len(decoded)} previews decode at their PNGs' sizes")
        # A tiny image's thumbnail shows its pixel grid; a larger one's does not.
        tiny = page.evaluate("""[...document.querySelectorAll('.previews img')].map(i => [i.naturalWidth,
            i.width / Math.max(1, i.naturalWidth), !!i.closest('.tiny')])""")
        check(all(gridded == (width <= 32 and cell >= 8) for width, cell, gridded in tiny if width),
              f"tiny previews show their pixel grid on the page ({tiny[:3]})")
        # A preview opens at full size, larger than on the page, and closes again.
        first = page.locator(".previews img").first
        shown_width = first.evaluate("i => i.getBoundingClientRect().width")
        first.click()
        zoomed = page.evaluate("(() => { const z = document.getElementById('zoom'), i = z.querySelector('img'); return [z.hidden, i.complete && i.naturalWidth > 0, i.getBoundingClientRect().width]; })()")
        check(zoomed[0] is False and zoomed[1] and zoomed[2] > shown_width, f"a preview opens large ({zoomed[2]:.0f} px wide, {shown_width:.0f} on the page)")
        page.screenshot(path=os.path.join(shots, "preview-large.png"), full_page=False)
        page.locator("#zoom").click()
        check(page.evaluate("document.getElementById('zoom').hidden"), "and closes with a click")
        page.locator(".previews").scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(shots, "previews.png"), full_page=False)
    # Signals: each plot has its channels' paths and axes in the series' unit and seconds.
    plotted = [row for row in rows if os.path.exists(os.path.join(site, row["page"]))
               and "<svg class=\"signal\"" in open(os.path.join(site, row["page"]), encoding="utf-8").read()]
    if plotted:
        page.goto("file://" + os.path.join(site, plotted[0]["page"]))
        plots = page.evaluate("""[...document.querySelectorAll('svg.signal')].map(svg => [
            [...svg.querySelectorAll('path')].filter(p => (p.getAttribute('d') || '').length > 10).length,
            [...svg.querySelectorAll('text.axis')].map(t => t.textContent)])""")
        check(bool(plots) and all(paths > 0 and any(t.endswith(" s") for t in texts) and len(texts) >= 5 for paths, texts in plots),
              f"{len(plots)} signal plots each draw their channels with labelled axes ({plots[0][1] if plots else []})")
        page.locator("svg.signal").first.scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(shots, "signals.png"), full_page=False)
    rastered = [row for row in rows if "<svg class=\"raster\"" in open(os.path.join(site, row["page"]), encoding="utf-8").read()]
    if rastered:
        page.goto("file://" + os.path.join(site, rastered[0]["page"]))
        rasters = page.evaluate("""[...document.querySelectorAll('svg.raster')].map(svg => [
            (svg.querySelector('path').getAttribute('d').match(/M/g) || []).length,
            [...svg.querySelectorAll('text.axis')].map(t => t.textContent)])""")
        check(bool(rasters) and all(ticks > 0 and any(t.endswith(" s") for t in texts) for ticks, texts in rasters),
              f"{len(rasters)} spike rasters draw their spikes with a labelled time axis ({[r[0] for r in rasters]} ticks)")
    # Findings (with --checks) grouped by importance, each group counted, the CRITICAL ones open.
    flagged = [row for row in rows if row.get("checks") not in (None, "passed")]
    if flagged:
        page.goto("file://" + os.path.join(site, flagged[0]["page"]))
        groups = page.evaluate("""[...document.querySelectorAll('details.findings')].map(d => [
            d.querySelector('.level').textContent, d.querySelector('summary').textContent, d.querySelectorAll('p').length, d.open])""")
        counted = all(summary.endswith(f" {count} finding" + ("" if count == 1 else "s")) for _, summary, count, _ in groups)
        order = [level for level, *_ in groups]
        ranks = {"CRITICAL": 2, "BEST_PRACTICE_VIOLATION": 1, "BEST_PRACTICE_SUGGESTION": 0}
        check(bool(groups) and counted and order == sorted(order, key=lambda level: -ranks.get(level, -1))
              and all(is_open for level, _, _, is_open in groups if level == "CRITICAL"),
              f"a file page groups its findings by importance with counts ({[(g[0], g[2]) for g in groups]})")
        page.screenshot(path=os.path.join(shots, "findings.png"), full_page=False)
    type_page = "file://" + os.path.join(site, "types", "1.html")
    page.goto(type_page)
    check(page.locator("ul li a").count() >= 1, "the type page lists its files")
    heading = page.locator("h1").inner_text()
    check(re.search(r"(: |, )(1 file|\d+ files)$", heading) is not None and not heading.endswith(" 1 files"),
          f"the type page's title counts its files in words ({heading})")
    named = [row.get("structuralTypeName", "") for row in rows]
    check(all(named) and sum(not re.fullmatch(r"Type \d+", name) for name in named) >= len(named) // 2,
          f"structural types are named by what sets them apart ({sorted(set(named))[:3]})")
    page.screenshot(path=os.path.join(shots, "type.png"), full_page=False)

    # Accessibility: axe-core finds no serious or critical violation on the index, a file page and a type page;
    # the keyboard reaches the facets, the table's headers (Enter sorts) and the tree's toggles.
    axe = Axe()
    for label, url in [("the index", index), ("a file page", "file://" + os.path.join(site, rows[0]["page"])),
                       ("a type page", type_page)]:
        page.goto(url)
        found = [(v["id"], v["impact"], len(v["nodes"])) for v in axe.run(page).response["violations"]
                 if v["impact"] in ("serious", "critical")]
        check(not found, f"axe-core finds no serious or critical violation on {label} ({found[:3]})")
    page.goto(index)
    focusable = page.evaluate("""[
        [...document.querySelectorAll('#facets input')].every(e => e.tabIndex >= 0 && !e.disabled),
        [...document.querySelectorAll('#files thead th')].every(e => e.tabIndex >= 0)]""")
    check(all(focusable), f"facets and table headers take keyboard focus ({focusable})")
    page.locator('#files thead th[data-key="objects"]').focus()
    page.keyboard.press("Enter")
    check("sort=objects" in page.url and page.evaluate("document.activeElement.dataset.key") == "objects",
          "Enter on a focused header sorts by it and keeps the focus there")
    page.goto("file://" + os.path.join(site, rows[0]["page"]))
    check(page.evaluate("[...document.querySelectorAll('.tree button.fold')].every(b => b.tabIndex >= 0)"),
          "the tree's toggles are buttons the keyboard reaches")
    check(not outside, f"no request left file:// ({outside[:3]})")
    check(not errors, f"no script error ({errors[:3]})")
    browser.close()

for name in ("index.png", "index-800.png", "findings.png", "preview-large.png", "signals.png", "index-filtered.png", "file.png", "type.png", "previews.png"):
    path = os.path.join(shots, name)
    if os.path.exists(path):
        print("screenshot:", path)
sys.exit(1 if failures else 0)
