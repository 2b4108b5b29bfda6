"""Separation of duties as pure rules: what each step excludes, the refusal's words, the remark."""
from dataclasses import dataclass

from workflow_app.domain.workflows import DEFINITIONS
from workflow_app.domain.workflows.authorization import combined, refusal
from workflow_app.domain.workflows.duties import remark


@dataclass
class Record:
    did: frozenset = frozenset()
    relaxed: bool = False

    def held(self, names):
        return self.did & set(names)


@dataclass
class Person:
    id: int = 1
    roles: frozenset = frozenset({"drafter", "reviewer", "approver", "archivist"})
    organization_id: int = 1
    unit_id: int = 1


@dataclass
class Document:
    created_by_id: int = 2
    issuer_id: int = 1
    proposer_id: int = 1
    unit_id: int = 1


APPROVE = DEFINITIONS["plan"].transition_from("approve", "reviewed")
ISSUE = DEFINITIONS["plan"].transition_from("issue", "approved")
RETURN = DEFINITIONS["plan"].transition_from("return", "reviewed")


def test_the_refusal_names_what_the_user_did_and_the_rule():
    said = refusal(APPROVE, Person(), Document(), Record(frozenset({"reviewer", "authors"})))
    assert said == ("Bạn đã soạn và thẩm định văn bản này nên không thể phê duyệt: người phê duyệt không "
                    "được là người soạn, người trình hay người thẩm định văn bản "
                    "(nguyên tắc tách bạch nhiệm vụ).")
    assert refusal(ISSUE, Person(), Document(), Record(frozenset({"signer"}))).startswith(
        "Bạn đã ký văn bản này nên không thể ban hành: người ban hành không được là người ký văn bản")


def test_what_a_step_does_not_exclude_is_no_obstacle():
    everything = Record(frozenset({"authors", "submitter", "reviewer", "signer"}))
    assert refusal(RETURN, Person(), Document(), everything) is None
    assert refusal(ISSUE, Person(), Document(), Record(frozenset({"authors", "submitter"}))) is None


def test_the_relaxation_allows_the_step_and_says_what_it_combined():
    did = Record(frozenset({"submitter", "authors", "signer"}), relaxed=True)
    assert refusal(APPROVE, Person(), Document(), did) is None
    assert combined(APPROVE, did) == ("authors", "submitter")   # in the definition's order
    assert combined(ISSUE, did) == ("signer",)
    assert combined(APPROVE, Record(did.did)) == ()              # not relaxed: refused, nothing combined
    assert remark("Phê duyệt", "authors submitter") == (
        "Kiêm nhiệm theo thiết lập của cơ quan: người phê duyệt đồng thời là người soạn và người trình văn bản.")
    assert remark("Phê duyệt", "") == remark("Phê duyệt", "unknown") == ""
