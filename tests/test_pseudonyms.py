"""The kernel's pseudonym map (R4.5, R5.1): pure, tested without a database."""

from oversight.pseudonyms import PseudonymMap, letters


def test_letters_run_past_z():
    assert [letters(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_the_same_person_keeps_the_same_letter_within_one_map():
    names = PseudonymMap()
    first = names.employee(7, "Jane Doe", "Jane", "Doe")
    names.employee(9, "Sam Roe")
    assert first == "Employee A"
    assert names.employee(7, "Jane Doe") == "Employee A"
    assert names.pseudonym("employee", 7) == "Employee A"


def test_different_people_get_different_letters_per_kind():
    names = PseudonymMap()
    assert names.employee(1, "Jane Doe") == "Employee A"
    assert names.employee(2, "Sam Roe") == "Employee B"
    assert names.community_member("c1", "Ana Lopez") == "Community Member A"
    assert names.community_member("c2", "Bo Chen") == "Community Member B"


def test_redact_replaces_full_first_and_last_names_case_insensitively():
    names = PseudonymMap()
    names.employee(1, "Jane Doe", "Jane", "Doe")
    names.community_member("c", "Ana Lopez")
    text = "Officer JANE DOE spoke to ana lopez. Later Doe wrote a report; Lopez declined. jane left."
    assert names.redact(text) == (
        "Officer Employee A spoke to Community Member A. Later Employee A wrote a report; "
        "Community Member A declined. Employee A left."
    )
    assert names.leaks(names.redact(text)) == []


def test_redact_respects_word_boundaries():
    names = PseudonymMap()
    names.employee(1, "Al Ward")
    assert names.redact("Award Walden, Ward.") == "Award Walden, Employee A."


def test_a_name_split_across_a_line_break_is_still_found():
    names = PseudonymMap()
    names.employee(1, "Jane Doe")
    assert names.redact("It was Jane\nDoe who fired.") == "It was Employee A who fired."


def test_a_name_two_people_share_is_withheld_not_attributed():
    names = PseudonymMap(ambiguous="[name withheld]")
    names.employee(1, "Jane Smith")
    names.community_member("c", "Paul Smith")
    assert names.redact("Smith said so; Jane Smith did not.") == "[name withheld] said so; Employee A did not."


def test_leaks_lists_each_remaining_name_once():
    names = PseudonymMap()
    names.employee(1, "Jane Doe")
    assert names.leaks("Doe and Jane Doe and doe") == ["Doe", "Jane Doe"]


def test_an_empty_map_changes_nothing():
    assert PseudonymMap().redact("Jane Doe") == "Jane Doe"
    assert PseudonymMap().leaks("Jane Doe") == []
