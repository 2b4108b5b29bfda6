"""Declarative workflows (definitions as data) and the engine that fires them."""
from .definitions import DEFINITIONS, STATES, StateDef, TransitionDef, WorkflowDefinition
from .engine import ENGINES, WorkflowEngine, engine_for

__all__ = ["DEFINITIONS", "ENGINES", "STATES", "StateDef", "TransitionDef", "WorkflowDefinition",
           "WorkflowEngine", "engine_for"]
