import { decideElection } from './election-outcome.js';
import { explainElection, explainRound } from './election-explanation.js';

const seed = 'a'.repeat(64);
const names: Record<string, string> = { a: 'Ana', b: 'Beto', c: 'Carla', d: 'Dora' };
const name = (id: string) => names[id] ?? id;
const pick = (...candidates: string[]) => ({ kind: 'candidates' as const, candidates });

describe('explainElection', () => {
  it('says who won by which rule, the threshold, the run-off and the result', () => {
    const spec = { method: 'approval_up_to_n' as const, seats: 2, candidates: ['a', 'b', 'c', 'd'] };
    const outcome = decideElection({
      spec,
      firstRound: [pick('a', 'b'), pick('a', 'c'), pick('a', 'b'), pick('c', 'd'), { kind: 'blank' }],
      runoff: [pick('c'), pick('b'), pick('c'), pick('c'), pick('b')],
      seed,
    });
    const lines = explainElection(outcome, name);
    expect(lines.map((l) => l.es)).toEqual([
      'Papeletas: 5 (4 válidas, 1 en blanco, 0 nulas).',
      'Mayoría absoluta: más de la mitad de 4 votos válidos, es decir 3 votos; el voto en blanco y el nulo no cuentan en la base.',
      'Ana es elegida/o por mayoría absoluta (3 votos).',
      'Segunda vuelta por 1 puesto entre Beto y Carla.',
      'Papeletas: 5 (5 válidas, 0 en blanco, 0 nulas).',
      'Segunda vuelta: obtiene el puesto quien tiene más votos, con al menos uno.',
      'Carla es elegida/o por más votos en la segunda vuelta (3 votos).',
      'Resultado: Ana y Carla.',
    ]);
    expect(lines.at(-1)!.en).toBe('Result: Ana and Carla.');
  });

  it('names vacant seats and ties', () => {
    const spec = { method: 'single_choice' as const, seats: 1, candidates: ['a'] };
    const vacant = decideElection({ spec, firstRound: [{ kind: 'null' }], seed });
    expect(explainElection(vacant, name).map((l) => l.en)).toContain(
      '1 seat left vacant: a new call for candidacies is needed.',
    );
    const tied = decideElection({
      spec: { method: 'single_choice', seats: 1, candidates: ['a', 'b', 'c'] },
      firstRound: [pick('a'), pick('b'), pick('c')],
      seed,
    });
    expect(explainRound(tied.first, name).map((l) => l.es)).toContain(
      'Empate entre Ana, Beto y Carla por 2 lugares en la segunda vuelta: todas las candidaturas empatadas pasan a la segunda vuelta.',
    );
  });
});
