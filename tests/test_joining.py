from kamerld.text.furniture import strip_furniture
from kamerld.text.joining import join_lines, keep_hyphen


def test_real_hyphens_survive_line_ends():
    assert join_lines(["de groep niet-", "stemmers stemt"]) == "de groep niet-stemmers stemt"
    assert join_lines(["provincie Noord-", "Holland"]) == "provincie Noord-Holland"
    assert join_lines(["de politie-", "inzet"]) == "de politie-inzet"


def test_soft_hyphens_are_joined():
    assert join_lines(["de ontwikkelings-", "hulp"]) == "de ontwikkelingshulp"
    assert join_lines(["een re-", "actie"]) == "een reactie"


def test_document_spelling_decides():
    text = "het wetsvoorstel ... wets-\nvoorstel"
    assert keep_hyphen("wets", "voorstel", text) is False
    assert keep_hyphen("covid", "maatregelen", "de covid-maatregelen en covid-\nmaatregelen") is True


def test_page_furniture_removed_and_kenmerk_kept():
    lines = ["Kenmerk", "2023-0000010189", "tekst", "Pagina 3 van 29", "meer"]
    f = strip_furniture(lines)
    assert f.lines == ["tekst", "meer"]
    assert f.kenmerk == "2023-0000010189"
    assert f.pages == [3]
