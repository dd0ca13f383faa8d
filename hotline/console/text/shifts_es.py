"""Texto en español de las páginas de turnos de la consola: pedir cobertura (la página propia
de quien responde, la página Turnos de una línea) y los huecos de la línea."""

TEXT = {
    "shifts": "Turnos",
    "shifts_of_line": "Turnos de la línea {number}",
    "ask_cover": "Pedir cobertura",
    "cover_span_hint": "Deja las dos horas vacías para pedir el turno entero, o indica una "
    "parte, entre {start} y {end}. Se pregunta por SMS a quienes podrían tomarlo.",
    "cover_span_whole": "Deja las dos horas vacías para pedir el turno entero, o indica una "
    "parte; para un turno que ya empezó, indica las dos. Se pregunta por SMS a quienes "
    "podrían tomarlo.",
    "cover_underway_hint": "De turno ahora. Indica la parte que necesitas cubrir: un inicio y "
    "un final dentro del turno, los dos más tarde que ahora. Se pregunta por SMS a quienes "
    "podrían tomarlo.",
    "cover_underway_need": "Este turno ya empezó: indica una fecha y hora más tarde que ahora, "
    "como {example}.",
    "underway_until": "de turno ahora, hasta {end}",
    "beyond_days": "más allá de los próximos {n} días",
    "underway_open": "de turno ahora y más allá de los próximos {n} días",
    "cover_time_hint": "Fecha y hora, como {example}.",
    "cover_requests": "Solicitudes de cobertura",
    "no_cover_requests": "No hay solicitudes de cobertura abiertas ni tomadas.",
    "cover_request": "Solicitud {code}",
    "cover_code": "Solicitud",
    "cover_status": "Estado",
    "cover_open": "abierta: nadie la ha tomado todavía",
    "cover_taken_by": "tomada por {name}",
    "cover_whose": "Turno de",
    "cancel_cover": "Retirar la solicitud {code}",
    "cover_asked_done": "Solicitud {code}: enviada por SMS a quienes podrían tomarla "
    "({count}). Te llegará un SMS cuando alguien la tome.",
    "cover_asked_for_done": "Solicitud {code} para {name}: enviada por SMS a quienes podrían "
    "tomarla ({count}), y a {name}.",
    "cover_nobody_done": "Solicitud {code}: ahora nadie más puede cubrirlo. Se avisa a la "
    "coordinación.",
    "cover_cancelled_done": "Retiraste la solicitud {code}: el turno sigue siendo tuyo.",
    "cover_cancel_taken": "{name} ya tomó la solicitud {code}. Pídele que escriba UNTAKE "
    "{code}, o habla con tu coordinación.",
    "cover_cancel_none": "La solicitud {code} ya no está abierta.",
    "cover_not_made": "No se hizo la solicitud. Mira el formulario más abajo.",
    "cover_no_shift": "Elige uno de los turnos de la lista. No se puede pedir un turno que "
    "ya no está en el horario.",
    "cover_bad_time": "Escribe una fecha y una hora, como {example}.",
    "cover_order": "El final tiene que ser después del inicio.",
    "cover_past": "Esa hora ya pasó. Elige un inicio más tarde.",
    "cover_outside": "Elige horas dentro del turno: desde {start} hasta {end}.",
    "cover_open_already": "La solicitud {code} ya pide cobertura de parte de este rato. "
    "Retírala primero, o espera la respuesta.",
    "gaps_title": "Huecos en los próximos {n} días",
    "gaps_hint": "Horas dentro del horario de la línea sin nadie de turno. Las horas en que "
    "la línea está cerrada no son huecos. Horas en {timezone}.",
    "no_gaps": "Sin huecos: hay alguien de turno en cada hora abierta.",
    "cover_for_someone": "Pedir cobertura para alguien que responde",
    "cover_for_hint": "Para uno de sus turnos de los próximos {n} días. Se le avisa por SMS "
    "y la solicitud queda en el registro de auditoría.",
    "shift_choice": "Turno",
    "kind_shift_cover_requested": "pidió cobertura de un turno",
    "kind_shift_cover_cancelled": "retiró una solicitud de cobertura",
}
