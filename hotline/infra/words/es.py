"""Spanish words of the line."""

WORDS = {
    # To a person
    "ack": "Llegaste a la línea de crisis. Es confidencial. Buscamos a alguien para "
    "escribirte. ¿En peligro ahora? Escribe {word}. STOP para no recibir más.",
    "ack_urgent": "Llegaste a la línea de crisis. Ya estamos llamando a alguien. "
    "Responde STOP para no recibir más.",
    "menu": "Línea de crisis, confidencial. Responde STOP para no recibir más. ¿Qué pasa? "
    "1 salud mental, 2 alcohol o drogas, 3 plan de seguridad.",
    "finding": "Buscamos a alguien para escribirte. ¿En peligro ahora? Escribe {word}.",
    "menu_again": "Responde 1 salud mental, 2 alcohol o drogas, o 3 plan de seguridad.",
    "connected": "{name}, del equipo de crisis, está contigo. Puedes escribir aquí.",
    "waiting": "Seguimos buscando a alguien para ti. Gracias por esperar.",
    "still_waiting": "Seguimos aquí, buscando a alguien para ti.",
    "no_one": "Aún no encontramos a alguien, pero seguimos intentando.",
    "resources": "Si estás en peligro ahora, llama o textea al 988.",
    "closed_hours": "La línea está cerrada ahora. Abre el {day} a las {time}.",
    "weekdays": "lunes martes miércoles jueves viernes sábado domingo",
    "closed_hours_unknown": "La línea está cerrada ahora.",
    "no_text": "Recibimos tu mensaje, pero aquí solo llegan palabras. Escríbenos qué pasa.",
    "started": "Estás de nuevo en contacto con la línea de crisis. Escribe cuando quieras.",
    "case_closed": "Esta conversación terminó. Escribe a este número cuando quieras volver "
    "a la línea de crisis.",
    # Check-ins (neutral: nothing a person reading over a shoulder would learn from)
    "checkin_ask": "Gracias por escribir. ¿Podemos mandarte un mensaje corto más adelante? "
    "Responde 1 sí, a cualquier hora; 2 sí, solo en la tarde; 3 no; 4 no es seguro escribirme.",
    "checkin_ok_any": "Gracias. Te escribiremos de vez en cuando, entre 9 am y 9 pm. Cuídate.",
    "checkin_ok_evening": "Gracias. Te escribiremos solo en la tarde, de 5 a 9 pm. Cuídate.",
    "checkin_1": "Hola, solo queríamos saber cómo estás. Puedes responder aquí cuando quieras.",
    "checkin_2": "Hola de nuevo. No tienes que responder, pero aquí estamos si quieres hablar.",
    "checkin_3": "Pensando en ti. Puedes escribir a este número cuando quieras.",
    "followup_ack": "Gracias por responder. Alguien te escribirá pronto.",
    "forgotten": "Tus mensajes y tu número se borrarán de la línea en unos minutos, y no te "
    "enviaremos nada más. Puedes escribir de nuevo cuando quieras.",
    # To a responder
    "offer": "Caso {code}: {category}, no urgente, {language}. Responde YES {code} para "
    "tomarlo o NO {code} para pasarlo.",
    "offer_urgent": "URGENTE caso {code}: {category}, {language}, peligro ahora{why}. "
    "Responde YES {code} para tomarlo.",
    "now_urgent": "El caso {code} es URGENTE ahora{why}. Responde YES {code} para tomarlo.",
    "danger_holder": "URGENTE: el caso {code} indica peligro ahora{why}. Por favor revisa "
    "cómo está.",
    "backup_needed": "URGENTE: {name} pidió apoyo en el caso {code} ({category}, {language}). "
    "Por favor comunícate con {name}.",
    "marked_urgent": "El caso {code} es urgente ahora; se avisó a todos los de turno.",
    "no_urgent_case": "No tienes un caso u oferta {code} abierto para marcar urgente.",
    "offer_call": "LLAMADA caso {code}: {category}, {urgency}, {language}. Tu teléfono sonará: "
    "oprime 1 para tomarla, o responde YES {code}.",
    "alert": "Nadie ha tomado el caso {code} ({category}, {language}{urgent}). La persona "
    "recibió los recursos. Responde YES {code} para tomarlo.",
    "alert_urgent": ", urgente",
    "accepted": "El caso {code} es tuyo. Lo que escribas aquí le llega a la persona desde el "
    "número de la línea. Escribe DONE {code} al terminar.",
    "accepted_many": "El caso {code} es tuyo. Tienes {count} casos abiertos: empieza cada "
    "respuesta con su código, así: {code} hola",
    "earlier": "[{code}] antes: {text}",
    "media_note": "[{code}] (mandó una foto o archivo; solo llegan palabras)",
    "taken": "Otra persona tomó el caso {code}. Gracias.",
    "expired": "La oferta del caso {code} terminó y pasó a otra persona.",
    "no_offer": "No tienes ninguna oferta abierta.",
    "no_such_offer": "No tienes una oferta abierta para el caso {code}.",
    "which_offer": "Tienes {count} ofertas abiertas ({codes}). Responde YES con el código, "
    "así: YES {first}",
    "passed": "Bien, el caso {code} pasa a otra persona.",
    "need_code": "Tienes {count} casos abiertos ({codes}). Empieza tu respuesta con el "
    "código, así: {first} tu mensaje",
    "no_case": "No tienes un caso abierto, así que esto no se envió. Escribe HELP para ver "
    "los comandos.",
    "no_such_case": "No tienes un caso abierto {code}.",
    "done": "El caso {code} está cerrado. Gracias por estar ahí.",
    "on": "Estás ON: recibirás ofertas cuando estés de turno.",
    "off": "Estás OFF: no recibirás ofertas hasta que escribas ON.",
    "help": "YES/NO [código]: responder una oferta. DONE [código]: cerrar un caso. URGENT "
    "[código]: peligro ahora, avisar a todos. CALL [código]: devolver una llamada. ON/OFF: "
    "recibir o no ofertas. Empieza con un código para elegir caso. Turnos: OK confirma, COVER "
    "pide cobertura, TAKE [código de 3 cifras] cubre.",
    "person_back": "[{code}] La persona escribió START de nuevo y el caso se abrió otra vez: "
    "sus mensajes te llegan aquí.",
    "person_stopped": "[{code}] La persona escribió STOP; la línea ya no puede escribirle. "
    "El caso se cerró.",
    "relay_sent": "[{code}] enviado: {text} (¿no fue usted? avise a su coordinación ya)",
    "earlier_more": "[{code}] {count} mensajes anteriores no se muestran; siguen los últimos.",
    "person_gone": "[{code}] Ya no se puede contactar a la persona; esto no se envió.",
    # Voice, to a caller
    "v_greeting": "Llamaste a la línea de crisis. Esta llamada es confidencial.",
    "v_menu": "Oprima 1 o diga salud mental. Oprima 2 o diga alcohol o drogas. Oprima 3 o "
    "diga plan de seguridad. O cuéntenos en pocas palabras qué pasa.",
    "v_no_input": "Perdón, no le escuchamos.",
    "v_text_offer": "Para recibir mensajes de texto en este número, oprima 1.",
    "v_texting": "Le escribiremos ahora. Cuídese.",
    "v_goodbye": "Cuídese. Adiós.",
    "v_hold": "Gracias por esperar. Estamos llamando a alguien del equipo. Siga en la línea, "
    "u oprima cualquier tecla para dejar un mensaje.",
    "v_nobody": "No pudimos encontrar a alguien del equipo ahora.",
    "v_voicemail": "Deje un mensaje después del tono y alguien del equipo le llamará. "
    "Cuelgue al terminar.",
    "v_recorded": "Gracias. Alguien del equipo le llamará. Adiós.",
    # Voice, to a responder
    "v_offer": "Línea de crisis. Una persona necesita ayuda con {category}. {urgency}. "
    "{language}. Oprima 1 para tomar la llamada.",
    "v_urgent": "Urgente, peligro ahora",
    "v_not_urgent": "No urgente",
    "v_connecting": "Le conectamos con la persona ahora.",
    "v_taken": "Otra persona tomó esta llamada. Gracias. Adiós.",
    "v_ended": "Esta llamada terminó. Gracias. Adiós.",
    "v_callback": "Llamando a la persona por la línea. Siga en la línea.",
    # Texts about calls, to a responder
    "voice_accepted": "El caso {code} es tuyo. Después, escribe CALL {code} para llamarle "
    "por la línea.",
    "voice_calling_you": "Te llamamos ahora para conectarte con el caso {code}.",
    "voicemail_alert": "Mensaje de voz del caso {code} ({category}, {language}{urgent}). "
    "Escribe CALL {code}: la línea te lo reproduce y luego le llama.",
    "v_voicemail_play": "Este es su mensaje de voz.",
    "no_call_case": "No hay un caso de llamada {code} para devolver.",
    "calling_back": "Te llamamos ahora; contesta y la línea llamará a la persona del caso {code}.",
    "followup_direct": "Seguimiento {code}: alguien a quien ayudaste respondió. Lo que "
    "escribas aquí le llega. Escribe DONE {code} al terminar.",
    "offer_followup": "Seguimiento caso {code}: {category}, {language}; respondió a un mensaje "
    "de seguimiento. Responde YES {code} para tomarlo o NO {code} para pasarlo.",
    "person_exited": "[{code}] La persona salió de la conversación. No le escribas; el caso "
    "se cerró.",
    "discreet": " Su teléfono puede no ser privado: escribe con discreción.",
    "person_forgot": "[{code}] La persona pidió borrar sus datos. El caso se cerró; no le "
    "escribas.",
    # Names
    "category_mental_health": "salud mental",
    "category_substance_use": "alcohol o drogas",
    "category_safety_planning": "plan de seguridad",
    "category_unknown": "necesidad no clara",
    "language_en": "inglés",
    "language_es": "español",
    # Turnos: recordatorios, coberturas, resúmenes de huecos (hotline/shifts).
    "shift_days": "lun mar mié jue vie sáb dom",
    "shift_months": "ene feb mar abr may jun jul ago sep oct nov dic",
    "shift_reminder": "Recordatorio: estás de turno para {category} {when}. Responde OK para "
    "confirmar o COVER para pedir que alguien te cubra.",
    "shift_confirmed": "Gracias, tu turno {when} está confirmado.",
    "shift_none": "No tienes un recordatorio de turno por responder. Escribe HELP para ver "
    "los comandos.",
    "shift_unconfirmed": "Turno sin confirmar: {name}, {category}, {when}. Se le recordó y no "
    "ha respondido.",
    "cover_ask": "¿Puedes cubrir {when} ({category})? Responde TAKE {code}",
    "cover_asked": "Pedimos cobertura para tu turno {when} a {count} del equipo. Te diremos quién "
    "lo toma. Escribe CANCEL {code} para quedártelo.",
    "cover_asked_for_you": "Tu coordinación pidió cobertura para tu turno {when} a {count} del "
    "equipo. Te diremos quién lo toma. Escribe CANCEL {code} para quedártelo.",
    "cover_nobody": "Ahora nadie más puede cubrir tu turno {when}. Tus coordinadores lo saben.",
    "cover_open_already": "Ya pediste cobertura para {when}: solicitud {code}. Escribe CANCEL "
    "{code} para quedarte el turno.",
    "cover_won": "Es tuyo: estás de turno para {category} {when}. ¡Gracias! Escribe UNTAKE "
    "{code} antes de que empiece si no puedes.",
    "cover_taken_for_you": "{name} cubre tu turno {when}. Ese rato estás libre. Gracias.",
    "cover_taken_note": "Cobertura {code}: {name} toma el turno de {requester}, {category} "
    "{when}.",
    "cover_taken_already": "Otra persona ya tomó la cobertura {code}. Gracias.",
    "cover_yours_already": "La cobertura {code} ya es tuya.",
    "cover_no_such": "No hay una solicitud de cobertura abierta {code}.",
    "cover_started": "La cobertura {code} ya no hace falta: el turno empezó.",
    "cover_not_able": "La cobertura {code} es de {category}, y no estás en esa lista.",
    "cover_own": "La cobertura {code} es tu propia solicitud. Escribe CANCEL {code} para "
    "quedarte el turno.",
    "cover_cancelled": "Retiraste la solicitud {code}: el turno {when} sigue siendo tuyo.",
    "cover_withdrawn": "La cobertura {code} para {when} ya no hace falta. Gracias.",
    "cover_cannot_cancel": "{name} ya tomó la cobertura {code}. Pídele que escriba UNTAKE "
    "{code}, o habla con tu coordinación.",
    "cover_untaken": "Devolviste la cobertura {code}. Volvemos a preguntar a otras personas.",
    "cover_given_back": "{name} ya no puede cubrir tu turno {when}. Volvemos a preguntar; "
    "mientras tanto es tuyo.",
    "cover_dropped_note": "Cobertura {code}: {name} devolvió el turno de {requester} {when}; "
    "volvemos a preguntar.",
    "cover_not_yours": "La cobertura {code} no es tuya para devolverla.",
    "cover_untake_late": "La cobertura {code} ya empezó; pide el cambio a tu coordinación.",
    "cover_failed": "No se pudo anotar la cobertura {code} en el turno. Tus coordinadores lo "
    "saben.",
    "cover_unanswered": "Nadie tomó la cobertura {code}: turno de {requester}, {category} "
    "{when}.",
    "gaps_summary": "Huecos en los próximos {days} días (nadie de turno): {gaps}.",
    "gaps_more": " y {count} más",
}
