"""Flask-WTF forms (each kind's editor form is in its package: workflow_app/kinds/<kind>/editor.py).
Subforms inside lists are plain wtforms.Form (one CSRF token per page).

The forms check little themselves: the services validate and answer in Vietnamese,
and field_errors.py puts each answer next to its field.
"""
from .auth import ConfirmForm, LoginForm, NoticeSettingsForm, PasswordForm
from .nominees import ImportForm, NomineeForm
from .transitions import TransitionForm

__all__ = ["ConfirmForm", "ImportForm", "LoginForm", "NomineeForm", "NoticeSettingsForm", "PasswordForm",
           "TransitionForm"]
