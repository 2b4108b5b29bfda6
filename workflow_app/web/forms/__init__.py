"""Flask-WTF forms. Subforms inside lists are plain wtforms.Form (one CSRF token per page).

The forms check little themselves: the services validate and answer in Vietnamese,
and field_errors.py puts each answer next to its field.
"""
from .auth import ConfirmForm, LoginForm, PasswordForm
from .commendation import CommendationForm, ImportForm, NomineeForm
from .plan import PlanForm
from .transitions import TransitionForm

__all__ = ["CommendationForm", "ConfirmForm", "ImportForm", "LoginForm", "NomineeForm",
           "PasswordForm", "PlanForm", "TransitionForm"]
