"""Cited documents, in the number forms of the reference §2, with the short names defined for them."""

from __future__ import annotations

from pipeline.extract.references import find_references

TEXT = (
    "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy tại Công văn số 186-CV/TU ngày 04/01/2021 về việc triển khai "
    "thực hiện Kết luận số 93-KL/TW ngày 20/11/2020 của Ban Bí thư (*sau đây gọi tắt là Công văn số 186*); "
    "theo Quyết định số 1479/QĐ-TTg ngày 29/11/2022 của Thủ tướng Chính phủ, Nghị định số 30/2020/NĐ-CP "
    "và Chỉ thị 42-CT/TW ngày 16/4/2010 của Bộ Chính trị (sau đây gọi tắt là Chỉ thị 42, Kết luận 93). "
    "Hoàn thành trước ngày 15/12/2022; Quý I/2022."
)


def test_numbers_types_dates_and_aliases() -> None:
    refs = {r.number: r for r in find_references(TEXT)}
    assert set(refs) == {"186-CV/TU", "93-KL/TW", "1479/QĐ-TTg", "30/2020/NĐ-CP", "42-CT/TW"}
    assert refs["186-CV/TU"].doc_type == "CV" and refs["186-CV/TU"].date == "2021-01-04"
    assert refs["186-CV/TU"].alias == "Công văn số 186"
    assert refs["93-KL/TW"].alias == "Kết luận 93"
    assert refs["42-CT/TW"].alias == "Chỉ thị 42"
    assert refs["1479/QĐ-TTg"].doc_type == "QĐ"
    assert refs["30/2020/NĐ-CP"].doc_type == "NĐ"


def test_spans_cover_the_citation() -> None:
    for ref in find_references(TEXT):
        cited = TEXT[ref.span.start : ref.span.end]
        assert ref.number in cited.replace(" ", "")
        assert cited.split()[0] in {"Công", "Kết", "Quyết", "Nghị", "Chỉ"}
