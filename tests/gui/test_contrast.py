"""Text contrast (WCAG 2.x, AA: 4.5:1) of every colour the app puts text in, on the backgrounds that
text sits on, in the light and the dark theme; and the contrast function itself."""

from __future__ import annotations

import pytest

from bouncedesk.ui import theme
from bouncedesk.ui.theme import DARK, LIGHT, contrast_ratio, relative_luminance

AA = 4.5
THEMES = {"light": LIGHT, "dark": DARK}


def test_contrast_ratio_is_wcag_2():
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)  # order does not matter
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # known pairs (WebAIM's checker): #767676 on white is the lightest AA grey
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)
    # the reported problems: the old state colours on white
    assert contrast_ratio("#e0a458", "#ffffff") < 2.3  # "retrying", was ≈ 2.2:1
    assert contrast_ratio("#3c8d5a", "#ffffff") < 4.5  # "active"


def _backgrounds(c: theme.Colors) -> dict[str, str]:
    return {name: getattr(c, name) for name in theme.TEXT_BACKGROUNDS}


@pytest.mark.parametrize("name", THEMES)
def test_every_state_colour_reads_on_every_background(name):
    c = THEMES[name]
    bad = []
    for state, field in theme.STATE_COLORS.items():
        fg = getattr(c, field)
        for bg_name, bg in _backgrounds(c).items():
            r = contrast_ratio(fg, bg)
            if r < AA:
                bad.append(f"{state} {fg} on {bg_name} {bg}: {r:.2f}")
    assert not bad, bad


@pytest.mark.parametrize("name", THEMES)
def test_kind_and_message_colours_as_text(name):
    """The kind column of the Bounces list, the ok/error lines of dialogs, muted text, header text."""
    c = THEMES[name]
    used_as_text = {f"{k} (kind)": getattr(c, f"{k}_text") for k in theme.KIND_ORDER}
    used_as_text |= {"ok": c.ok, "danger": c.danger, "muted": c.muted, "text": c.text, "warn_text": c.warn_text}
    bad = [f"{what} {fg} on {bg_name}: {contrast_ratio(fg, bg):.2f}"
           for what, fg in used_as_text.items() for bg_name, bg in _backgrounds(c).items()
           if contrast_ratio(fg, bg) < AA]
    assert not bad, bad


@pytest.mark.parametrize("name", THEMES)
def test_white_on_selection_and_buttons(name):
    c = THEMES[name]
    # selected rows, the sidebar's current page, primary and checked buttons
    assert contrast_ratio("#ffffff", c.selection) >= AA
    # a disabled button (also a primary one) shows muted text on alt_base
    assert contrast_ratio(c.muted, c.alt_base) >= AA
    # the sidebar's other entries
    assert contrast_ratio(c.text, c.sidebar) >= AA


@pytest.mark.parametrize("name", THEMES)
def test_the_stylesheet_uses_the_readable_colours(qapp, name):
    """What the widgets get: the palette's highlight and the stylesheet's button rules."""
    app = qapp
    sheet, palette = app.styleSheet(), app.palette()
    try:
        c = theme.apply_theme(app, name)
        pal = app.palette()
        assert contrast_ratio(pal.highlightedText().color().name(), pal.highlight().color().name()) >= AA
        text = app.styleSheet()
        assert f"background: {c.selection}; color: #ffffff" in text
        assert "QPushButton[primary=\"true\"]:disabled" in text
        for state in theme.STATE_COLORS:
            fg = theme.state_color(state).name()
            assert all(contrast_ratio(fg, bg) >= AA for bg in _backgrounds(c).values()), state
        for kind in theme.KIND_ORDER:
            assert all(contrast_ratio(theme.kind_text_color(kind), bg) >= AA for bg in _backgrounds(c).values())
    finally:
        theme.apply_theme(app, "light")
        app.setStyleSheet(sheet)
        app.setPalette(palette)
