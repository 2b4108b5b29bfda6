"""Lays out a workflow definition as SVG shapes: states top to bottom, returns on the right,
a step that stops the workflow (Hủy) on the left.

Drawn from the same WorkflowDefinition the engine fires, so the picture cannot drift
from the process. Returns plain numbers; the template writes the SVG.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext

from ..domain.workflows.duties import LABELS as DUTY_LABELS
from ..domain.workflows.model import WorkflowDefinition
from .presenters import role_label, state_label

BOX_X, BOX_W, BOX_H, ROW = 40, 220, 52, 120
TOP = 20
LANE_X, LANE_GAP = 520, 24


@dataclass(frozen=True)
class Box:
    name: str
    label: str
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    path: str
    labels: tuple[tuple[int, int, str, str], ...]   # (x, y, text, css class)


def who(transition) -> str:
    if transition.scope == "proposer_leader":   # signs the proposing body's Tờ trình
        return gettext("Chủ tịch (hoặc Phó Chủ tịch ký thay) của cơ quan đề nghị")
    if transition.scope == "unit_head":         # signs the drafting unit's Tờ trình
        return gettext("trưởng đơn vị soạn thảo")
    if transition.roles:
        return ", ".join(role_label(r) for r in transition.roles)
    return gettext("người tạo văn bản")


def excluded(transition) -> str:
    """Who may not take the step (separation of duties): "người soạn, người trình, người thẩm định"."""
    return ", ".join(gettext(DUTY_LABELS[name]) for name in transition.excludes)


def mermaid(definition: WorkflowDefinition) -> str:
    """The same process as Mermaid text, for anyone who wants to redraw it elsewhere."""
    lines = ["stateDiagram-v2", f"    [*] --> {definition.initial}"]
    lines += [f"    {t.source} --> {t.dest}: {t.label} ({who(t)})" for t in definition.transitions]
    return "\n".join(lines)


def layout(definition: WorkflowDefinition) -> dict:
    order = list(definition.state_names)
    ys = {name: TOP + i * ROW for i, name in enumerate(order)}
    boxes = [Box(name, state_label(name), BOX_X, ys[name]) for name in order]
    forward, backward, stopping = [], {}, []
    for t in definition.transitions:
        if definition.stops(t):   # down the left margin, named beside the state it ends in
            y1, y2 = ys[t.source] + BOX_H // 2, ys[t.dest] + BOX_H // 2
            stopping.append(Edge(f"M{BOX_X},{y1} L{BOX_X - 24},{y1} L{BOX_X - 24},{y2} L{BOX_X - 2},{y2}",
                                 ((BOX_X + BOX_W + 12, y2 + 5, f"{gettext(t.label)} — {who(t)}", "back"),)))
        elif order.index(t.dest) > order.index(t.source):
            x = BOX_X + BOX_W // 2
            y1, y2 = ys[t.source] + BOX_H, ys[t.dest]
            middle = (y1 + y2) // 2
            forward.append(Edge(f"M{x},{y1} L{x},{y2 - 2}",
                                ((x + 14, middle - 4, gettext(t.label), "label"),
                                 (x + 14, middle + 14, who(t), "roles"))))
        else:
            backward.setdefault(t.source, []).append(t)
    edges_back = []
    for k, (source, transitions) in enumerate(sorted(backward.items(), key=lambda item: order.index(item[0]))):
        lane = LANE_X + k * LANE_GAP
        start_y = ys[source] + BOX_H // 2
        target = transitions[0].dest
        end_y = ys[target] + BOX_H - 12 - k * 9
        path = (f"M{BOX_X + BOX_W},{start_y} L{lane},{start_y} L{lane},{end_y} "
                f"L{BOX_X + BOX_W + 2},{end_y}")
        labels = tuple((BOX_X + BOX_W + 12, start_y - 6 - 15 * j, f"{gettext(t.label)} — {who(t)}", "back")
                       for j, t in enumerate(transitions))
        edges_back.append(Edge(path, labels))
    width = LANE_X + max(len(backward), 1) * LANE_GAP + 20
    height = TOP + (len(order) - 1) * ROW + BOX_H + 20
    return {"boxes": boxes, "forward": forward, "backward": edges_back + stopping, "width": width, "height": height,
            "box_w": BOX_W, "box_h": BOX_H}
