"""What a valid roster may still get wrong for the people it serves: warnings, not errors.

A roster with warnings loads; `hotline roster import` prints each one, as "path: message" like
the errors, so the coordinator can decide. They concern the texts people get when nobody can
come (see routing.resources): none at all, or none in Spanish when the line has responders who
speak it, so Spanish speakers text it.
"""

from __future__ import annotations

from routing import resources
from routing.roster import Roster

_SPANISH = "es"


def check_roster(roster: Roster) -> list[str]:
    """Each warning about the roster as "path: message"; [] when there is nothing to say."""
    if not roster.resources:
        return ["resources: none given; when nobody can come, people get only the line's "
                'built-in text ("call or text 988")']
    speakers = [r.name for r in roster.responders if _SPANISH in r.languages]
    if not speakers:
        return []
    who = _listing(speakers) + (" speaks" if len(speakers) == 1 else " speak")
    keys = dict(roster.resources)
    if not any(key.rsplit(".", 1)[-1] == _SPANISH for key in keys):
        return [f"resources: no text in Spanish (es), though {who} Spanish; people who "
                "text in Spanish get the English text"]
    warnings = []
    for key in keys:
        *scopes, lang = key.split(".")
        if not scopes or lang != "en" or ".".join([*scopes, _SPANISH]) in keys:
            continue
        urgent = scopes[0] == resources.URGENT
        category = scopes[-1] if scopes[-1] != resources.URGENT else None
        instead = resources.pick_key(roster.resources, _SPANISH, category, urgent)
        warnings.append(
            f"resources.{'.'.join(scopes)}: in English only, though {who} Spanish; "
            f"people who text in Spanish get resources.{instead} instead"
        )
    return warnings


def _listing(names: list[str]) -> str:
    shown = names if len(names) <= 3 else [*names[:3], f"{len(names) - 3} more"]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
