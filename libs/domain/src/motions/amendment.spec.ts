import { DomainError } from '../errors/domain-error.js';
import { errorMessage } from '../errors/error-catalogue.js';
import { applyAmendment, checkAmendment, type AmendmentChange } from './amendment.js';

const BODY = [
  'Artículo 1.- Declárese de prioridad regional la reducción de la desnutrición crónica infantil.',
  'Artículo 2.- Encárguese a la Dirección Regional de Salud la ejecución del programa.',
  'Artículo 3.- El plazo de cumplimiento es de noventa días.',
].join('\n');

function conflict(body: string, changes: readonly AmendmentChange[]): DomainError {
  try {
    applyAmendment(body, changes);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe('AMENDMENT_CONFLICT');
    return domainError;
  }
  throw new Error('expected AMENDMENT_CONFLICT, nothing was thrown');
}

describe('applyAmendment', () => {
  describe('replace', () => {
    it('replaces the one occurrence of the passage', () => {
      expect(applyAmendment(BODY, [{ op: 'replace', find: 'noventa días', text: 'sesenta días' }])).toBe(
        BODY.replace('noventa días', 'sesenta días'),
      );
    });

    it('can replace a passage with a longer or empty text', () => {
      expect(applyAmendment('uno dos tres', [{ op: 'replace', find: 'dos', text: 'dos y medio' }])).toBe(
        'uno dos y medio tres',
      );
      expect(applyAmendment('uno dos tres', [{ op: 'replace', find: 'dos ', text: '' }])).toBe('uno tres');
    });

    it('inserts the new text literally (no $-replacement patterns)', () => {
      expect(applyAmendment('costo: X soles', [{ op: 'replace', find: 'X', text: "$& $' $` $1" }])).toBe(
        "costo: $& $' $` $1 soles",
      );
    });
  });

  describe('delete', () => {
    it('removes the passage and nothing else', () => {
      expect(
        applyAmendment(BODY, [{ op: 'delete', find: ' la ejecución del programa' }]).split('\n')[1],
      ).toBe('Artículo 2.- Encárguese a la Dirección Regional de Salud.');
    });

    it('can delete a whole line including its newline', () => {
      const line2 = BODY.split('\n')[1]!;
      expect(applyAmendment(BODY, [{ op: 'delete', find: `${line2}\n` }]).split('\n')).toEqual([
        BODY.split('\n')[0],
        BODY.split('\n')[2],
      ]);
    });
  });

  describe('insert_after', () => {
    it('inserts right after the passage', () => {
      expect(
        applyAmendment(BODY, [
          { op: 'insert_after', find: 'desnutrición crónica infantil', text: ' y la anemia' },
        ]).split('\n')[0],
      ).toBe(
        'Artículo 1.- Declárese de prioridad regional la reducción de la desnutrición crónica infantil y la anemia.',
      );
    });

    it('can add a new article after an existing line', () => {
      const line1 = BODY.split('\n')[0]!;
      const result = applyAmendment(BODY, [
        { op: 'insert_after', find: `${line1}\n`, text: 'Artículo 1-A.- Créese el comité de vigilancia.\n' },
      ]);
      expect(result.split('\n')).toEqual([
        line1,
        'Artículo 1-A.- Créese el comité de vigilancia.',
        BODY.split('\n')[1],
        BODY.split('\n')[2],
      ]);
    });

    it('inserts at the very end when the passage closes the body', () => {
      expect(applyAmendment('uno dos', [{ op: 'insert_after', find: 'dos', text: ' tres' }])).toBe(
        'uno dos tres',
      );
    });
  });

  describe('append', () => {
    it('adds a new paragraph (blank line) after a body that does not end in a newline', () => {
      expect(applyAmendment(BODY, [{ op: 'append', text: 'Artículo 4.- Publíquese.' }])).toBe(
        `${BODY}\n\nArtículo 4.- Publíquese.`,
      );
    });

    it('adds a new paragraph after exactly one blank line, whatever the body ended with', () => {
      for (const ending of ['', '\n', '\n\n', '  \n']) {
        expect(applyAmendment(`${BODY}${ending}`, [{ op: 'append', text: 'Artículo 4.- Publíquese.' }])).toBe(
          `${BODY}\n\nArtículo 4.- Publíquese.`,
        );
      }
    });

    it('on an empty body, the body becomes the text', () => {
      expect(applyAmendment('', [{ op: 'append', text: 'Artículo único.- Apruébese.' }])).toBe(
        'Artículo único.- Apruébese.',
      );
    });

    it('does not need a passage and never conflicts, even if its text is already present', () => {
      expect(applyAmendment('a', [{ op: 'append', text: 'a' }])).toBe('a\n\na');
    });
  });

  describe('several changes', () => {
    it('applies them in order, each on the result of the previous ones', () => {
      const result = applyAmendment(BODY, [
        { op: 'replace', find: 'noventa días', text: 'sesenta días' },
        // sees the result of change 1: 'sesenta' exists only after it
        { op: 'insert_after', find: 'sesenta días', text: ' calendario' },
        { op: 'delete', find: ' regional' },
        { op: 'append', text: 'Artículo 4.- Publíquese en el diario oficial.' },
      ]);
      expect(result).toBe(
        [
          'Artículo 1.- Declárese de prioridad la reducción de la desnutrición crónica infantil.',
          'Artículo 2.- Encárguese a la Dirección Regional de Salud la ejecución del programa.',
          'Artículo 3.- El plazo de cumplimiento es de sesenta días calendario.',
          '',
          'Artículo 4.- Publíquese en el diario oficial.',
        ].join('\n'),
      );
    });

    it('a later change can make a passage unique (or absent) for the ones after it', () => {
      // 'salud' appears twice at first; after change 1 only once
      const body = 'salud pública y salud mental';
      expect(
        applyAmendment(body, [
          { op: 'replace', find: 'salud mental', text: 'bienestar' },
          { op: 'replace', find: 'salud', text: 'sanidad' },
        ]),
      ).toBe('sanidad pública y bienestar');
      const error = conflict(body, [
        { op: 'delete', find: 'salud pública y ' },
        { op: 'replace', find: 'salud pública', text: 'x' },
      ]);
      expect(error.params['change']).toBe(2);
    });

    it('does not change the input string', () => {
      const body = 'uno dos';
      applyAmendment(body, [{ op: 'replace', find: 'dos', text: 'tres' }]);
      expect(body).toBe('uno dos');
    });
  });

  describe('Spanish text with accents', () => {
    it('finds and replaces accented passages exactly', () => {
      expect(
        applyAmendment('La Educación y la niñez en Jaén; año 2026.', [
          { op: 'replace', find: 'Educación', text: 'educación intercultural bilingüe' },
          { op: 'replace', find: 'niñez', text: 'adolescencia' },
          { op: 'insert_after', find: 'Jaén', text: ' y San Ignacio' },
        ]),
      ).toBe('La educación intercultural bilingüe y la adolescencia en Jaén y San Ignacio; año 2026.');
    });

    it('does not fold accents or case: "educacion" is not "Educación"', () => {
      const error = conflict('La Educación es un derecho.', [{ op: 'delete', find: 'educacion' }]);
      expect(error.params['change']).toBe(1);
    });
  });

  describe('conflicts', () => {
    it('refuses a passage that is not in the text, naming the change (1-based)', () => {
      const error = conflict(BODY, [{ op: 'replace', find: 'ciento veinte días', text: 'x' }]);
      expect(error.params).toEqual({
        change: 1,
        reason: { es: 'el pasaje no aparece en el texto', en: 'the passage is not in the text' },
      });
      expect(errorMessage(error.code, 'es', error.params)).toBe(
        'El cambio 1 de la enmienda no se puede aplicar: el pasaje no aparece en el texto.',
      );
    });

    it('refuses a passage that appears more than once', () => {
      const error = conflict(BODY, [{ op: 'delete', find: 'Artículo' }]);
      expect(error.params).toEqual({
        change: 1,
        reason: { es: 'el pasaje aparece más de una vez', en: 'the passage appears more than once' },
      });
    });

    it('counts overlapping occurrences as more than one', () => {
      const error = conflict('aaa', [{ op: 'replace', find: 'aa', text: 'b' }]);
      expect(error.params['reason']).toEqual({
        es: 'el pasaje aparece más de una vez',
        en: 'the passage appears more than once',
      });
    });

    it.each(['replace', 'delete', 'insert_after'] as const)(
      '%s: absent and repeated passages conflict',
      (op) => {
        const change = (find: string): AmendmentChange =>
          op === 'delete' ? { op, find } : { op, find, text: 'x' };
        expect(conflict('uno dos', [change('tres')]).params['change']).toBe(1);
        expect(conflict('uno dos uno', [change('uno')]).params['change']).toBe(1);
      },
    );

    it('names the index of the failing change among several', () => {
      const error = conflict(BODY, [
        { op: 'append', text: 'Artículo 4.- Publíquese.' },
        { op: 'replace', find: 'noventa', text: 'sesenta' },
        { op: 'delete', find: 'Artículo 9' },
        { op: 'delete', find: 'Salud' },
      ]);
      expect(error.params['change']).toBe(3);
      expect(errorMessage(error.code, 'en', error.params)).toBe(
        'Change 3 of the amendment cannot be applied: the passage is not in the text.',
      );
    });

    it('refuses an amendment with no changes (change 0: none to name)', () => {
      const error = conflict(BODY, []);
      expect(error.params).toEqual({
        change: 0,
        reason: { es: 'la enmienda no propone cambios', en: 'the amendment proposes no change' },
      });
    });

    it('refuses an empty passage (it matches everywhere)', () => {
      expect(conflict('uno', [{ op: 'delete', find: '' }]).params['change']).toBe(1);
    });
  });
});

