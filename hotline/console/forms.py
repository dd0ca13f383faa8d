"""The console's forms (Flask-WTF): each carries its CSRF token; labels come from the
catalogue of the reader's language when the form is made."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from hotline.console.text import t
from hotline.infra.accounts import ROLES
from hotline.infra.audit import KINDS


class SignInForm(FlaskForm):
    email = EmailField(validators=[DataRequired(), Length(max=254)])
    password = PasswordField(validators=[DataRequired(), Length(max=1000)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email.label.text = t("email")
        self.password.label.text = t("password")


class CodeForm(FlaskForm):
    code = StringField(validators=[DataRequired(), Length(max=20)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.code.label.text = t("code_label")


class PasswordForm(FlaskForm):
    password = PasswordField(validators=[DataRequired(), Length(max=1000)])
    again = PasswordField(validators=[DataRequired(), Length(max=1000)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.password.label.text = t("new_password")
        self.again.label.text = t("password_again")


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class LanguageForm(FlaskForm):
    lang = SelectField(choices=[SelectChoice("en", "English"), SelectChoice("es", "Español")])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lang.label.text = t("language")


class RoleForm(FlaskForm):
    role = SelectField(choices=[SelectChoice(r) for r in ROLES])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.label.text = t("role")
        self.role.choices = [SelectChoice(r, t(f"role_{r}")) for r in ROLES]


class AuditFilterForm(FlaskForm):
    """Read from the query string (GET): it changes nothing, so it needs no token."""

    class Meta:
        csrf = False

    actor = StringField(validators=[Optional(), Length(max=254)])
    kind = SelectField(validators=[Optional()])
    day_from = DateField(validators=[Optional()])
    day_to = DateField(validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor.label.text = t("actor")
        self.kind.label.text = t("kind")
        self.kind.choices = [SelectChoice("", t("any_kind"))] + [
            SelectChoice(k, t(f"kind_{k}")) for k in KINDS]
        self.day_from.label.text = t("day_from")
        self.day_to.label.text = t("day_to")
