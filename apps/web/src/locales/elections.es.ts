/** Elections and secret ballots (components/elections): a lazy chunk's catalogue. */
export const electionsEs = {
  elections: {
    ballot: {
      kind: 'Su voto',
      kinds: { candidates: 'Por candidaturas', blank: 'Voto en blanco', null: 'Voto nulo' },
      blank: 'Voto en blanco',
      null: 'Voto nulo',
      pickOne: 'Elija una candidatura',
      pickUpTo_one: 'Elija hasta {{count}} candidatura',
      pickUpTo_other: 'Elija hasta {{count}} candidaturas',
      pickedOf_one: 'Ha marcado {{count}} de {{max}} posibles',
      pickedOf_other: 'Ha marcado {{count}} de {{max}} posibles',
      next: 'Revisar mi voto',
      review: 'Revise su voto antes de enviarlo',
      correct: 'Corregir',
      sending: 'Enviando…',
      problems: {
        ELECTION_BALLOT_EMPTY: 'Marque al menos una candidatura, o elija voto en blanco o nulo.',
        ELECTION_TOO_MANY_CHOICES: 'Puede marcar como máximo {{max}}.',
        ELECTION_MARK_MISSING: 'Falta marcar a {{name}}: a favor, en contra o abstención.',
        ELECTION_BALLOT_SHAPE: 'Marque al menos una candidatura, o elija voto en blanco o nulo.',
        other: 'Revise su voto: la papeleta no es válida.',
      },
    },
    tracker: {
      heading: 'Su código de seguimiento',
      help: 'Es secreto hasta el cierre: con él puede cambiar su voto mientras la elección esté abierta y, después del cierre, comprobar que su papeleta se contó tal como la emitió. Nadie más lo conoce; si lo pierde, no se puede recuperar. Anótelo.',
      copy: 'Copiar el código',
      copied: 'Código copiado',
    },
  },
};
