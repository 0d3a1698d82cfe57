"""content/actors.yaml: what loads, and the exact diagnostic (file:line, message, hint) for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.content.actors import check_refs, load_actors, slug
from docket.diagnostics import Diagnostics
from docket.model import Actor, Link

REL = "content/actors.yaml"


def load(tmp_path: Path, text: str) -> tuple[tuple[Actor, ...], list[str]]:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    diags = Diagnostics()
    actors = load_actors(path, REL, diags)
    return actors, [d.format() for d in diags.sorted()]


def test_missing_file_is_no_actors_and_no_diagnostic(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert load_actors(tmp_path / "actors.yaml", REL, diags) == ()
    assert diags.items == []


def test_empty_file_is_no_actors(tmp_path: Path) -> None:
    assert load(tmp_path, "# no actors yet\n") == ((), [])


def test_full_entry_loads_with_name_as_alias_and_ignore_case_added(tmp_path: Path) -> None:
    actors, diags = load(tmp_path, """\
- id: north-korea
  name: North Korea
  kind: state
  aliases: [North Korean, the North Korean government, North  Korea]
  summary: |
    A state in East Asia.
  links: [{title: Wikidata, url: "https://www.wikidata.org/wiki/Q423"}]
- id: sony
  name: Sony
  kind: company
  aliases: [Sony’s parent, Sony's parent]
  ignore_case: [SONY]
""")
    assert diags == []
    assert actors == (
        Actor(id="north-korea", path=REL, line=1, name="North Korea", kind="state",
              aliases=("North Korea", "North Korean", "the North Korean government"),
              summary="A state in East Asia.", links=(Link("Wikidata", "https://www.wikidata.org/wiki/Q423"),)),
        Actor(id="sony", path=REL, line=8, name="Sony", kind="company",
              aliases=("Sony", "Sony’s parent", "SONY"), ignore_case=("SONY",)),
    )


ERRORS = [
    pytest.param("north-korea: {name: North Korea}\n",
                 "content/actors.yaml:1: error: the actor file must be a list of actors, not a mapping "
                 "(start each actor with '- id: ...' on a new line)", id="top-level-mapping"),
    pytest.param("- id: a\n  name: A\n  kind: state\n- north-korea\n",
                 "content/actors.yaml:4: error: actor must be a mapping of 'key: value' lines, not text "
                 "(see the README's content guide for the format)", id="entry-not-mapping"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  alias: [B]\n",
                 "content/actors.yaml:4: error: unknown key 'alias' in actor (did you mean 'aliases'?)",
                 id="unknown-key"),
    pytest.param("- name: A\n  kind: state\n",
                 "content/actors.yaml:1: error: actor is missing 'id' (add 'id:' (text))", id="missing-id"),
    pytest.param("- id: a\n\n  kind: state\n",
                 "content/actors.yaml:1: error: actor is missing 'name' (add 'name:' (text))", id="missing-name"),
    pytest.param("- id: a\n  name: A\n",
                 "content/actors.yaml:1: error: actor is missing 'kind' (add 'kind:' (text))", id="missing-kind"),
    pytest.param("- id: North Korea\n  name: North Korea\n  kind: state\n",
                 "content/actors.yaml:1: error: bad actor id 'North Korea' "
                 "(use lower-case letters, digits and hyphens, e.g. 'north-korea')", id="bad-id"),
    pytest.param("- id: '-'\n  name: Dash\n  kind: state\n",
                 "content/actors.yaml:1: error: bad actor id '-' (use lower-case letters, digits and hyphens)",
                 id="bad-id-no-slug"),
    pytest.param("- id: a\n  name: A\n  kind: state\n- id: index\n  name: Index\n  kind: group\n",
                 "content/actors.yaml:4: error: actor id 'index' is reserved "
                 "(actors/index.html is a page of its own; choose another id)", id="reserved-id"),
    pytest.param("- id: a\n  name: A\n  kind: goverment\n",
                 "content/actors.yaml:3: error: unknown actor kind 'goverment' (did you mean 'government'?)",
                 id="kind-typo"),
    pytest.param("- id: a\n  name: A\n  kind: planet\n",
                 "content/actors.yaml:3: error: unknown actor kind 'planet' "
                 "(allowed kinds: person, organisation, company, government, state, media, group)",
                 id="kind-unknown"),
    pytest.param("- id: a\n  name: A\n  kind: state\n- id: b\n  name: B\n  kind: state\n"
                 "- id: a\n  name: C\n  kind: state\n",
                 "content/actors.yaml:7: error: duplicate actor id 'a' (first defined on line 1)", id="duplicate-id"),
    pytest.param("- id: sony\n  name: Sony\n  kind: company\n- id: sony-pictures\n  name: Sony Pictures\n"
                 "  kind: company\n  aliases:\n    - SPE\n    - Sony\n",
                 "content/actors.yaml:9: error: alias 'Sony' is claimed by both 'sony' and 'sony-pictures' "
                 "(an alias must name one actor; tie ambiguous passages with [text]{@actor-id})",
                 id="alias-claimed-twice"),
    pytest.param("- id: sony\n  name: Sony\n  kind: company\n- id: sony-group\n  name: Sony Group\n"
                 "  kind: company\n  ignore_case: [SONY]\n",
                 "content/actors.yaml:7: error: alias 'SONY' is claimed by both 'sony' and 'sony-group' "
                 "(an alias must name one actor; tie ambiguous passages with [text]{@actor-id})",
                 id="alias-claimed-by-ignore-case"),
    pytest.param("- id: a\n  name: The North\n  kind: state\n- id: b\n  name: the North\n  kind: state\n"
                 "  ignore_case: [the North]\n",
                 "content/actors.yaml:7: error: alias 'the North' is claimed by both 'a' and 'b' "
                 "(an alias must name one actor; tie ambiguous passages with [text]{@actor-id})",
                 id="alias-claimed-case-folded"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  links:\n    - title: Bad\n      url: javascript:alert(1)\n",
                 "content/actors.yaml:6: error: link url 'javascript:alert(1)' must start with http:// or https:// "
                 "(write the full web address, e.g. https://www.wikidata.org/wiki/Q423)", id="link-javascript"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  links: [{title: Bad, url: 'data:text/html,hi'}]\n",
                 "content/actors.yaml:4: error: link url 'data:text/html,hi' must start with http:// or https:// "
                 "(write the full web address, e.g. https://www.wikidata.org/wiki/Q423)", id="link-data"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  links: [{title: Relative, url: /wiki/Q423}]\n",
                 "content/actors.yaml:4: error: link url '/wiki/Q423' must start with http:// or https:// "
                 "(write the full web address, e.g. https://www.wikidata.org/wiki/Q423)", id="link-relative"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  links:\n    - title: No address\n",
                 "content/actors.yaml:5: error: link is missing 'url' (add 'url:' (text))", id="link-without-url"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  aliases: B\n",
                 "content/actors.yaml:4: error: 'aliases' must be a list, not text "
                 "(write [first, second] after the colon, or one '- item' line each under it)", id="aliases-not-list"),
    pytest.param("- id: a\n  name: A\n  kind: state\n  aliases:\n    - B\n    -\n",
                 "content/actors.yaml:6: error: 'aliases' must hold text, not nothing", id="alias-empty"),
    pytest.param("- id: a\n  name: ' '\n  kind: state\n",
                 "content/actors.yaml:2: error: 'name' must not be empty (write the name most sources use)",
                 id="name-empty"),
    pytest.param("- id: a\n  name: 1984\n  kind: state\n",
                 "content/actors.yaml:2: error: 'name' must be text, not a whole number "
                 "(put the value in quotes to make it text)", id="name-number"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_each_mistake_gives_one_exact_diagnostic(tmp_path: Path, text: str, expected: str) -> None:
    _, diags = load(tmp_path, text)
    assert diags == [expected]


def test_yaml_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    actors, diags = load(tmp_path, "- id: a\n  name: A\n  kind: [state\n")
    assert actors == ()
    assert len(diags) == 1 and diags[0].startswith("content/actors.yaml:4:1: error: YAML syntax error")


def test_actor_with_a_bad_optional_field_still_loads_so_references_do_not_cascade(tmp_path: Path) -> None:
    actors, diags = load(tmp_path, "- id: a\n  name: A\n  kind: state\n  alias: [B]\n  links: yes\n")
    assert diags == ["content/actors.yaml:4: error: unknown key 'alias' in actor (did you mean 'aliases'?)",
                     "content/actors.yaml:5: error: 'links' must be a list, not true/false "
                     "(write [first, second] after the colon, or one '- item' line each under it)"]
    assert [a.id for a in actors] == ["a"]


def test_actor_with_a_bad_id_or_kind_is_dropped(tmp_path: Path) -> None:
    actors, _ = load(tmp_path, "- id: Bad Id\n  name: A\n  kind: state\n- id: b\n  name: B\n  kind: planet\n"
                               "- id: c\n  name: C\n  kind: media\n")
    assert [a.id for a in actors] == ["c"]


def test_same_alias_within_one_actor_or_differing_only_in_case_is_no_conflict(tmp_path: Path) -> None:
    actors, diags = load(tmp_path, "- id: sony\n  name: Sony\n  kind: company\n  aliases: [Sony]\n"
                                   "- id: sony-music\n  name: SONY\n  kind: company\n")
    assert diags == []
    assert [a.aliases for a in actors] == [("Sony",), ("SONY",)]


def test_several_mistakes_are_all_reported(tmp_path: Path) -> None:
    _, diags = load(tmp_path, "- id: a\n  name: A\n  kind: stat\n- nope\n- id: a\n  name: B\n  kind: state\n")
    assert diags == ["content/actors.yaml:3: error: unknown actor kind 'stat' (did you mean 'state'?)",
                     "content/actors.yaml:4: error: actor must be a mapping of 'key: value' lines, not text "
                     "(see the README's content guide for the format)"]


def test_check_refs_reports_unknown_ids_with_a_suggestion() -> None:
    actors = (Actor("north-korea", REL, 1, "North Korea", "state"), Actor("sony", REL, 5, "Sony", "company"))
    diags = Diagnostics()
    check_refs([("north-korae", "content/timeline.yaml", 42), ("sony", "content/timeline.yaml", 43),
                ("zzz", "content/annotations/x.yaml", 7)], actors, diags)
    assert [d.format() for d in diags.sorted()] == [
        "content/annotations/x.yaml:7: error: unknown actor 'zzz' (actors are defined in content/actors.yaml)",
        "content/timeline.yaml:42: error: unknown actor 'north-korae' (did you mean 'north-korea'?)",
    ]


def test_slug_makes_a_valid_id_from_a_name() -> None:
    assert slug("Côte d’Ivoire") == "cote-d-ivoire"
    assert slug("  U.S. Department of Homeland Security ") == "u-s-department-of-homeland-security"
