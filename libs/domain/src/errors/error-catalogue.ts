/**
 * Every error the product can answer with: a stable machine code, a transport-neutral kind, and the
 * user-facing message in Spanish (first) and English. `{name}` placeholders are filled from params.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

interface ErrorDefinition {
  kind: ErrorKind;
  es: string;
  en: string;
}

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: {
    kind: 'invalid',
    es: 'Los datos enviados no son válidos.',
    en: 'The data sent is not valid.',
  },
  MALFORMED_JSON: {
    kind: 'invalid',
    es: 'El cuerpo de la solicitud no es JSON válido.',
    en: 'The request body is not valid JSON.',
  },
  JSON_TOO_DEEP: {
    kind: 'invalid',
    es: 'El cuerpo de la solicitud anida objetos o listas en más de {max} niveles.',
    en: 'The request body nests objects or arrays more than {max} levels deep.',
  },
  PAYLOAD_TOO_LARGE: {
    kind: 'too_large',
    es: 'El cuerpo de la solicitud es demasiado grande.',
    en: 'The request body is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: 'unsupported_media_type',
    es: 'Tipo de contenido no admitido: se esperaba {expected}.',
    en: 'Unsupported content type: expected {expected}.',
  },
  REQUEST_HEADERS_TOO_LARGE: {
    kind: 'too_large',
    es: 'La dirección o las cabeceras de la solicitud son demasiado largas.',
    en: 'The request URL or headers are too long.',
  },
  MALFORMED_REQUEST: {
    kind: 'invalid',
    es: 'La solicitud HTTP está mal formada.',
    en: 'The HTTP request is malformed.',
  },
  ROUTE_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe esa ruta.',
    en: 'No such route.',
  },
  AUTH_REQUIRED: {
    kind: 'unauthenticated',
    es: 'Se requiere iniciar sesión.',
    en: 'Authentication is required.',
  },
  TOKEN_INVALID: {
    kind: 'unauthenticated',
    es: 'La sesión no es válida o ha expirado.',
    en: 'The session is invalid or has expired.',
  },
  INVALID_CREDENTIALS: {
    kind: 'unauthenticated',
    es: 'Correo o contraseña incorrectos.',
    en: 'Wrong email or password.',
  },
  TOKEN_EXPIRED: {
    kind: 'unauthenticated',
    es: 'El acceso expiró; la conexión se renueva.',
    en: 'Access expired; the connection is being renewed.',
  },
  SESSION_ENDED: {
    kind: 'unauthenticated',
    es: 'Su sesión terminó (cierre de sesión, cambio de contraseña o cuenta desactivada). Inicie sesión de nuevo.',
    en: 'Your session ended (signed out, password changed or account deactivated). Please sign in again.',
  },
  ACCOUNT_CHANGED: {
    kind: 'unauthenticated',
    es: 'Los roles de su cuenta cambiaron; la conexión se renueva.',
    en: 'Your account’s roles changed; the connection is being renewed.',
  },
  REFRESH_TOKEN_INVALID: {
    kind: 'unauthenticated',
    es: 'El token de renovación no es válido, fue revocado o expiró.',
    en: 'The refresh token is invalid, revoked or expired.',
  },
  FORBIDDEN_ROLE: {
    kind: 'forbidden',
    es: 'Esta acción es solo para {roles}.',
    en: 'This action is only for {roles}.',
  },
  RATE_LIMITED: {
    kind: 'rate_limited',
    es: 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
    en: 'Too many attempts. Wait a moment and try again.',
  },
  USER_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe el usuario.',
    en: 'No such user.',
  },
  EMAIL_TAKEN: {
    kind: 'conflict',
    es: 'Ya existe una cuenta con ese correo.',
    en: 'An account with that email already exists.',
  },
  LIAISON_NEEDS_INSTITUTION: {
    kind: 'unprocessable',
    es: 'El rol de enlace requiere una institución.',
    en: 'The liaison role requires an institution.',
  },
  CANNOT_CHANGE_OWN_ADMIN: {
    kind: 'conflict',
    es: 'No puede quitarse a sí mismo el rol de administrador ni desactivar su propia cuenta.',
    en: 'You cannot remove your own admin role or deactivate your own account.',
  },
  INSTITUTION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe la institución {code}.',
    en: 'No such institution: {code}.',
  },
  INSTITUTION_CODE_TAKEN: {
    kind: 'conflict',
    es: 'Ya existe una institución con el código {code}.',
    en: 'An institution with code {code} already exists.',
  },
  INSTITUTION_IN_USE: {
    kind: 'conflict',
    es: 'La institución tiene cuentas de enlace; desactívela en lugar de eliminarla.',
    en: 'The institution has liaison accounts; deactivate it instead of deleting it.',
  },
  CONSTITUENCY_NOT_FOUND: {
    kind: 'unprocessable',
    es: 'No existe la provincia {code}.',
    en: 'No such province: {code}.',
  },
  DELEGATE_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe el delegado.',
    en: 'No such delegate.',
  },
  DOCUMENT_ID_TAKEN: {
    kind: 'conflict',
    es: 'Ya existe un delegado con el documento {documentId}.',
    en: 'A delegate with document {documentId} already exists.',
  },
  USER_ALREADY_DELEGATE: {
    kind: 'conflict',
    es: 'Esa cuenta ya está vinculada a otro delegado.',
    en: 'That account is already linked to another delegate.',
  },
  ALTERNATE_INVALID: {
    kind: 'unprocessable',
    es: 'Suplente no válido: {reason}',
    en: 'Invalid alternate: {reason}',
  },
  TERM_INVALID: {
    kind: 'unprocessable',
    es: 'El fin del mandato debe ser posterior a su inicio.',
    en: 'The term must end after it starts.',
  },
  STATUS_DATE_INVALID: {
    kind: 'unprocessable',
    es: 'La fecha del cambio de estado ({date}) no puede ser futura ni anterior al inicio del mandato ({termStart}).',
    en: 'The date of the status change ({date}) cannot be in the future or before the term starts ({termStart}).',
  },
  STATUS_NOT_CHANGED: {
    kind: 'unprocessable',
    es: 'El delegado ya está en estado «{status}»: una fecha o un motivo solo acompañan un cambio de estado.',
    en: 'The delegate is already "{status}": a date or a reason only goes with a change of status.',
  },
  CSV_INVALID: {
    kind: 'unprocessable',
    es: 'El archivo CSV tiene {count} error(es); no se importó ninguna fila.',
    en: 'The CSV file has {count} error(s); no row was imported.',
  },
  PLAN_OBJECTIVE_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe el objetivo estratégico {code}.',
    en: 'No such strategic objective: {code}.',
  },
  PLAN_DIMENSION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe la dimensión del plan {code}.',
    en: 'No such plan dimension: {code}.',
  },
  MOTION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe la moción.',
    en: 'No such motion.',
  },
  MOTION_TRANSITION_INVALID: {
    kind: 'conflict',
    es: 'La acción «{action}» no es posible para una moción en estado «{status}».',
    en: 'Action "{action}" is not possible for a motion in status "{status}".',
  },
  NOT_MOTION_AUTHOR: {
    kind: 'forbidden',
    es: 'Solo quien presentó la moción puede hacer esto.',
    en: 'Only the author of the motion can do this.',
  },
  DELEGATE_NOT_ACTIVE: {
    kind: 'forbidden',
    es: 'Se requiere ser delegado en ejercicio (activo y con mandato vigente).',
    en: 'You must be a sitting delegate (active, within the term).',
  },
  MOTION_NEEDS_OBJECTIVE: {
    kind: 'unprocessable',
    es: 'La moción debe vincularse al menos a un objetivo estratégico del plan.',
    en: 'The motion must be linked to at least one strategic objective of the plan.',
  },
  OBJECTIVE_UNKNOWN: {
    kind: 'unprocessable',
    es: 'Objetivo estratégico desconocido: {codes}.',
    en: 'Unknown strategic objective: {codes}.',
  },
  INSTITUTION_UNKNOWN: {
    kind: 'unprocessable',
    es: 'Institución desconocida o inactiva: {codes}.',
    en: 'Unknown or inactive institution: {codes}.',
  },
  DEADLINE_IN_PAST: {
    kind: 'unprocessable',
    es: 'El plazo de cumplimiento debe ser una fecha futura.',
    en: 'The compliance deadline must be in the future.',
  },
  COSPONSOR_THRESHOLD_NOT_MET: {
    kind: 'conflict',
    es: 'La moción tiene {count} copatrocinio(s); se requieren {required} para admitirla.',
    en: 'The motion has {count} co-sponsor(s); {required} are required to admit it.',
  },
  CANNOT_COSPONSOR_OWN: {
    kind: 'conflict',
    es: 'Quien presenta la moción no puede copatrocinarla.',
    en: 'The author cannot co-sponsor their own motion.',
  },
  PARENT_NOT_AMENDABLE: {
    kind: 'conflict',
    es: 'Solo se pueden enmendar mociones admitidas, programadas o en debate (esta está «{status}»).',
    en: 'Only admitted, scheduled or debated motions can be amended (this one is "{status}").',
  },
  AMENDMENT_CONFLICT: {
    kind: 'unprocessable',
    es: 'El cambio {change} de la enmienda no se puede aplicar: {reason}.',
    en: 'Change {change} of the amendment cannot be applied: {reason}.',
  },
  AMENDMENT_FIELDS_INVALID: {
    kind: 'unprocessable',
    es: 'Una enmienda lleva cambios al texto de su moción madre; una moción sin madre no los lleva.',
    en: 'An amendment carries changes to its parent text; a motion without parent carries none.',
  },
  SESSION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe la sesión.',
    en: 'No such session.',
  },
  SESSION_TRANSITION_INVALID: {
    kind: 'conflict',
    es: 'La acción «{action}» no es posible para una sesión en estado «{status}».',
    en: 'Action "{action}" is not possible for a session in status "{status}".',
  },
  SESSION_NOT_OPEN: {
    kind: 'conflict',
    es: 'La sesión no está abierta.',
    en: 'The session is not open.',
  },
  NO_CURRENT_ITEM: {
    kind: 'conflict',
    es: 'No hay un punto de agenda en debate.',
    en: 'No agenda item is being debated.',
  },
  AGENDA_ITEM_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe ese punto en la agenda de la sesión.',
    en: 'No such item on the session agenda.',
  },
  AGENDA_ITEM_STATE_INVALID: {
    kind: 'conflict',
    es: 'La acción «{action}» no es posible para un punto en estado «{status}».',
    en: 'Action "{action}" is not possible for an item in status "{status}".',
  },
  NOT_CHECKED_IN: {
    kind: 'conflict',
    es: 'Debe registrar su asistencia antes de pedir la palabra.',
    en: 'You must check in before asking for the floor.',
  },
  NO_WAITING_SPEAKER: {
    kind: 'conflict',
    es: 'No hay nadie esperando el uso de la palabra.',
    en: 'Nobody is waiting for the floor.',
  },
  NO_SPEECH_RUNNING: {
    kind: 'conflict',
    es: 'No hay una intervención en curso.',
    en: 'No speech is running.',
  },
  LISTEN_ONLY: {
    kind: 'forbidden',
    es: 'Conexión pública de solo lectura: inicie sesión como delegado para intervenir.',
    en: 'Public listen-only connection: log in as a delegate to take part.',
  },
  UNKNOWN_EVENT: {
    kind: 'invalid',
    es: 'Evento desconocido: {event}.',
    en: 'Unknown event: {event}.',
  },
  VOTE_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe la votación.',
    en: 'No such vote.',
  },
  VOTE_CLOSED: {
    kind: 'conflict',
    es: 'La votación ya está cerrada: este voto no se registró.',
    en: 'The vote is already closed: this ballot was not recorded.',
  },
  VOTE_IS_SECRET: {
    kind: 'conflict',
    es: 'Esta votación es secreta: se vota con código de seguimiento en la consola del delegado, y la Mesa no registra votos por nadie.',
    en: 'This vote is secret: delegates vote with a tracker code in their console, and the Mesa records no ballot for anyone.',
  },
  VOTE_NOT_SECRET: {
    kind: 'conflict',
    es: 'Esta votación es nominal, no secreta: vote sin código de seguimiento.',
    en: 'This is a roll-call vote, not a secret one: vote without a tracker code.',
  },
  VOTE_NOT_CLOSED: {
    kind: 'conflict',
    es: 'Las papeletas de una votación secreta se publican solo al cierre.',
    en: "A secret vote's ballots are published only at its close.",
  },
  VOTE_IN_PROGRESS: {
    kind: 'conflict',
    es: 'Hay una votación abierta en esta sesión; ciérrela primero.',
    en: 'A vote is open in this session; close it first.',
  },
  RULES_INVALID: {
    kind: 'unprocessable',
    es: 'El reglamento propuesto no es válido ({field}: {reason}).',
    en: 'The proposed rules are not valid ({field}: {reason}).',
  },
  RULES_VERSION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe esa versión del reglamento.',
    en: 'There is no such version of the rules.',
  },
  RULES_EFFECTIVE_IN_PAST: {
    kind: 'unprocessable',
    es: 'Un cambio del reglamento no puede regir desde antes de ahora.',
    en: 'A change to the rules cannot take effect before now.',
  },
  RULE_NOT_ALLOWED: {
    kind: 'conflict',
    es: 'El reglamento fija la regla «{required}» para este tipo de decisión ({kind}); la Mesa no puede elegir otra.',
    en: 'The rules fix the rule "{required}" for this kind of decision ({kind}); the moderator cannot choose another.',
  },
  DECISION_KIND_UNKNOWN: {
    kind: 'unprocessable',
    es: 'El reglamento no conoce el tipo de decisión «{kind}».',
    en: 'The rules know no kind of decision "{kind}".',
  },
  DECISION_KIND_MISMATCH: {
    kind: 'unprocessable',
    es: 'El tipo de decisión «{kind}» no corresponde a lo que está en debate ({item}).',
    en: 'The kind of decision "{kind}" does not match what is under debate ({item}).',
  },
  VOTE_DEADLINE_TOO_SHORT: {
    kind: 'unprocessable',
    es: 'El reglamento exige que una votación esté abierta al menos {seconds} s: el plazo no puede ser menor.',
    en: 'The rules require a vote to stay open at least {seconds} s: the deadline cannot be shorter.',
  },
  VOTE_CLOSE_TOO_EARLY: {
    kind: 'conflict',
    es: 'El reglamento exige que la votación siga abierta {seconds} s más antes de cerrarla.',
    en: 'The rules require the vote to stay open {seconds} s more before it is closed.',
  },
  ACCOUNT_HOLDS_STAFF_ROLES: {
    kind: 'conflict',
    es: 'La cuenta {email} tiene roles del personal ({roles}): sentarla como delegado la hace votante. Confírmelo expresamente.',
    en: 'Account {email} holds staff roles ({roles}): seating it as a delegate makes it a voter. Confirm it explicitly.',
  },
  ENROLMENT_CODE_INVALID: {
    kind: 'not_found',
    es: 'Ese código de acceso no existe o fue reemplazado por uno más reciente. Pida uno nuevo a la secretaría.',
    en: 'That access code does not exist or was replaced by a newer one. Ask the secretariat for a new one.',
  },
  ENROLMENT_CODE_USED: {
    kind: 'conflict',
    es: 'Ese código de acceso ya se usó. Si no fue usted, avise de inmediato a la secretaría.',
    en: 'That access code was already used. If it was not you, tell the secretariat at once.',
  },
  ENROLMENT_CODE_EXPIRED: {
    kind: 'conflict',
    es: 'Ese código de acceso venció. Pida uno nuevo a la secretaría.',
    en: 'That access code has expired. Ask the secretariat for a new one.',
  },
  ACCOUNT_INACTIVE: {
    kind: 'conflict',
    es: 'La cuenta está desactivada.',
    en: 'The account is deactivated.',
  },
  PASSWORD_TOO_WEAK: {
    kind: 'unprocessable',
    es: 'Esa contraseña es fácil de adivinar: figura entre las más usadas o sigue un patrón conocido. Use una frase de varias palabras poco comunes.',
    en: 'That password is easy to guess: it is among the most used or follows a known pattern. Use a phrase of several uncommon words.',
  },
  CURRENT_PASSWORD_WRONG: {
    kind: 'forbidden',
    es: 'La contraseña actual no es correcta.',
    en: 'The current password is not correct.',
  },
  PASSWORD_CHANGED_MEANWHILE: {
    kind: 'conflict',
    es: 'La contraseña de la cuenta cambió mientras tanto. Vuelva a ingresar e inténtelo de nuevo.',
    en: 'The account password changed meanwhile. Sign in again and retry.',
  },
  SECOND_FACTOR_REQUIRED: {
    kind: 'unauthenticated',
    es: 'Ingrese el código de verificación de su aplicación de autenticación, o un código de recuperación.',
    en: 'Enter the verification code from your authenticator app, or a recovery code.',
  },
  SECOND_FACTOR_INVALID: {
    kind: 'unauthenticated',
    es: 'El código no es válido, ya se usó o venció. Espere el siguiente código e inténtelo de nuevo.',
    en: 'The code is not valid, was already used or has expired. Wait for the next code and try again.',
  },
  SECOND_FACTOR_SETUP_REQUIRED: {
    kind: 'forbidden',
    es: 'El reglamento exige la verificación en dos pasos para {roles}: actívela en «Mi cuenta» (/cuenta) para continuar.',
    en: 'The rules require two-step verification for {roles}: turn it on in “My account” (/cuenta) to continue.',
  },
  SECOND_FACTOR_ALREADY_ENABLED: {
    kind: 'conflict',
    es: 'La verificación en dos pasos ya está activada en esta cuenta.',
    en: 'Two-step verification is already on for this account.',
  },
  SECOND_FACTOR_NOT_SET_UP: {
    kind: 'conflict',
    es: 'Primero configure la verificación en dos pasos: no hay ninguna pendiente de confirmar.',
    en: 'Set up two-step verification first: none is waiting to be confirmed.',
  },
  SECOND_FACTOR_NOT_ENABLED: {
    kind: 'conflict',
    es: 'La verificación en dos pasos no está activada en esta cuenta.',
    en: 'Two-step verification is not on for this account.',
  },
  WEBHOOK_DESTINATION_REFUSED: {
    kind: 'unprocessable',
    es: 'Esa dirección apunta a esta máquina o a una red interna; los webhooks no pueden llegar allí.',
    en: 'That address points to this machine or an internal network; webhooks cannot reach it.',
  },
  NO_QUORUM: {
    kind: 'conflict',
    es: 'No hay quórum: {present} presentes de {required} requeridos.',
    en: 'No quorum: {present} present of {required} required.',
  },
  AMENDMENTS_PENDING: {
    kind: 'conflict',
    es: 'Primero deben votarse o retirarse las enmiendas pendientes: {numbers}.',
    en: 'Pending amendments must be voted or withdrawn first: {numbers}.',
  },
  ITEM_HAS_NO_MOTION: {
    kind: 'unprocessable',
    es: 'Este punto no tiene moción: abra una votación de procedimiento con su pregunta.',
    en: 'This item has no motion: open a procedural vote with its question.',
  },
  NOT_ENTITLED_TO_VOTE: {
    kind: 'forbidden',
    es: 'No figura en la lista de habilitados de esta votación (se fija al abrirla).',
    en: 'You are not on the entitled list of this vote (it is fixed when the vote opens).',
  },
  VOTER_NOT_PRESENT: {
    kind: 'conflict',
    es: 'Debe tener su asistencia registrada para votar.',
    en: 'You must be checked in to vote.',
  },
  DELEGATE_NOT_ENTITLED: {
    kind: 'conflict',
    es: 'Ese delegado no figura en la lista de habilitados de esta votación (se fija al abrirla).',
    en: 'That delegate is not on the entitled list of this vote (it is fixed when the vote opens).',
  },
  DELEGATE_NOT_PRESENT: {
    kind: 'conflict',
    es: 'Ese delegado no tiene su asistencia registrada en la sesión: la Mesa no puede registrar su voto.',
    en: 'That delegate is not checked in to the session: the Mesa cannot record their ballot.',
  },
  BALLOT_CAST_BY_DELEGATE: {
    kind: 'conflict',
    es: 'Ese delegado ya votó por sí mismo: la Mesa no puede reemplazar su voto; solo él o ella puede cambiarlo.',
    en: 'That delegate has already voted themselves: the Mesa cannot replace their ballot; only they can change it.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'conflict',
    es: 'Esa clave de idempotencia ya se usó con otro voto.',
    en: 'That idempotency key was already used with another ballot.',
  },
  RESOLUTION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe la resolución.',
    en: 'No such resolution.',
  },
  CHECKPOINT_NOT_FOUND: {
    kind: 'not_found',
    es: 'Todavía no hay ningún punto de control firmado del registro.',
    en: 'No checkpoint of the record has been signed yet.',
  },
  DOCUMENT_NOT_READY: {
    kind: 'not_found',
    es: 'El documento aún se está generando; intente en unos segundos.',
    en: 'The document is still being generated; try again in a few seconds.',
  },
  INSTITUTION_NOT_BOUND: {
    kind: 'unprocessable',
    es: 'La institución {institution} no está obligada por la resolución {number}.',
    en: 'Institution {institution} is not bound by resolution {number}.',
  },
  NOT_INSTITUTION_LIAISON: {
    kind: 'forbidden',
    es: 'Solo puede informar por su propia institución.',
    en: 'You can only report for your own institution.',
  },
  COMPLIANCE_ALREADY_FULFILLED: {
    kind: 'conflict',
    es: 'El cumplimiento ya fue declarado; una corrección es un nuevo informe de la Secretaría.',
    en: 'Compliance was already declared fulfilled.',
  },
  FULFILLED_NEEDS_FULL_PROGRESS: {
    kind: 'unprocessable',
    es: 'Para declarar cumplida la resolución el avance debe ser 100 %.',
    en: 'Declaring the resolution fulfilled needs 100% progress.',
  },
  EVIDENCE_FILE_MISSING: {
    kind: 'invalid',
    es: 'Falta el archivo: envíelo como multipart/form-data en el campo «file».',
    en: 'The file is missing: send it as multipart/form-data in the "file" field.',
  },
  EVIDENCE_UPLOAD_MALFORMED: {
    kind: 'invalid',
    es: 'La carga no es válida: se espera un solo archivo en el campo «file» y ningún otro campo.',
    en: 'The upload is not valid: one file in the "file" field and no other field are expected.',
  },
  EVIDENCE_FILE_EMPTY: {
    kind: 'unprocessable',
    es: 'El archivo está vacío.',
    en: 'The file is empty.',
  },
  EVIDENCE_FILE_TOO_LARGE: {
    kind: 'too_large',
    es: 'El archivo supera el tamaño máximo de {max}.',
    en: 'The file is larger than the {max} limit.',
  },
  EVIDENCE_FILE_TYPE_UNSUPPORTED: {
    kind: 'unsupported_media_type',
    es: 'El contenido del archivo no es PDF, PNG, JPEG ni WebP (se revisa el contenido, no el nombre).',
    en: 'The file’s content is not PDF, PNG, JPEG or WebP (the content is checked, not the name).',
  },
  EVIDENCE_FILE_TYPE_MISMATCH: {
    kind: 'unsupported_media_type',
    es: 'El archivo se declaró como {declared} pero su contenido es {actual}.',
    en: 'The file was declared as {declared} but its content is {actual}.',
  },
  EVIDENCE_FILE_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe ese archivo de evidencia en ningún informe publicado.',
    en: 'No published report carries that evidence file.',
  },
  EVIDENCE_FILE_UNKNOWN: {
    kind: 'unprocessable',
    es: 'El archivo {sha256} no se ha subido: súbalo antes de citarlo en el informe.',
    en: 'File {sha256} has not been uploaded: upload it before citing it in the report.',
  },
  EVIDENCE_TOO_MANY_FILES: {
    kind: 'unprocessable',
    es: 'Un informe puede llevar como máximo {max} archivos.',
    en: 'A report can carry at most {max} files.',
  },
  WEBHOOK_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe ese webhook.',
    en: 'No such webhook.',
  },
  DELIVERY_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe ese envío.',
    en: 'No such delivery.',
  },
  WEBHOOK_INACTIVE: {
    kind: 'conflict',
    es: 'El webhook está desactivado; registre uno nuevo en lugar de renovar su secreto.',
    en: 'The webhook is deactivated; register a new one instead of rotating its secret.',
  },
  DELIVERY_NOT_FAILED: {
    kind: 'conflict',
    es: 'Solo se reenvían los envíos fallidos (este está «{status}»).',
    en: 'Only failed deliveries can be replayed (this one is "{status}").',
  },
  ELECTION_SPEC_INVALID: {
    kind: 'unprocessable',
    es: 'La elección no está bien planteada: {reason}.',
    en: 'The election is not set up correctly: {reason}.',
  },
  ELECTION_BALLOT_SHAPE: {
    kind: 'invalid',
    es: 'La papeleta no corresponde al método de esta elección ({method}).',
    en: "The ballot does not fit this election's method ({method}).",
  },
  ELECTION_BALLOT_EMPTY: {
    kind: 'invalid',
    es: 'La papeleta no marca a nadie: para votar en blanco, elija «voto en blanco».',
    en: 'The ballot marks no one: to vote blank, choose "blank ballot".',
  },
  ELECTION_CANDIDATE_UNKNOWN: {
    kind: 'invalid',
    es: 'La papeleta nombra a quien no es candidato en esta elección ({candidate}).',
    en: 'The ballot names someone who is not a candidate in this election ({candidate}).',
  },
  ELECTION_CANDIDATE_REPEATED: {
    kind: 'invalid',
    es: 'La papeleta marca dos veces a la misma candidatura.',
    en: 'The ballot marks the same candidacy twice.',
  },
  ELECTION_TOO_MANY_CHOICES: {
    kind: 'invalid',
    es: 'Puede marcar como máximo {max} candidaturas.',
    en: 'You may mark at most {max} candidacies.',
  },
  ELECTION_MARK_MISSING: {
    kind: 'invalid',
    es: 'Falta marcar a favor, en contra o abstención para la candidatura {candidate}.',
    en: 'Candidacy {candidate} has no yes, no or abstain mark.',
  },
  TRACKER_MALFORMED: {
    kind: 'invalid',
    es: 'El código de seguimiento no es válido: revise que lo copió completo y sin errores.',
    en: 'The tracker code is not valid: check that it was copied whole and without mistakes.',
  },
  TRACKER_TAKEN: {
    kind: 'conflict',
    es: 'Ese código de seguimiento ya está en uso; vuelva a enviar su voto con un código nuevo.',
    en: 'That tracker code is already in use; send your ballot again with a new code.',
  },
  SECRET_BALLOT_ALREADY_CAST: {
    kind: 'conflict',
    es: 'Usted ya votó. Para cambiar su voto use el código de seguimiento que recibió al votar.',
    en: 'You have already voted. To change your ballot, use the tracker code you got when voting.',
  },
  POSITIONS_INVALID: {
    kind: 'unprocessable',
    es: 'Los cargos no están bien definidos: {reason}.',
    en: 'The positions are not defined correctly: {reason}.',
  },
  OFFICE_ALREADY_HELD: {
    kind: 'conflict',
    es: 'Esa persona ya ocupa este cargo en un mandato que se superpone.',
    en: 'That person already holds this position in an overlapping term.',
  },
  POSITION_SEATS_FULL: {
    kind: 'conflict',
    es: 'Todas las plazas de este cargo están ocupadas durante ese mandato.',
    en: "All of this position's seats are taken during that term.",
  },
  COMMISSION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe esa comisión.',
    en: 'There is no such commission.',
  },
  COMMISSION_NAME_TAKEN: {
    kind: 'conflict',
    es: 'Ya existe una comisión con ese nombre.',
    en: 'A commission with that name already exists.',
  },
  POSITION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe ese cargo.',
    en: 'There is no such position.',
  },
  TERM_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe ese mandato.',
    en: 'There is no such term.',
  },
  TERM_LABEL_TAKEN: {
    kind: 'conflict',
    es: 'Ya existe un mandato con ese nombre.',
    en: 'A term with that name already exists.',
  },
  HOLDER_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe esa cuenta activa para ocupar el cargo.',
    en: 'There is no such active account to hold the office.',
  },
  ELECTION_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe esa elección.',
    en: 'There is no such election.',
  },
  ELECTION_STATE_INVALID: {
    kind: 'conflict',
    es: 'La elección está «{status}»: no admite esa acción ({action}).',
    en: 'The election is "{status}": it does not allow that action ({action}).',
  },
  ELECTION_NOT_CLOSED: {
    kind: 'conflict',
    es: 'Las papeletas de una votación secreta se publican solo al cierre.',
    en: "A secret vote's ballots are published only at its close.",
  },
  CANDIDACY_NOT_FOUND: {
    kind: 'not_found',
    es: 'No existe esa candidatura en esta elección.',
    en: 'There is no such candidacy in this election.',
  },
  CANDIDACY_EXISTS: {
    kind: 'conflict',
    es: 'Esa persona ya tiene una candidatura en esta elección.',
    en: 'That person already has a candidacy in this election.',
  },
  CANDIDACY_NOT_YOURS: {
    kind: 'forbidden',
    es: 'Solo la persona candidata puede aceptar o retirar su candidatura.',
    en: 'Only the candidate may accept or withdraw their candidacy.',
  },
  CANDIDACY_STATE_INVALID: {
    kind: 'conflict',
    es: 'La candidatura está «{status}»: no admite esa acción.',
    en: 'The candidacy is "{status}": it does not allow that action.',
  },
  CANDIDATE_NOT_DELEGATE: {
    kind: 'unprocessable',
    es: 'Solo un delegado activo puede ser candidato.',
    en: 'Only an active delegate may be a candidate.',
  },
  CONFLICT: {
    kind: 'conflict',
    es: 'Ya existe algo con esos mismos datos; no se guardó ningún cambio.',
    en: 'Something with the same details already exists; no change was saved.',
  },
  DATABASE_UNAVAILABLE: {
    kind: 'unavailable',
    es: 'La base de datos no está disponible en este momento; inténtelo de nuevo en unos segundos.',
    en: 'The database is unavailable right now; try again in a few seconds.',
  },
  SERVICE_UNAVAILABLE: {
    kind: 'unavailable',
    es: 'El servicio no está disponible en este momento.',
    en: 'The service is unavailable right now.',
  },
  INTERNAL_ERROR: {
    kind: 'internal',
    es: 'Error interno. El incidente quedó registrado.',
    en: 'Internal error. The incident has been logged.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type Language = 'es' | 'en';

export function errorKind(code: ErrorCode): ErrorKind {
  return ERROR_CATALOGUE[code].kind;
}

export function errorMessage(
  code: ErrorCode,
  language: Language,
  params: Record<string, unknown> = {},
): string {
  const template: string = ERROR_CATALOGUE[code][language];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    // A parameter may itself be translated: { es: '…', en: '…' }.
    if (typeof value === 'object' && value !== null && language in value) {
      return String((value as Record<Language, unknown>)[language]);
    }
    return String(value);
  });
}