describe('checkAmendment', () => {
  it('accepts an amendment that applies, without returning anything', () => {
    expect(checkAmendment(BODY, [{ op: 'replace', find: 'noventa', text: 'sesenta' }])).toBeUndefined();
  });

  it('throws the same conflict as applyAmendment', () => {
    expect(() => checkAmendment(BODY, [{ op: 'delete', find: 'Artículo' }])).toThrow(DomainError);
    expect(() => checkAmendment(BODY, [])).toThrow(DomainError);
  });
});

describe('applyAmendment: the result must fit a motion', () => {
  it('refuses an amendment that would leave the text empty', () => {
    expect(() => applyAmendment('Artículo único.', [{ op: 'delete', find: 'Artículo único.' }])).toThrow(
      expect.objectContaining({ code: 'AMENDMENT_CONFLICT' }),
    );
  });

  it('refuses one that would pass 100 000 characters, counting characters rather than UTF-16 units', () => {
    const body = 'é'.repeat(60_000);
    expect(() => applyAmendment(body, [{ op: 'append', text: 'ñ'.repeat(40_000) }])).toThrow(
      expect.objectContaining({ code: 'AMENDMENT_CONFLICT' }),
    );
    expect(applyAmendment('😀'.repeat(60_000), [{ op: 'append', text: 'x'.repeat(39_998) }])).toHaveLength(
      120_000 + 2 + 39_998,
    );
  });
});
